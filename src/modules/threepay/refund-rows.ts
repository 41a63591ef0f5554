/** The refund table's row as the module returns it, what a new refund carries, and its timeline. */
import type { InferTypeOf } from "@medusajs/framework/types"
import type { Network } from "medusa-payment-3pay-client"
import type { ThreePayRefund } from "./models/refund"
import { isFinalRefund, isVoidRefund, nextRefundStatus, refundStatusOf, type RefundStatus } from "./refund-rules"

export type RefundRow = InferTypeOf<typeof ThreePayRefund> & { status: RefundStatus; network: Network }

export type RefundTimelineEntry = { status: string; at: string; note: string | null }

export type NewRefund = {
  idempotency_key: string
  order_id: string
  payment_id: string
  transaction_id: string
  customer_id: string | null
  user_id: string
  network: Network
  address: string
  address_checksum: "ok" | "lowercase"
  amount: string
  currency_code: string
  exchange_rate: string
  note: string | null
  created_by: string | null
}

export function refundTimeline(row: { history?: unknown }): RefundTimelineEntry[] {
  const entries = (row.history as { entries?: unknown } | null)?.entries
  return Array.isArray(entries) ? (entries as RefundTimelineEntry[]) : []
}

/** The history with one more entry (the row's status after the change). */
export function refundHistoryPatch(row: { history?: unknown }, status: string, note: string | null): Pick<RefundRow, "history"> {
  return { history: { entries: [...refundTimeline(row), { status, at: new Date().toISOString(), note }] } as unknown as RefundRow["history"] }
}

/** What 3PAY said about a refund's withdrawal: a create answer, a list item, a webhook. */
export type WithdrawalReport = {
  id: string | null
  status: string
  rawStatus: string
  transactionHash: string | null
  fee: string | null
  netAmount: string | null
  reason?: string | null
}

/**
 * The refund after a report about its withdrawal: the status only moves
 * forward (refund-rules.ts), the id is kept once known, facts 3PAY gave are
 * filled in and never erased. Null when nothing changes.
 */
export function withdrawalPatch(row: RefundRow, w: WithdrawalReport, source: string): Partial<RefundRow> | null {
  const status = nextRefundStatus(row.status, refundStatusOf(w.status))
  const patch: Partial<RefundRow> = {}
  if (!row.withdrawal_id && w.id) patch.withdrawal_id = w.id
  if (status !== row.status) {
    patch.status = status
    patch.raw_status = w.rawStatus
  }
  if (!row.tx_hash && w.transactionHash) patch.tx_hash = w.transactionHash
  if (!row.fee && w.fee) patch.fee = w.fee
  if (!row.net_amount && w.netAmount) patch.net_amount = w.netAmount
  if (!row.reason && w.reason && isVoidRefund(status)) patch.reason = w.reason
  if (!Object.keys(patch).length) return null
  const what = [
    status !== row.status ? `${row.status} → ${status} (3PAY: ${w.rawStatus})` : null,
    patch.withdrawal_id ? `withdrawal ${patch.withdrawal_id}` : null,
    patch.tx_hash ? `tx ${patch.tx_hash}` : null,
    patch.reason ? `reason: ${patch.reason}` : null,
  ].filter(Boolean)
  return {
    ...patch,
    ...(isFinalRefund(status) ? { next_check_at: null } : {}),
    ...refundHistoryPatch(row, status, `${source}: ${what.join(", ") || "details"}`),
  }
}
