import { z } from "zod"
import { ThreePayBadResponseError } from "./errors"
import { CurrencyType, currencyTypeOf, Network, parseNetwork } from "./networks"
import { normalizeInvoiceStatus, normalizeWithdrawalStatus } from "./status"
import type {
  BalanceUpdate,
  CancelledInvoice,
  InvoiceDetails,
  MaskedWebhookSecret,
  Page,
  RotatedWebhookSecret,
  UserWallet,
  WalletBalance,
  WebhookDeliveryEvent,
  WebhookRetryResult,
  WebhookTestResult,
  WebhookUrlResult,
  Withdrawal,
  WithdrawalRequest,
} from "./types"
import { normalizeUsdt } from "./usdt"

/**
 * Response schemas: strict in what matters (ids, URLs, amounts that are
 * present must be numbers), tolerant in everything the doc versions disagree
 * on (docs/3pay-wire-format.md, "Variants"):
 * - the payload sits at top level, under `data`, or under the misspelt `date`;
 * - `url` or `paymentUrl`; `id` for `transactionId`; `network` for `currencyType`;
 * - amounts as JSON numbers or strings, turned into canonical decimal strings;
 * - statuses in any case and vocabulary, via status.ts (unknown -> "pending").
 * A body we cannot read becomes ThreePayBadResponseError naming the fields,
 * never quoting the body (it may carry emails or a webhook secret).
 */

type Rec = Record<string, unknown>
export function isRecord(v: unknown): v is Rec {
  return typeof v === "object" && v !== null && !Array.isArray(v)
}

/** The object 3PAY put its answer in: `data`, `date` (misspelling), or the body itself. */
export function payloadOf(body: unknown): unknown {
  if (!isRecord(body)) return body
  if (body.data !== undefined && body.data !== null) return body.data
  if (body.date !== undefined && body.date !== null && typeof body.date === "object") return body.date
  return body
}

/**
 * The answer's object: the `data` / `date` object when there is one, else the
 * top level (without the envelope keys). With `mergeTop`, top-level fields are
 * kept under the nested ones (the create answer may put fields in either
 * place). Not merged by default: an envelope `status: "success"` must never
 * become a withdrawal's or an invoice's status.
 */
export function flattenPayload(body: unknown, mergeTop = false): Rec {
  if (!isRecord(body)) return {}
  let p = payloadOf(body)
  if (Array.isArray(p) && p.length === 1) p = p[0]
  const { data: _d, date: _t, ...top } = body
  if (isRecord(p) && p !== body) return mergeTop ? { ...top, ...p } : p
  return top
}

// ---------- field schemas (each accepts a missing key) ----------

/** Strings and numbers as trimmed text; anything else (or empty) as null. */
export const textField = z.unknown().transform((v): string | null => {
  if (typeof v === "string") return v.trim() || null
  if (typeof v === "number" && Number.isFinite(v)) return String(v)
  return null
})

/** Number or numeric string as a canonical USDT decimal; missing as null; garbage is an error. */
export const amountField = z.unknown().transform((v, ctx): string | null => {
  if (v === undefined || v === null || v === "") return null
  if (typeof v === "number" || typeof v === "string") {
    try {
      return normalizeUsdt(typeof v === "string" ? v.trim() : v, "half-up")
    } catch {
      /* reported below */
    }
  }
  ctx.addIssue({ code: "custom", message: "is not a USDT amount" })
  return z.NEVER
})

/** ISO string, epoch seconds or ms; unreadable as null (dates are informative only). */
export const dateField = z.unknown().transform((v): string | null => {
  let ms: number | null = null
  if (typeof v === "number" && Number.isFinite(v)) ms = v < 1e11 ? v * 1000 : v
  else if (typeof v === "string" && v.trim()) {
    const s = v.trim()
    ms = /^\d+$/.test(s) ? (Number(s) < 1e11 ? Number(s) * 1000 : Number(s)) : Date.parse(s)
  }
  if (ms === null || Number.isNaN(ms)) return null
  const d = new Date(ms)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
})

export const intField = z.unknown().transform((v): number | null => {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\s*\d+\s*$/.test(v) ? Number(v) : NaN
  return Number.isInteger(n) ? n : null
})

export const boolField = z.unknown().transform((v): boolean | null => {
  if (typeof v === "boolean") return v
  if (v === "true") return true
  if (v === "false") return false
  return null
})

function networkOf(...candidates: unknown[]): { network: Network | null; currencyType: CurrencyType | null } {
  for (const c of candidates) {
    const n = parseNetwork(c)
    if (n) return { network: n, currencyType: currencyTypeOf(n) }
  }
  return { network: null, currencyType: null }
}

function rawStatusOf(v: unknown): string {
  return typeof v === "string" ? v.trim() : typeof v === "number" ? String(v) : ""
}

function required(ctx: z.RefinementCtx, value: string | null, path: string): value is string {
  if (value) return true
  ctx.addIssue({ code: "custom", message: "is missing", path: [path] })
  return false
}

// ---------- invoices ----------

export const invoiceSchema = z
  .object({
    transactionId: textField,
    id: textField,
    _id: textField,
    invoiceNo: textField,
    type: textField,
    status: z.unknown(),
    amount: amountField,
    actualBalance: amountField,
    fee: amountField,
    netAmount: amountField,
    currencyType: z.unknown(),
    network: z.unknown(),
    walletAddress: textField,
    address: textField,
    blockchainTxHash: textField,
    transactionHash: textField,
    txHash: textField,
    paymentUrl: textField,
    url: textField,
    referenceId: textField,
    clientReference: textField,
    createdAt: dateField,
    confirmedAt: dateField,
    expiresAt: dateField,
    expiredAt: dateField,
  })
  .transform((o, ctx): InvoiceDetails => {
    const transactionId = o.transactionId ?? o.id ?? o._id
    if (!required(ctx, transactionId, "transactionId")) return z.NEVER
    const rawStatus = rawStatusOf(o.status)
    return {
      transactionId,
      invoiceNo: o.invoiceNo,
      type: o.type ? o.type.toLowerCase() : null,
      status: normalizeInvoiceStatus(rawStatus),
      rawStatus,
      ...networkOf(o.currencyType, o.network),
      amount: o.amount,
      actualBalance: o.actualBalance,
      fee: o.fee,
      netAmount: o.netAmount,
      walletAddress: o.walletAddress ?? o.address,
      blockchainTxHash: o.blockchainTxHash ?? o.transactionHash ?? o.txHash,
      paymentUrl: o.paymentUrl ?? o.url,
      referenceId: o.referenceId ?? o.clientReference,
      createdAt: o.createdAt,
      confirmedAt: o.confirmedAt,
      expiresAt: o.expiresAt ?? o.expiredAt,
    }
  })

/** `transaction/create`: `url` or `paymentUrl`, at top level or under `data`. */
export const createResponseSchema = z
  .object({
    transactionId: textField,
    id: textField,
    invoiceNo: textField,
    url: textField,
    paymentUrl: textField,
    walletAddress: textField,
    address: textField,
    expiresAt: dateField,
    amount: amountField,
    currencyType: z.unknown(),
    network: z.unknown(),
  })
  .transform((o, ctx) => {
    const transactionId = o.transactionId ?? o.id
    const paymentUrl = o.url ?? o.paymentUrl
    if (!required(ctx, transactionId, "transactionId")) return z.NEVER
    if (!required(ctx, paymentUrl, "url")) return z.NEVER
    if (!/^https?:\/\//i.test(paymentUrl)) {
      ctx.addIssue({ code: "custom", message: "is not an http(s) URL", path: ["url"] })
      return z.NEVER
    }
    return {
      transactionId,
      invoiceNo: o.invoiceNo,
      paymentUrl,
      walletAddress: o.walletAddress ?? o.address,
      expiresAt: o.expiresAt,
      echoedAmount: o.amount,
      echoedNetwork: networkOf(o.currencyType, o.network).network,
    }
  })
export type CreateResponse = z.output<typeof createResponseSchema>

export const cancelResponseSchema = z
  .object({ transactionId: textField, id: textField, status: z.unknown() })
  .transform((o) => ({ transactionId: o.transactionId ?? o.id, rawStatus: rawStatusOf(o.status) }))

export function toCancelled(parsed: z.output<typeof cancelResponseSchema>, requestedId: string): CancelledInvoice {
  // A 2xx without a status word means 3PAY accepted the cancel.
  const rawStatus = parsed.rawStatus || "cancelled"
  return { transactionId: parsed.transactionId ?? requestedId, status: normalizeInvoiceStatus(rawStatus), rawStatus }
}

// ---------- lists ----------

const LIST_KEYS = ["docs", "items", "transactions", "results", "events", "requests", "withdrawals", "rows", "data"]

const pageMetaSchema = z.object({
  page: intField,
  currentPage: intField,
  limit: intField,
  perPage: intField,
  totalPages: intField,
  pages: intField,
  totalDocs: intField,
  total: intField,
  count: intField,
})

export type RawPage = { rawItems: unknown[]; page: number; limit: number; totalPages: number | null; total: number | null }

/**
 * `{ data: { docs, page, limit, totalPages, totalDocs } }`, or `items` /
 * `transactions` / a bare array instead of `docs`, `total` for the count,
 * meta beside the array or under `pagination`.
 */
export function readPage(body: unknown, requested: { page: number; limit: number }): RawPage | null {
  const payload = payloadOf(body)
  let rawItems: unknown[] | null = null
  let metaSource: unknown = isRecord(body) ? body : {}
  if (Array.isArray(payload)) rawItems = payload
  else if (isRecord(payload)) {
    for (const k of LIST_KEYS) {
      if (Array.isArray(payload[k])) {
        rawItems = payload[k] as unknown[]
        break
      }
    }
    metaSource = { ...(isRecord(body) ? body : {}), ...payload, ...(isRecord(payload.pagination) ? payload.pagination : {}) }
  }
  if (!rawItems) return null
  const m = pageMetaSchema.parse(isRecord(metaSource) ? metaSource : {})
  return {
    rawItems,
    page: m.page ?? m.currentPage ?? requested.page,
    limit: m.limit ?? m.perPage ?? requested.limit,
    totalPages: m.totalPages ?? m.pages,
    total: m.totalDocs ?? m.total ?? m.count,
  }
}

export type ItemParser<T> = (raw: unknown) => T | null

export function itemParser<T>(schema: z.ZodType<T>): ItemParser<T> {
  return (raw) => {
    const p = schema.safeParse(raw)
    return p.success ? p.data : null
  }
}

/** For types that keep 3PAY's own object in `raw`. */
export function itemParserWithRaw<T extends object>(schema: z.ZodType<T>): ItemParser<T & { raw: unknown }> {
  return (raw) => {
    const p = schema.safeParse(raw)
    return p.success ? { ...p.data, raw } : null
  }
}

/** Builds a Page, skipping items that cannot be read (they are counted in `skipped`). */
export function toPage<T>(raw: RawPage, item: ItemParser<T>): Page<T> {
  const items: T[] = []
  let skipped = 0
  for (const r of raw.rawItems) {
    const p = item(r)
    if (p !== null) items.push(p)
    else skipped++
  }
  return { items, page: raw.page, limit: raw.limit, totalPages: raw.totalPages, total: raw.total, ...(skipped ? { skipped } : {}) }
}

// ---------- wallets ----------

const walletEntrySchema = z
  .object({
    walletAddress: textField,
    address: textField,
    walletNetwork: z.unknown(),
    network: z.unknown(),
    currencyType: z.unknown(),
    balance: amountField,
    lastDepositAt: dateField,
    lastDepositAmount: amountField,
  })
  .transform((o, ctx) => {
    const walletAddress = o.walletAddress ?? o.address
    if (!required(ctx, walletAddress, "walletAddress")) return z.NEVER
    const { network, currencyType } = networkOf(o.walletNetwork, o.currencyType, o.network)
    const rawNet = [o.walletNetwork, o.currencyType, o.network].find((x) => typeof x === "string") as string | undefined
    return {
      walletAddress,
      network,
      currencyType: currencyType ?? rawNet ?? "",
      balance: o.balance,
      lastDepositAt: o.lastDepositAt,
      lastDepositAmount: o.lastDepositAmount,
    }
  })

export const userWalletSchema = z
  .object({
    userId: textField,
    email: textField,
    isActive: boolField,
    wallets: z.array(walletEntrySchema).default([]),
  })
  .transform(
    (o): Omit<UserWallet, "raw"> => ({
      userId: o.userId,
      wallets: o.wallets.map((w) => ({ walletAddress: w.walletAddress, network: w.network, currencyType: w.currencyType })),
      email: o.email,
      isActive: o.isActive,
    })
  )

export const walletBalanceSchema = z
  .object({
    userId: textField,
    totalBalance: amountField,
    balance: amountField,
    wallets: z.array(walletEntrySchema).default([]),
  })
  .transform(
    (o): Omit<WalletBalance, "raw"> => ({
      userId: o.userId,
      totalBalance: o.totalBalance ?? o.balance,
      wallets: o.wallets.map((w) => ({
        walletAddress: w.walletAddress,
        network: w.network,
        balance: w.balance,
        lastDepositAt: w.lastDepositAt,
        lastDepositAmount: w.lastDepositAmount,
      })),
    })
  )

export const balanceUpdateSchema = z
  .object({ userId: textField, totalBalance: amountField, balance: amountField })
  .transform((o): Omit<BalanceUpdate, "raw"> => ({ userId: o.userId, totalBalance: o.totalBalance ?? o.balance }))

// ---------- withdrawals ----------

const withdrawalFields = {
  withdrawalId: textField,
  id: textField,
  _id: textField,
  status: z.unknown(),
  transactionHash: textField,
  blockchainTxHash: textField,
  txHash: textField,
  fee: amountField,
  netAmount: amountField,
}

/** `status` in 3PAY's word and ours; the hash under any of its three names. */
function withdrawalState(o: { status: unknown; transactionHash: string | null; blockchainTxHash: string | null; txHash: string | null }) {
  const rawStatus = rawStatusOf(o.status)
  return { status: normalizeWithdrawalStatus(rawStatus), rawStatus, transactionHash: o.transactionHash ?? o.blockchainTxHash ?? o.txHash }
}

/** Create / approve / reject answers. The documented create answer has no id at all (`{ status, transactionHash, fee, netAmount }`). */
export const withdrawalSchema = z.object(withdrawalFields).transform(
  (o): Omit<Withdrawal, "raw"> => ({
    id: o.withdrawalId ?? o.id ?? o._id,
    ...withdrawalState(o),
    fee: o.fee,
    netAmount: o.netAmount,
  })
)

/** Items of `withdrawal-requests` (and withdrawal webhooks' `data`). */
export const withdrawalRequestSchema = z
  .object({
    ...withdrawalFields,
    transactionId: textField,
    userId: textField,
    amount: amountField,
    currencyType: z.unknown(),
    network: z.unknown(),
    walletAddress: textField,
    address: textField,
    reason: textField,
    createdAt: dateField,
  })
  .transform((o, ctx): Omit<WithdrawalRequest, "raw"> => {
    const id = o.withdrawalId ?? o.id ?? o._id ?? o.transactionId
    if (!required(ctx, id, "id")) return z.NEVER
    return {
      id,
      userId: o.userId,
      amount: o.amount,
      fee: o.fee,
      netAmount: o.netAmount,
      network: networkOf(o.currencyType, o.network).network,
      walletAddress: o.walletAddress ?? o.address,
      ...withdrawalState(o),
      reason: o.reason,
      createdAt: o.createdAt,
    }
  })

// ---------- webhook management ----------

export const webhookEventSchema = z
  .object({
    id: textField,
    _id: textField,
    webhookEventId: textField,
    eventId: textField,
    deliveryStatus: textField,
    status: textField,
    eventType: textField,
    type: textField,
    transactionId: textField,
    attempts: intField,
    lastAttemptAt: dateField,
  })
  .transform((o, ctx): Omit<WebhookDeliveryEvent, "raw"> => {
    const id = o.id ?? o._id ?? o.webhookEventId ?? o.eventId
    if (!required(ctx, id, "id")) return z.NEVER
    return {
      id,
      deliveryStatus: (o.deliveryStatus ?? o.status ?? "unknown").toLowerCase(),
      eventType: o.eventType ?? o.type,
      transactionId: o.transactionId,
      attempts: o.attempts,
      lastAttemptAt: o.lastAttemptAt,
    }
  })

export const webhookUrlSchema = z
  .object({ webhookUrl: textField, url: textField })
  .transform((o): WebhookUrlResult => ({ webhookUrl: o.webhookUrl ?? o.url }))

export const webhookTestSchema = z
  .object({ eventId: textField, id: textField, delivered: boolField, statusCode: intField, responseStatus: intField })
  .transform(
    (o): WebhookTestResult => ({ eventId: o.eventId ?? o.id, delivered: o.delivered, statusCode: o.statusCode ?? o.responseStatus })
  )

export const maskedSecretSchema = z
  .object({ secret: textField, webhookSecret: textField, maskedSecret: textField })
  .transform((o, ctx): MaskedWebhookSecret => {
    const s = o.maskedSecret ?? o.secret ?? o.webhookSecret
    if (!required(ctx, s, "secret")) return z.NEVER
    return { maskedSecret: s }
  })

export const rotatedSecretSchema = z
  .object({ secret: textField, webhookSecret: textField })
  .transform((o, ctx): RotatedWebhookSecret => {
    const s = o.secret ?? o.webhookSecret
    if (!required(ctx, s, "secret")) return z.NEVER
    return { secret: s }
  })

export const webhookRetrySchema = z
  .object({ id: textField, webhookEventId: textField, deliveryStatus: textField, status: textField })
  .transform(
    (o): WebhookRetryResult => ({ id: o.id ?? o.webhookEventId, deliveryStatus: (o.deliveryStatus ?? o.status)?.toLowerCase() ?? null })
  )

// ---------- parsing with a typed failure ----------

export type ResponseContext = { endpoint: string; requestId?: string; status?: number }

/** Field paths and zod's words only: never a value from the body. */
function issuesOf(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join(".") : "body"} ${i.message}`)
    .join("; ")
}

export function badResponse(ctx: ResponseContext, what: string): ThreePayBadResponseError {
  return new ThreePayBadResponseError(`3PAY ${ctx.endpoint} answered ${ctx.status ?? 200} with a body we cannot read (${what}).`, {
    status: ctx.status,
    requestId: ctx.requestId,
    endpoint: ctx.endpoint,
    unreadable: true,
  })
}

export function parseWith<S extends z.ZodType>(schema: S, input: unknown, ctx: ResponseContext): z.output<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  throw badResponse(ctx, issuesOf(r.error))
}

/** Parses the payload (top level, `data` or `date`) of a single-object answer. */
export function parsePayload<S extends z.ZodType>(schema: S, body: unknown, ctx: ResponseContext, mergeTop = false): z.output<S> {
  return parseWith(schema, flattenPayload(body, mergeTop), ctx)
}

export function parsePage<T>(body: unknown, item: ItemParser<T>, requested: { page: number; limit: number }, ctx: ResponseContext): Page<T> {
  const raw = readPage(body, requested)
  if (!raw) throw badResponse(ctx, "no list of items")
  return toPage(raw, item)
}
