/**
 * Wallet reconciliation: finds deposits no webhook reported, at a cost that
 * follows the wallets that can still change, never the number of customers:
 *
 * - a customer with a cart waiting on a deposit: every run;
 * - a customer who was shown an address in the last `wallets.watchMinutes`:
 *   on a decaying schedule (1 min, doubling, at most hourly);
 * - everyone else: never (a later deposit arrives by webhook, or is found
 *   when the customer comes back and checks out: checkout re-reads the wallet).
 *
 * Each look is the sync workflow in "balance first" mode (one Standard-tier
 * call when nothing new arrived), spending only the "reconciliation" reserve
 * (lib/budget.ts). Then any deposit still waiting to complete a cart gets
 * its settlement (no 3PAY call). A lock makes several instances do the work once.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import type { WalletUserRow } from "../modules/threepay/wallet-rows"
import { scheduleWalletChecksWorkflow, type WalletCheckSchedule } from "../workflows/schedule-wallet-checks"
import { syncWalletWorkflow } from "../workflows/sync-wallet"
import { acquireLease, releaseLease, type Lease } from "./lease"
import { settleWalletCarts } from "./wallet-settlement"

export type WalletReconcileReport = {
  started_at: string
  finished_at: string
  skipped: string | null
  due: number
  looked: number
  calls: number
  /** Deposits credited by this run: no webhook had reported them. */
  credited: string[]
  orders: string[]
  mismatches: string[]
  errors: string[]
}

const LOCK_KEY = "threepay:reconcile-wallets"
export const walletBackoffMs = (looks: number) => Math.min(60_000 * 2 ** Math.max(0, looks), 60 * 60_000)

export async function reconcileWallets(container: MedusaContainer, opts: { maxUsers?: number; now?: () => number } = {}): Promise<WalletReconcileReport> {
  const now = opts.now ?? Date.now
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const o = threepay.getOptions()
  const report: WalletReconcileReport = {
    started_at: new Date(now()).toISOString(),
    finished_at: "",
    skipped: null,
    due: 0,
    looked: 0,
    calls: 0,
    credited: [],
    orders: [],
    mismatches: [],
    errors: [],
  }
  if (!o.wallets.enabled) {
    report.skipped = "wallets are off"
    report.finished_at = report.started_at
    return report
  }
  const locking = container.resolve(Modules.LOCKING)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  // A lease renewed while this runs (lib/lease.ts): a worker killed half-way holds up the next run for seconds, not minutes.
  let lease: Lease
  try {
    lease = await acquireLease(locking, [LOCK_KEY], { timeoutSeconds: 0, logger })
  } catch {
    report.skipped = "another instance is reconciling wallets"
    report.finished_at = new Date(now()).toISOString()
    return report
  }
  const schedule: WalletCheckSchedule[] = []
  try {
    const waiting = new Set(
      ((await threepay.listThreePayWalletCheckouts({ status: "waiting" }, { take: 5000, select: ["customer_id"] })) as Array<{ customer_id: string }>).map(
        (c) => c.customer_id
      )
    )
    const shownSince = new Date(now() - o.wallets.watchMinutes * 60_000)
    const candidates = (await threepay.listThreePayWalletUsers(
      { $or: [{ next_check_at: null }, { next_check_at: { $lte: new Date(now()) } }] },
      { take: 5000, order: { address_shown_at: "DESC" } }
    )) as WalletUserRow[]
    const due = candidates.filter((u) => waiting.has(u.customer_id) || (u.address_shown_at && new Date(u.address_shown_at) >= shownSince))
    report.due = due.length
    for (const u of due.slice(0, opts.maxUsers ?? 10)) {
      report.looked++
      const isWaiting = waiting.has(u.customer_id)
      schedule.push({
        wallet_user_id: u.id,
        next_check_at: isWaiting ? null : new Date(now() + walletBackoffMs(u.check_count ?? 0)),
        check_count: isWaiting ? 0 : (u.check_count ?? 0) + 1,
      })
      try {
        const { result } = await syncWalletWorkflow(container).run({
          input: { customer_id: u.customer_id, source: "reconciliation", mode: "balance_first" },
        })
        report.calls += result.calls
        report.credited.push(...result.credited)
        if (result.difference) report.mismatches.push(u.customer_id)
      } catch (e) {
        report.errors.push(`${u.customer_id}: ${(e as Error).message}`)
      }
    }
    // Deposits (from this run, a webhook, or an earlier failure) that may still complete a cart.
    const open = (await threepay.listThreePayWalletEntries({ trigger_open: true }, { take: 500, select: ["customer_id"] })) as Array<{ customer_id: string }>
    for (const customerId of new Set(open.map((e) => e.customer_id))) {
      const r = await settleWalletCarts(container, customerId, { source: "reconciliation" })
      report.orders.push(...r.orders)
      report.errors.push(...r.errors)
    }
    return report
  } finally {
    if (schedule.length) await scheduleWalletChecksWorkflow(container).run({ input: { schedule } }).catch((e) => report.errors.push(`schedule: ${(e as Error).message}`))
    report.finished_at = new Date(now()).toISOString()
    await releaseLease(locking, lease, logger)
    await threepay.setJobState("wallet_reconciliation", report as unknown as Record<string, unknown>).catch(() => undefined)
  }
}
