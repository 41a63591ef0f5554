/**
 * One invoice from the ledger as people see it: the admin's order widget and
 * "needs attention" list, and (a subset) the storefront's payment status.
 * Amounts stay exact decimal strings; links point at the right explorer for
 * the network and environment.
 */
import { explorerAddressUrl, explorerTxUrl, NETWORK_INFO, type Environment, type Network } from "medusa-payment-3pay-client"
import type { TimelineEntryDto } from "./admin/api-types"
import { describeState, type Assessment, type PaymentState } from "./payment-state"

export type LedgerRow = {
  id: string
  transaction_id: string
  invoice_no: string | null
  environment: string
  network: string
  flow: string
  status: string
  raw_status: string
  state: string
  amount_usdt: string
  amount_received: string | null
  amount_missing: string | null
  amount_excess: string | null
  fee: string | null
  net_amount: string | null
  currency_code: string
  amount_fiat: string
  exchange_rate: string
  payment_url: string | null
  wallet_address: string | null
  tx_hash: string | null
  customer_email: string | null
  cart_id: string | null
  payment_collection_id: string | null
  payment_session_id: string | null
  order_id: string | null
  expires_at: Date | string | null
  confirmed_at: Date | string | null
  paid_at: Date | string | null
  late: boolean
  orphan: boolean
  attention: string | null
  attention_resolved_at?: Date | string | null
  attention_resolved_by?: string | null
  attention_note?: string | null
  applied_at: Date | string | null
  paid_via: string | null
  superseded_at: Date | string | null
  superseded_reason: string | null
  last_synced_at: Date | string | null
  created_at: Date | string
  history: unknown
}

export type TimelineEntry = TimelineEntryDto

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** What the merchant can do about each kind of attention. */
export const ATTENTION_ADVICE: Record<string, string> = {
  underpaid:
    "Less USDT arrived than the order costs. Ask the customer to send the missing amount to a new invoice, or accept the shortfall by completing the order manually.",
  overpaid:
    "More USDT arrived than the order costs. The order was captured for its total; return the excess from your 3PAY wallet if the customer asks.",
  orphan:
    "USDT arrived but no order could take it (the cart was already paid, canceled or changed). Create the order by hand, or refund the customer from your 3PAY wallet.",
  late: "The payment arrived after the invoice expired. It was accepted because USDT carries no exchange-rate risk; check stock before shipping.",
  wrong_network:
    "3PAY reports this payment on another network than the invoice. Contact 3PAY support before shipping: such funds may need manual recovery.",
  failed_processing:
    "The plugin could not apply this payment after several tries (see the webhook log). Use \"Re-check with 3PAY\" once the cause is fixed.",
}

export function invoiceView(row: LedgerRow) {
  const network = row.network as Network
  const environment = (row.environment as Environment) ?? "sandbox"
  const assessment: Assessment = {
    state: row.state as PaymentState,
    paid: row.state === "paid" || row.state === "overpaid",
    due: row.amount_usdt,
    received: row.amount_received ?? "0",
    missing: row.amount_missing ?? "0",
    excess: row.amount_excess ?? "0",
  }
  const attention = (row.attention ?? "").split(",").filter(Boolean)
  const history = ((row.history as { entries?: TimelineEntry[] } | null)?.entries ?? []).map((h) => ({
    ...h,
    label: describeState({ ...assessment, state: h.state as PaymentState, received: h.received ?? assessment.received }),
  }))
  return {
    id: row.id,
    transaction_id: row.transaction_id,
    invoice_no: row.invoice_no,
    environment,
    network,
    network_label: NETWORK_INFO[network]?.label ?? network,
    currency_type: NETWORK_INFO[network]?.currencyType ?? null,
    flow: row.flow,
    state: assessment.state,
    status_label: describeState(assessment, row.late),
    threepay_status: row.raw_status,
    amount_usdt: row.amount_usdt,
    amount_received: assessment.received,
    amount_missing: assessment.missing,
    amount_excess: assessment.excess,
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
    attention: attention.map((code) => ({ code, advice: ATTENTION_ADVICE[code] ?? "" })),
    attention_resolved: row.attention_resolved_at
      ? { at: iso(row.attention_resolved_at)!, by: row.attention_resolved_by ?? null, note: row.attention_note ?? null }
      : null,
    last_synced_at: iso(row.last_synced_at),
    timeline: history,
  }
}

export type InvoiceView = ReturnType<typeof invoiceView>
