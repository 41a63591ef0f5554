/**
 * Reconciliation: recovers what webhooks missed (a firewall, a CDN, a 3PAY
 * outage). It walks 3PAY's invoice list in pages of 100 (one call per 100
 * invoices, not one verify per invoice) from the oldest open invoice on, and
 * feeds every change through the same sync workflow as webhooks. It leaves
 * part of the Standard rate tier to checkout (`reserve`), and takes a lock so
 * that several instances running the job do the work once.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { compareUsdt } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import { syncInvoiceWorkflow } from "../workflows/sync-invoice"

export type ReconcileOptions = {
  /** Most list calls per run (each covers 100 invoices). */
  maxPages?: number
  /** Keep this many Standard-tier calls free for checkout. */
  reserve?: number
  /** Watch expired invoices this long for late payments. */
  lateWindowMs?: number
  /** Open invoices the list did not show that may be verified one by one. */
  maxVerifies?: number
}

export type ReconcileReport = {
  started_at: string
  finished_at: string
  skipped: string | null
  open: number
  list_calls: number
  verify_calls: number
  listed: number
  changed: string[]
  paid_without_webhook: string[]
  errors: string[]
}

const LOCK_KEY = "threepay:reconcile"
const OPEN_STATUSES = ["initiated", "amount_confirmed", "underpaid", "pending"]

async function openInvoices(threepay: ThreePayModuleService, lateWindowMs: number) {
  const since = new Date(Date.now() - lateWindowMs)
  const [live, paidUnapplied, recentlyClosed] = await Promise.all([
    threepay.listThreePayInvoices({ status: OPEN_STATUSES, superseded_at: null }, { take: 5000 }),
    // Paid but not applied yet; and "confirmed" without a readable amount (fail closed: ask again).
    threepay.listThreePayInvoices({ state: ["paid", "overpaid", "confirming"], applied_at: null, orphan: false }, { take: 1000 }),
    threepay.listThreePayInvoices(
      { status: ["expired"], superseded_at: null, applied_at: null, updated_at: { $gte: since } },
      { take: 5000 }
    ),
  ])
  const byId = new Map<string, (typeof live)[number]>()
  for (const row of [...live, ...paidUnapplied, ...recentlyClosed]) byId.set(row.transaction_id, row)
  return byId
}

type OpenRow = { transaction_id: string; status: string; state: string; amount_received: string | null }

function differs(row: OpenRow, fresh: InvoiceDetails): boolean {
  if (row.status !== fresh.status) return true
  return fresh.actualBalance != null && compareUsdt(fresh.actualBalance, row.amount_received ?? "0") !== 0
}

/** Paid in the ledger but not yet applied to Medusa: worth another try even if 3PAY says nothing new. */
const paidNotApplied = (row: OpenRow) => row.state === "paid" || row.state === "overpaid"

export async function reconcileOpenInvoices(
  container: MedusaContainer,
  opts: ReconcileOptions = {}
): Promise<ReconcileReport> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const report: ReconcileReport = {
    started_at: new Date().toISOString(),
    finished_at: "",
    skipped: null,
    open: 0,
    list_calls: 0,
    verify_calls: 0,
    listed: 0,
    changed: [],
    paid_without_webhook: [],
    errors: [],
  }
  const ownerId = `reconcile-${process.pid}-${Math.random().toString(36).slice(2)}`
  try {
    await locking.acquire(LOCK_KEY, { ownerId, expire: 300 })
  } catch {
    report.skipped = "another instance is reconciling"
    report.finished_at = new Date().toISOString()
    return report
  }
  try {
    const open = await openInvoices(threepay, opts.lateWindowMs ?? 24 * 60 * 60_000)
    report.open = open.size
    if (!open.size) return report

    const apply = async (row: OpenRow, fresh: InvoiceDetails) => {
      const moved = differs(row, fresh)
      if (!moved && !paidNotApplied(row)) return
      try {
        const { result } = await syncInvoiceWorkflow(container).run({
          input: { transaction_id: row.transaction_id, source: "reconciliation", snapshot: fresh },
        })
        if (result.changed || moved) report.changed.push(row.transaction_id)
        if (fresh.status === "confirmed") {
          const events = await threepay.listThreePayWebhookEvents({ transaction_id: row.transaction_id }, { take: 1 })
          if (!events.length) report.paid_without_webhook.push(row.transaction_id)
        }
      } catch (e) {
        report.errors.push(`${row.transaction_id}: ${(e as Error).message}`)
      }
    }

    const oldest = Math.min(...[...open.values()].map((r) => new Date(r.created_at as unknown as string).getTime()))
    const client = threepay.getClient()
    const pending = new Map(open)
    try {
      for await (const page of client.iterateInvoicePages(
        { type: "deposit", fromDate: new Date(oldest - 60_000).toISOString() },
        { pageSize: 100, maxPages: opts.maxPages ?? 20, reserve: opts.reserve ?? 20 }
      )) {
        report.list_calls++
        report.listed += page.items.length
        for (const fresh of page.items) {
          const row = pending.get(fresh.transactionId)
          if (!row) continue
          pending.delete(fresh.transactionId)
          await apply(row, fresh)
        }
        if (!pending.size) break
      }
    } catch (e) {
      report.errors.push(`list: ${(e as Error).message}`)
    }
    // Open invoices the list did not show (filters differ, or the run was cut
    // short): a few are verified one by one, the oldest first.
    const rest = [...pending.values()]
      .filter((r) => r.status !== "expired")
      .sort((a, b) => +new Date(a.created_at as unknown as string) - +new Date(b.created_at as unknown as string))
      .slice(0, opts.maxVerifies ?? 5)
    for (const row of rest) {
      try {
        report.verify_calls++
        const fresh = await client.verifyInvoice(row.transaction_id, { reserve: opts.reserve ?? 20 })
        await apply(row, fresh)
      } catch (e) {
        report.errors.push(`${row.transaction_id}: ${(e as Error).message}`)
      }
    }
    return report
  } finally {
    report.finished_at = new Date().toISOString()
    await locking.release(LOCK_KEY, { ownerId }).catch(() => undefined)
    await threepay.setJobState("reconciliation", report as unknown as Record<string, unknown>).catch(() => undefined)
    if (report.paid_without_webhook.length) {
      logger.warn(
        `[3pay] reconciliation found ${report.paid_without_webhook.length} paid invoice(s) no webhook reported: ` +
          `check that 3PAY can reach /hooks/3pay (firewall, CDN, webhook URL in the 3PAY dashboard)`
      )
    }
  }
}
