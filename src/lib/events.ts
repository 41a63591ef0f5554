/**
 * The plugin's public events, for a store's own subscribers (emails,
 * analytics, fulfilment). Emitted by the workflows once their work is done
 * (Medusa releases a workflow's events when it succeeds). Payloads are safe
 * for templates: what a shopper may see about their payment, never a key,
 * secret or handoff.
 */
import type { LedgerInvoice } from "../modules/threepay/ledger"

export const THREEPAY_EVENTS = {
  /** A new invoice exists for a cart (first one, renewal or top-up). */
  INVOICE_CREATED: "threepay.invoice.created",
  /** Money arrived but not the full amount (underpaid, or partly paid then expired). */
  INVOICE_PARTIALLY_PAID: "threepay.invoice.partially_paid",
  /** The cart's invoices cover its total and the payment was applied to the order. */
  INVOICE_PAID: "threepay.invoice.paid",
  /** The invoice expired (or was cancelled) with nothing received. */
  INVOICE_EXPIRED: "threepay.invoice.expired",
  /** A customer got their 3PAY user and permanent addresses. */
  WALLET_CREATED: "threepay.wallet.created",
  /** A deposit to a customer's address was credited to their balance (once per transaction). */
  WALLET_CREDITED: "threepay.wallet.credited",
  /** A cart was paid from its customer's balance and became an order. */
  WALLET_PAID: "threepay.wallet.paid",
  /** An admin adjusted a customer's balance (with a reason). */
  WALLET_ADJUSTED: "threepay.wallet.adjusted",
  /** A USDT refund's withdrawal was requested at 3PAY (`{ id, order_id }`: GET /admin/3pay/orders/:id/refunds has the rest). */
  REFUND_REQUESTED: "threepay.refund.requested",
  /** A USDT refund reached its end: completed (on chain), rejected or failed (`{ id, order_id, status }`). */
  REFUND_SETTLED: "threepay.refund.settled",
} as const

export type ThreePayEventName = (typeof THREEPAY_EVENTS)[keyof typeof THREEPAY_EVENTS]

export type InvoiceEventData = {
  id: string
  transaction_id: string
  invoice_no: string | null
  kind: "checkout" | "top_up"
  cart_id: string | null
  order_id: string | null
  email: string | null
  network: string
  status: string
  amount_usdt: string
  amount_received: string
  amount_missing: string | null
  amount_excess: string | null
  payment_url: string | null
  wallet_address: string | null
  expires_at: string | null
  tx_hash: string | null
}

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export function invoiceEventData(row: LedgerInvoice | null | undefined): InvoiceEventData | null {
  if (!row) return null
  return {
    id: row.id,
    transaction_id: row.transaction_id,
    invoice_no: row.invoice_no,
    kind: row.kind,
    cart_id: row.cart_id,
    order_id: row.order_id,
    email: row.customer_email,
    network: row.network,
    status: row.state,
    amount_usdt: row.amount_usdt,
    amount_received: row.amount_received,
    amount_missing: row.amount_missing,
    amount_excess: row.amount_excess,
    payment_url: row.payment_url,
    wallet_address: row.wallet_address,
    expires_at: iso(row.expires_at),
    tx_hash: row.tx_hash,
  }
}

/** Wallet events: the customer, and the entry that moved their balance (never a key or 3PAY's user id). */
export type WalletEventData = {
  customer_id: string
  entry_id: string | null
  kind: string | null
  amount: string | null
  network: string | null
  tx_hash: string | null
  order_id: string | null
  cart_id: string | null
  /** The balance right after it. */
  available: string | null
}

export function walletEventData(
  customerId: string,
  e?: { id: string; kind: string; amount: string; network?: string | null; tx_hash?: string | null; order_id?: string | null; cart_id?: string | null; available_after?: string | null } | null
): WalletEventData {
  return {
    customer_id: customerId,
    entry_id: e?.id ?? null,
    kind: e?.kind ?? null,
    amount: e?.amount ?? null,
    network: e?.network ?? null,
    tx_hash: e?.tx_hash ?? null,
    order_id: e?.order_id ?? null,
    cart_id: e?.cart_id ?? null,
    available: e?.available_after ?? null,
  }
}
