/**
 * Refunds that have not reached their end, looked for at 3PAY when their
 * time comes (the invoice reconciliation job runs it): a lost create answer
 * (`unknown`) is found in 3PAY's lists and never sent again; a withdrawal
 * waiting for review or execution gets its new status even when no webhook
 * comes. Each report is applied by the refund's workflow and Medusa's record
 * follows (`followUpRefund`). Backs off per refund: 1, 2, 4... minutes, at
 * most an hour between looks. One instance at a time (a lease).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { SentWithdrawal } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../modules/threepay"
import type { RefundRow } from "../modules/threepay/refund-rows"
import type ThreePayModuleService from "../modules/threepay/service"
import { followUpRefund } from "../workflows/record-medusa-refund"
import { applyWithdrawalReportWorkflow } from "../workflows/sync-refund"
import { spend } from "./budget"
import { acquireLease, releaseLease, type Lease } from "./lease"

const LOCK_KEY = "threepay:reconcile-refunds"

export type RefundReconcileReport = { looked: number; changed: string[]; errors: string[]; skipped: string | null }

export const nextRefundCheck = (checks: number, now: number) => new Date(now + Math.min(60_000 * 2 ** Math.min(checks, 6), 60 * 60_000))

export async function reconcileRefunds(container: MedusaContainer, opts: { now?: () => number; max?: number } = {}): Promise<RefundReconcileReport> {
  const now = opts.now ?? Date.now
  const report: RefundReconcileReport = { looked: 0, changed: [], errors: [], skipped: null }
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  let lease: Lease
  try {
    lease = await acquireLease(container.resolve(Modules.LOCKING), [LOCK_KEY], { timeoutSeconds: 0, logger })
  } catch {
    report.skipped = "another instance is reconciling refunds"
    return report
  }
  try {
    const due = (await threepay.listThreePayRefunds(
      { status: ["unknown", "requesting", "pending_review", "approved"], requested_at: { $ne: null }, next_check_at: { $lte: new Date(now()) } },
      { take: opts.max ?? 20, order: { next_check_at: "ASC" } }
    )) as RefundRow[]
    for (const row of due) {
      report.looked++
      try {
        await threepay.mutateRefund(row.id, (r) => ({ check_count: r.check_count + 1, next_check_at: nextRefundCheck(r.check_count + 1, now()) }))
        const sent = row.sent as SentWithdrawal | null
        if (!sent) continue
        const others = (await threepay.listThreePayRefunds({ user_id: row.user_id, withdrawal_id: { $ne: null } }, { select: ["id", "withdrawal_id"], take: 1000 }))
          .filter((r) => r.id !== row.id && r.withdrawal_id !== row.withdrawal_id)
          .map((r) => r.withdrawal_id as string)
        const found = await threepay.getClient().findWithdrawal({ ...sent, excludeIds: others }, spend("reconciliation"))
        if (found.kind !== "found") continue
        const { result } = await applyWithdrawalReportWorkflow(container).run({
          input: { refund_id: row.id, report: found.withdrawal, source: `reconciliation (3PAY's ${found.source})` },
        })
        if (result.changed) report.changed.push(row.id)
        await followUpRefund(container, row.id)
      } catch (e) {
        report.errors.push(`${row.id}: ${String((e as Error)?.message ?? e).slice(0, 200)}`)
      }
    }
    // Medusa's record of refunds whose status moved without it (a process that died after 3PAY answered).
    const behind = (await threepay.listThreePayRefunds(
      { $or: [{ status: ["pending_review", "approved", "completed"], medusa_amount: null }, { status: ["rejected", "failed"], medusa_reversed_at: null }] },
      { take: 20, select: ["id"] }
    )) as Array<{ id: string }>
    for (const r of behind) {
      try {
        await followUpRefund(container, r.id)
      } catch (e) {
        report.errors.push(`${r.id}: ${String((e as Error)?.message ?? e).slice(0, 200)}`)
      }
    }
  } finally {
    await releaseLease(container.resolve(Modules.LOCKING), lease, logger)
  }
  if (report.errors.length) logger.warn(`[3pay] refund reconciliation: ${report.errors.join("; ")}`)
  return report
}
