/**
 * The money rules of refunds, pure (refund.ts is the row, service.ts the
 * locked write path):
 *
 * - Statuses only move forward: requesting → (unknown) → pending_review →
 *   approved → completed | rejected | failed. A final status is never left;
 *   a late or repeated report of an earlier one changes nothing.
 * - Refundable = captured + excess - refunded, never below zero, where
 *   "refunded" counts every refund not known to have sent nothing (only
 *   `rejected` and `failed` give their amount back). An `unknown` one counts:
 *   its withdrawal may exist.
 * - Refunds take the overpayment excess first (it was never captured in
 *   Medusa), then the captured amount: only that part is a Medusa refund.
 */
import { fromMicro, toMicro } from "medusa-payment-3pay-client"

export const REFUND_STATUSES = ["requesting", "unknown", "pending_review", "approved", "completed", "rejected", "failed"] as const
export type RefundStatus = (typeof REFUND_STATUSES)[number]

const RANK: Record<RefundStatus, number> = {
  requesting: 0,
  unknown: 1,
  pending_review: 2,
  approved: 3,
  completed: 4,
  rejected: 4,
  failed: 4,
}

export const FINAL_REFUND_STATUSES: readonly RefundStatus[] = ["completed", "rejected", "failed"]
/** Statuses in which no USDT left and none will: the amount is refundable again. */
export const VOID_REFUND_STATUSES: readonly RefundStatus[] = ["rejected", "failed"]
/** 3PAY accepted the request: the refund is recorded in Medusa from here on (until rejected or failed). */
export const ACCEPTED_REFUND_STATUSES: readonly RefundStatus[] = ["pending_review", "approved", "completed"]

export const isFinalRefund = (s: RefundStatus) => FINAL_REFUND_STATUSES.includes(s)
export const isVoidRefund = (s: RefundStatus) => VOID_REFUND_STATUSES.includes(s)

/** The status after `reported`: the later of the two, and a final status stays. */
export function nextRefundStatus(current: RefundStatus, reported: RefundStatus): RefundStatus {
  if (isFinalRefund(current)) return current
  return RANK[reported] > RANK[current] ? reported : current
}

/** A 3PAY withdrawal status (client's `normalizeWithdrawalStatus`) as a refund status. */
export function refundStatusOf(withdrawalStatus: string): RefundStatus {
  switch (withdrawalStatus) {
    case "pending_review":
    case "approved":
    case "completed":
    case "rejected":
    case "failed":
      return withdrawalStatus
    default:
      return "unknown"
  }
}

export type RefundableInput = {
  captured: string
  excess: string
  refunds: Array<{ amount: string; status: RefundStatus }>
}

export type Refundable = { amount: string; captured: string; excess: string; refunded: string }

export function refundableOf(input: RefundableInput): Refundable {
  const captured = toMicro(input.captured, "down")
  const excess = toMicro(input.excess, "down")
  let refunded = 0n
  for (const r of input.refunds) if (!isVoidRefund(r.status)) refunded += toMicro(r.amount, "down")
  const left = captured + excess - refunded
  return { amount: fromMicro(left > 0n ? left : 0n), captured: fromMicro(captured), excess: fromMicro(excess), refunded: fromMicro(refunded) }
}

/**
 * The part of a new refund of `amount` that comes out of Medusa's capture,
 * when `before` (USDT) was already refunded: the excess goes first.
 */
export function capturedPartOf(amount: string, before: string, excess: string): string {
  const a = toMicro(amount, "down")
  const b = toMicro(before, "down")
  const e = toMicro(excess, "down")
  const over = (x: bigint) => (x > e ? x - e : 0n)
  return fromMicro(over(b + a) - over(b))
}
