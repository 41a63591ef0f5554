import { normalizeInvoiceStatus } from "medusa-payment-3pay-client"
import { toMicro } from "medusa-payment-3pay-client"
import { badRequest, notFound, ok, paginate, paging } from "../http"
import { cancelInvoice, createInvoice } from "../invoices"
import type { Route, RouteContext } from "../router"
import { createAnswer, invoiceData, statusWord, userTransactionData } from "../serialize"
import { amountParam, currencyTypeParam, dateParam, emailField, stringField, urlParam } from "../validate"

/** Invoices: create, verify, list, cancel (paths of docs/3pay-wire-format.md). */

function create({ emu, query, body }: RouteContext) {
  const network = currencyTypeParam(query.get("currencyType"))
  const amount = amountParam(query.get("amount") ?? undefined)
  const min = toMicro(emu.settings.minInvoiceAmount)
  if (amount < min) throw badRequest(`amount must be at least ${emu.settings.minInvoiceAmount} USDT`)
  const timerRaw = query.get("timer")
  let timerMinutes = emu.settings.defaultTimerMinutes
  if (timerRaw !== null && timerRaw !== "") {
    if (!/^\d+$/.test(timerRaw) || Number(timerRaw) < 1 || Number(timerRaw) > 1440) {
      throw badRequest("timer must be a whole number of minutes from 1 to 1440")
    }
    timerMinutes = Number(timerRaw)
  }
  const inv = createInvoice(emu, {
    network,
    amount,
    timerMinutes,
    webhookUrl: urlParam(query.get("webhookUrl"), "webhookUrl"),
    callbackUrl: urlParam(query.get("callbackUrl"), "callbackUrl"),
    referenceId: stringField(body, "referenceId", { max: 200 }),
    email: emailField(body, "email"),
    firstName: stringField(body, "firstName"),
    lastName: stringField(body, "lastName"),
    phoneNumber: stringField(body, "phoneNumber", { max: 50 }),
    username: stringField(body, "username"),
    description: stringField(body, "description", { max: 1000 }),
  })
  return ok(createAnswer(inv, emu.wire))
}

function findByQuery({ emu, query, body }: RouteContext) {
  const id = query.get("transactionId") ?? query.get("invoiceNo") ?? (typeof body.transactionId === "string" ? body.transactionId : null)
  if (!id) throw badRequest("transactionId is required")
  const inv = emu.store.findInvoice(id)
  if (!inv) throw notFound(`Transaction ${id} not found`)
  return inv
}

function verify(ctx: RouteContext) {
  const inv = findByQuery(ctx)
  const key = ctx.emu.faults.current.variants.verifyUnderDate ? "date" : "data"
  return ok({ success: true, message: "Transaction fetched successfully", [key]: invoiceData(inv, ctx.emu.wire) })
}

function includes(haystack: Array<string | null | undefined>, needle: string): boolean {
  return haystack.some((h) => typeof h === "string" && h.toLowerCase().includes(needle))
}

function statusMatches(wanted: string, status: string): boolean {
  const w = wanted.trim().toLowerCase()
  if (status.toLowerCase() === w) return true
  const nw = normalizeInvoiceStatus(wanted)
  return nw !== "pending" && nw === normalizeInvoiceStatus(status)
}

/**
 * Invoices (type deposit) plus per-user wallet deposits and withdrawals,
 * newest first. `search` matches email, name, username, walletAddress,
 * userId, transactionId, invoiceNo and referenceId (case-insensitive, substring).
 */
function list({ emu, query }: RouteContext) {
  const { page, limit } = paging(query)
  const search = query.get("search")?.trim().toLowerCase() || null
  const type = query.get("type") || null
  const status = query.get("status") || null
  const currencyType = query.get("currencyType")
  const network = currencyType ? currencyTypeParam(currencyType) : null
  const from = dateParam(query.get("fromDate"), "fromDate")
  const to = dateParam(query.get("toDate"), "toDate", true)
  type Row = { at: number; seq: number; doc: Record<string, unknown>; haystack: Array<string | null>; rawStatus: string }
  const rows: Row[] = []
  let seq = 0
  for (const inv of emu.store.invoices.values()) {
    const doc = invoiceData(inv, emu.wire)
    const name = [inv.firstName, inv.lastName].filter(Boolean).join(" ")
    rows.push({
      at: inv.createdAt,
      seq: seq++,
      doc,
      rawStatus: inv.status,
      haystack: [inv.email, name, inv.username, inv.walletAddress, inv.transactionId, inv.invoiceNo, inv.referenceId],
    })
  }
  for (const t of emu.store.userTransactions) {
    if (t.type !== "deposit" && t.type !== "withdrawal") continue
    const user = emu.store.users.get(t.userId)
    const name = [user?.firstName, user?.lastName].filter(Boolean).join(" ")
    rows.push({
      at: t.createdAt,
      seq: seq++,
      doc: userTransactionData(t, emu.wire),
      rawStatus: t.status,
      haystack: [user?.email ?? null, name, t.userId, t.walletAddress, t.id],
    })
  }
  const picked = rows
    .filter((r) => !search || includes(r.haystack, search))
    .filter((r) => !type || r.doc.type === type)
    .filter((r) => !status || statusMatches(status, r.rawStatus) || statusMatches(status, String(r.doc.status)))
    .filter((r) => !network || r.doc.currencyType === `USDT-${network}`)
    .filter((r) => (from === null || r.at >= from) && (to === null || r.at <= to))
    .sort((a, b) => b.at - a.at || b.seq - a.seq)
    .map((r) => r.doc)
  return ok({ success: true, data: paginate(picked, page, limit) })
}

function cancel(ctx: RouteContext) {
  const inv = cancelInvoice(ctx.emu, findByQuery(ctx))
  return ok({ success: true, message: "Transaction cancelled", data: { transactionId: inv.transactionId, status: statusWord(inv.status, ctx.emu.wire.variants) } })
}

export const invoiceRoutes: Route[] = [
  { method: "POST", path: "/transaction/create", name: "transaction.create", tier: "walletGen", handler: create },
  { method: "GET", path: "/public/transaction/verify", name: "transaction.verify", tier: "standard", handler: verify },
  { method: "GET", path: "/public/transaction/list", name: "transaction.list", tier: "standard", handler: list },
  { method: "POST", path: "/public/transaction/cancel", name: "transaction.cancel", tier: "standard", handler: cancel },
]
