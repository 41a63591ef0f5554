/** A refund row as the admin sees it (RefundDto), and what an order may still refund. */
import { explorerAddressUrl, explorerTxUrl, type Environment } from "medusa-payment-3pay-client"
import type { RefundOrder } from "../../../lib/refund-order"
import type { RefundRow } from "../../../modules/threepay/refund-rows"
import { refundTimeline } from "../../../modules/threepay/refund-rows"
import type ThreePayModuleService from "../../../modules/threepay/service"
import type { RefundableDto, RefundDto } from "./api-types"

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : "")

export function refundDto(row: RefundRow, environment: Environment): RefundDto {
  return {
    id: row.id,
    idempotency_key: row.idempotency_key,
    payment_id: row.payment_id,
    amount: row.amount,
    fee: row.fee ?? null,
    net_amount: row.net_amount ?? null,
    network: row.network,
    address: row.address,
    address_explorer_url: explorerAddressUrl(row.network, environment, row.address),
    // "requesting" and "unknown" are both "not known at 3PAY yet" for the admin; the contract names both.
    status: row.status,
    withdrawal_id: row.withdrawal_id ?? null,
    tx_hash: row.tx_hash ?? null,
    tx_explorer_url: row.tx_hash ? explorerTxUrl(row.network, environment, row.tx_hash) : null,
    medusa_refund_id: row.medusa_reversed_at ? null : (row.medusa_refund_id ?? null),
    note: row.note ?? null,
    created_by: row.created_by ?? null,
    created_at: iso(row.created_at),
    timeline: refundTimeline(row).map((e) => ({ status: e.status, at: e.at, note: e.note ?? null })),
  }
}

export function refundableDto(threepay: ThreePayModuleService, order: RefundOrder, refunds: RefundRow[]): RefundableDto {
  return { ...threepay.refundableOfInvoice(order.invoice, refunds), network: order.network, payment_id: order.payment.id }
}
