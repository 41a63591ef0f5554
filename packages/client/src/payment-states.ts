/**
 * The merchant-facing payment states, as plain data: shared by the server
 * (payment-state.ts) and the browser (the storefront component's wire
 * schemas), which must not import Medusa.
 */
export const PAYMENT_STATES = [
  "awaiting_payment",
  "confirming",
  "paid",
  "overpaid",
  "underpaid",
  "expired",
  "cancelled",
  "failed",
  "wrong_network",
] as const
export type PaymentState = (typeof PAYMENT_STATES)[number]
