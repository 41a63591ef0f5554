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
