/**
 * Reconciliation: recovers what webhooks missed (a firewall, a CDN, a 3PAY
 * outage), at a cost in 3PAY calls that follows the invoices that can still
 * change, never the ledger's size:
 *
 * - open invoices (initiated, or a payment being confirmed): every run, through
 *   3PAY's list (one call per 100 invoices, newest first), from the oldest;
 * - invoices that expired with nothing received: looked at a few times on a
 *   decaying schedule (a late payment), only where the list already reaches
 *   (plus at most one page), never one verify each; then closed for good:
 *   no call ever again. One whose looks are all past is closed at once;
 * - paid invoices not applied yet, "confirmed" without a readable amount, and
 *   open invoices long past their expiry: verified one by one (a few per
 *   run), with a growing back-off (one a minute, doubling, at most hourly).
 *
 * Every change goes through the same sync workflow as webhooks. It spends only the Standard-tier calls checkout and
 * money leave free (lib/budget.ts: the "reconciliation" reserve), and takes a
 * lock so that several instances running the job do the work once.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { compareUsdt, type InvoiceDetails } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../modules/threepay"
import type { LedgerInvoice } from "../modules/threepay/ledger"
import type ThreePayModuleService from "../modules/threepay/service"
import { scheduleChecksWorkflow } from "../workflows/schedule-checks"
import { syncInvoiceWorkflow } from "../workflows/sync-invoice"
import { spend } from "./budget"
import { acquireLease, releaseLease, type Lease } from "./lease"

export type ReconcileOptions = {
  /** Most list calls per run (each covers 100 invoices). */
  maxPages?: number
  /** Open invoices the list did not show that may be verified one by one. */
  maxVerifies?: number
  now?: () => number
}

export type ReconcileReport = {
  started_at: string
  finished_at: string
  skipped: string | null
  /** Invoices due this run (open, expired on their schedule, paid not applied). */
  open: number
  list_calls: number
  verify_calls: number
  listed: number
  changed: string[]
  paid_without_webhook: string[]
  /** Expired with nothing received, past their last look: never called about again. */
  closed: string[]
  errors: string[]
}

const LOCK_KEY = "threepay:reconcile"
const LIVE = ["initiated", "pending", "amount_confirmed"]
const CLOSED = ["expired", "cancelled", "failed"]
/** Looks at an invoice that expired with nothing received, after its expiry; then it is closed. */
export const LOOKS_AFTER_EXPIRY_MS = [2 * 60_000, 15 * 60_000, 60 * 60_000, 6 * 60 * 60_000]
/** Back-off of paid-but-not-applied and unreadable invoices: 1 min, doubling, at most an hour. */
export const backoffMs = (looks: number) => Math.min(60_000 * 2 ** Math.max(0, looks), 60 * 60_000)

type Kind = "live" | "expired" | "retry"

/** An open invoice this long past its expiry is verified on its own, not listed (it would widen every list). */
const STALE_AFTER_MS = 60 * 60_000

function kindOf(row: LedgerInvoice, now: number): Kind | null {
  if (row.superseded_at || row.closed_at || row.applied_at) return null
  if (LIVE.includes(row.status)) {
    const expires = row.expires_at ? new Date(row.expires_at).getTime() : now
    return expires + STALE_AFTER_MS < now ? "retry" : "live"
  }
  const paid = row.state === "paid" || row.state === "overpaid"
  if (paid && !row.orphan) return "retry"
  if (row.status === "confirmed" && !row.received_known) return "retry"
  if (CLOSED.includes(row.status) && row.amount_received === "0") return "expired"
  return null
}

/** When to look again, or when to close for good; null: every run. */
export function nextLook(row: LedgerInvoice, kind: Kind, now: number): { next_check_at: Date | null; check_count: number; closed_at: Date | null } {
  const looks = (row.check_count ?? 0) + 1
  if (kind === "live") return { next_check_at: null, check_count: looks, closed_at: null }
  if (kind === "retry") return { next_check_at: new Date(now + backoffMs(looks - 1)), check_count: looks, closed_at: null }
  const expiredAt = new Date(row.expires_at ?? row.updated_at ?? now).getTime()
  const upcoming = LOOKS_AFTER_EXPIRY_MS.map((d) => expiredAt + d).find((t) => t > now)
  return upcoming ? { next_check_at: new Date(upcoming), check_count: looks, closed_at: null } : { next_check_at: null, check_count: looks, closed_at: new Date(now) }
}

function differs(row: LedgerInvoice, fresh: InvoiceDetails): boolean {
  if (row.status !== fresh.status) return true
  return fresh.actualBalance != null && compareUsdt(fresh.actualBalance, row.amount_received ?? "0") !== 0
}

/** The last look of an invoice that expired with nothing received is past: close it without asking 3PAY. */
function pastLastLook(row: LedgerInvoice, now: number): boolean {
  const expiredAt = new Date(row.expires_at ?? row.updated_at ?? now).getTime()
  return expiredAt + LOOKS_AFTER_EXPIRY_MS[LOOKS_AFTER_EXPIRY_MS.length - 1] <= now
}

async function dueInvoices(threepay: ThreePayModuleService, now: number) {
  const rows = (await threepay.listThreePayInvoices(
    {
      superseded_at: null,
      closed_at: null,
      applied_at: null,
      $or: [{ next_check_at: null }, { next_check_at: { $lte: new Date(now) } }],
    },
    { take: 5000, order: { created_at: "ASC" } }
  )) as LedgerInvoice[]
  return rows.map((row) => ({ row, kind: kindOf(row, now) })).filter((r): r is { row: LedgerInvoice; kind: Kind } => !!r.kind)
}

export async function reconcileOpenInvoices(container: MedusaContainer, opts: ReconcileOptions = {}): Promise<ReconcileReport> {
  const now = opts.now ?? Date.now
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const report: ReconcileReport = {
    started_at: new Date(now()).toISOString(),
    finished_at: "",
    skipped: null,
    open: 0,
    list_calls: 0,
    verify_calls: 0,
    listed: 0,
    changed: [],
    paid_without_webhook: [],
    closed: [],
    errors: [],
  }
  // A lease renewed while this runs (lib/lease.ts): a worker killed half-way holds up the next run for seconds, not minutes.
  let lease: Lease
  try {
    lease = await acquireLease(locking, [LOCK_KEY], { timeoutSeconds: 0, logger })
  } catch {
    report.skipped = "another instance is reconciling"
    report.finished_at = new Date(now()).toISOString()
    return report
  }
  const looked: Array<{ row: LedgerInvoice; kind: Kind }> = []
  try {
    const due = await dueInvoices(threepay, now())
    report.open = due.length
    if (!due.length) return report

    const apply = async (row: LedgerInvoice, fresh: InvoiceDetails) => {
      if (!differs(row, fresh) && kindOf(row, now()) !== "retry") return
      try {
        const { result } = await syncInvoiceWorkflow(container).run({
          input: { transaction_id: row.transaction_id, source: "reconciliation", snapshot: fresh },
        })
        if (result.changed || differs(row, fresh)) report.changed.push(row.transaction_id)
        if (fresh.status === "confirmed") {
          const events = await threepay.listThreePayWebhookEvents({ transaction_id: row.transaction_id }, { take: 1 })
          if (!events.length) report.paid_without_webhook.push(row.transaction_id)
        }
      } catch (e) {
        report.errors.push(`${row.transaction_id}: ${(e as Error).message}`)
      }
    }

    // Expired long enough ago that every look is past: closed now, at no cost.
    const expired = due.filter((d) => d.kind === "expired")
    for (const d of expired) if (pastLastLook(d.row, now())) looked.push(d)
    const live = due.filter((d) => d.kind === "live")
    const lookable = new Map(expired.filter((d) => !looked.includes(d)).map((d) => [d.row.transaction_id, d]))
    const wanted = new Map(live.map((d) => [d.row.transaction_id, d]))

    // The list: from the oldest open invoice (or, with none open, one page for the expired looks).
    if (wanted.size || lookable.size) {
      const from = wanted.size
        ? Math.min(...live.map((d) => new Date(d.row.created_at as unknown as string).getTime()))
        : Math.min(...[...lookable.values()].map((d) => new Date(d.row.created_at as unknown as string).getTime()))
      const maxPages = opts.maxPages ?? 10
      try {
        let extra = 0
        for await (const page of threepay
          .getClient()
          .iterateInvoicePages({ type: "deposit", fromDate: new Date(from - 60_000).toISOString() }, { pageSize: 100, maxPages, ...spend("reconciliation") })) {
          report.list_calls++
          report.listed += page.items.length
          for (const fresh of page.items) {
            const d = wanted.get(fresh.transactionId) ?? lookable.get(fresh.transactionId)
            if (!d) continue
            wanted.delete(fresh.transactionId)
            lookable.delete(fresh.transactionId)
            looked.push(d)
            await apply(d.row, fresh)
          }
          // Open invoices decide how far the list goes; expired looks get at most one page more.
          if (!wanted.size && (!lookable.size || ++extra > 1)) break
        }
      } catch (e) {
        report.errors.push(`list: ${(e as Error).message}`)
      }
    }
    // Expired looks the list did not reach: their next look comes round (no verify for them).
    for (const d of lookable.values()) looked.push(d)

    // One by one, a few per run: paid but not applied, unreadable amounts, open ones the list did not show.
    const singles = [...due.filter((d) => d.kind === "retry"), ...wanted.values()].slice(0, opts.maxVerifies ?? 5)
    for (const d of singles) {
      try {
        report.verify_calls++
        const fresh = await threepay.getClient().verifyInvoice(d.row.transaction_id, spend("reconciliation"))
        looked.push(d)
        await apply(d.row, fresh)
      } catch (e) {
        report.errors.push(`${d.row.transaction_id}: ${(e as Error).message}`)
      }
    }
    return report
  } finally {
    try {
      const at = now()
      const schedule = looked.map(({ row, kind }) => ({ transaction_id: row.transaction_id, ...nextLook(row, kind, at) }))
      report.closed = schedule.filter((s) => s.closed_at).map((s) => s.transaction_id)
      if (schedule.length) await scheduleChecksWorkflow(container).run({ input: { schedule } })
    } catch (e) {
      report.errors.push(`schedule: ${(e as Error).message}`)
    }
    report.finished_at = new Date(now()).toISOString()
    await releaseLease(locking, lease, logger)
    await threepay.setJobState("reconciliation", report as unknown as Record<string, unknown>).catch(() => undefined)
    if (report.paid_without_webhook.length) {
      logger.warn(
        `[3pay] reconciliation found ${report.paid_without_webhook.length} paid invoice(s) no webhook reported: ` +
          `check that 3PAY can reach /hooks/3pay (firewall, CDN, webhook URL in the 3PAY dashboard)`
      )
    }
  }
}
