/**
 * One invoice from the ledger as the admin sees it: the order widget and the
 * "needs attention" list. Amounts stay exact decimal strings; links point at
 * the right explorer for the network and environment. The typed return makes
 * the compiler report any drift from the shape the admin UI reads.
 */
import { explorerAddressUrl, explorerTxUrl, NETWORK_INFO } from "medusa-payment-3pay-client"
import type { PaymentState } from "medusa-payment-3pay-client/store-api"
import { describeState } from "../../../lib/payment-state"
import { ATTENTION_ADVICE, ATTENTION_LABELS, flagsOf } from "../../../modules/threepay/attention"
import { historyOf, type LedgerInvoice } from "../../../modules/threepay/ledger"
import type { InvoiceViewDto, TimelineEntryDto } from "./api-types"

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export function invoiceView(row: LedgerInvoice): InvoiceViewDto {
  const { network, environment } = row
  const amounts = { received: row.amount_received ?? "0", missing: row.amount_missing ?? "0", excess: row.amount_excess ?? "0" }
  const state = row.state as PaymentState
  const timeline: TimelineEntryDto[] = historyOf(row).map((h) => ({
    ...h,
    label: describeState(h.state, { ...amounts, received: h.received ?? amounts.received }),
  }))
  const hashes = Array.isArray(row.tx_hashes) ? (row.tx_hashes as unknown as string[]) : row.tx_hash ? [row.tx_hash] : []
  return {
    id: row.id,
    transaction_id: row.transaction_id,
    invoice_no: row.invoice_no,
    kind: row.kind,
    environment,
    network,
    network_label: NETWORK_INFO[network]?.label ?? network,
    currency_type: NETWORK_INFO[network]?.currencyType ?? null,
    flow: row.flow,
    state,
    status_label: describeState(state, amounts, row.late),
    threepay_status: row.raw_status,
    amount_usdt: row.amount_usdt,
    amount_received: amounts.received,
    amount_missing: amounts.missing,
    amount_excess: amounts.excess,
    fee: row.fee,
    net_amount: row.net_amount,
    currency_code: row.currency_code,
    amount: row.amount_fiat,
    exchange_rate: row.exchange_rate,
    payment_url: row.payment_url,
    wallet_address: row.wallet_address,
    address_explorer_url: row.wallet_address ? explorerAddressUrl(network, environment, row.wallet_address) : null,
    tx_hash: row.tx_hash,
    tx_explorer_url: row.tx_hash ? explorerTxUrl(network, environment, row.tx_hash) : null,
    transactions: hashes.map((h) => ({ tx_hash: h, tx_explorer_url: explorerTxUrl(network, environment, h) })),
    captured_usdt: row.captured_usdt,
    customer_email: row.customer_email,
    cart_id: row.cart_id,
    payment_collection_id: row.payment_collection_id,
    order_id: row.order_id,
    created_at: iso(row.created_at),
    expires_at: iso(row.expires_at),
    confirmed_at: iso(row.confirmed_at),
    paid_at: iso(row.paid_at),
    applied_at: iso(row.applied_at),
    paid_via: row.paid_via,
    late: row.late,
    orphan: row.orphan,
    superseded_reason: row.superseded_reason,
    attention: Object.entries(flagsOf(row.attention)).map(([code, flag]) => ({
      code,
      label: ATTENTION_LABELS[code as keyof typeof ATTENTION_LABELS],
      advice: ATTENTION_ADVICE[code as keyof typeof ATTENTION_ADVICE],
      detail: flag!.detail,
      raised_at: flag!.raised_at,
    })),
    attention_resolved: row.attention_resolved_at
      ? { at: iso(row.attention_resolved_at)!, by: row.attention_resolved_by ?? null, note: row.attention_note ?? null }
      : null,
    last_synced_at: iso(row.last_synced_at),
    timeline,
  }
}
