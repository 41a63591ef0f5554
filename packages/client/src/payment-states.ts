/**
 * The merchant-facing payment states, as plain data: shared by the server
 * (the ledger's rules) and the browser (the storefront component), which
 * must not import Medusa.
 */
export const PAYMENT_STATES = [
  "awaiting_payment",
  "confirming",
  "paid",
  "overpaid",
  "underpaid",
  /** Part of the amount arrived, then the invoice expired: the rest can be paid with a top-up invoice. */
  "expired_partial",
  "expired",
  "cancelled",
  "failed",
  "wrong_network",
] as const
export type PaymentState = (typeof PAYMENT_STATES)[number]
