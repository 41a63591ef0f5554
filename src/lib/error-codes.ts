/**
 * Stable error codes. Storefronts and admins branch on these; messages may be
 * reworded, codes may not.
 */
export const ERROR_CODES = {
  NETWORK_INVALID: "threepay_network_invalid",
  NETWORK_DISABLED: "threepay_network_disabled",
  CURRENCY_NOT_SUPPORTED: "threepay_currency_not_supported",
  AMOUNT_INVALID: "threepay_amount_invalid",
  AMOUNT_CHANGED: "threepay_amount_changed",
  BUSY: "threepay_busy",
  UNAVAILABLE: "threepay_unavailable",
  MISCONFIGURED: "threepay_misconfigured",
  INVOICE_NOT_FOUND: "threepay_invoice_not_found",
  INVOICE_MISMATCH: "threepay_invoice_mismatch",
  INVOICE_EXPIRED: "threepay_invoice_expired",
  INVOICE_PAID: "threepay_invoice_paid",
  SESSION_NOT_FOUND: "threepay_session_not_found",
  CART_COMPLETED: "threepay_cart_completed",
  REFUND_NOT_SUPPORTED: "threepay_refund_not_supported",
  TX_HASH_INVALID: "threepay_tx_hash_invalid",
  TX_HASH_USED: "threepay_tx_hash_used",
  TOO_MANY_CHECKS: "threepay_too_many_checks",
  TOO_MANY_INVOICES: "threepay_too_many_invoices",
  PROVIDER_NOT_IN_REGION: "threepay_not_in_region",
  SIGNATURE_INVALID: "threepay_signature_invalid",
  PAYLOAD_INVALID: "threepay_payload_invalid",
  PAYLOAD_TOO_LARGE: "threepay_payload_too_large",
  SETTINGS_INVALID: "threepay_settings_invalid",
  // Store API (/store/3pay/...): what a storefront branches on.
  REQUEST_INVALID: "threepay_request_invalid",
  CART_NOT_FOUND: "threepay_cart_not_found",
  INVOICE_NOT_EXPIRED: "threepay_invoice_not_expired",
  INVOICE_UNDERPAID: "threepay_invoice_underpaid",
  PAYMENT_IN_PROGRESS: "threepay_payment_in_progress",
  PAYMENT_NEEDS_REVIEW: "threepay_payment_needs_review",
  TOO_MANY_RENEWALS: "threepay_too_many_renewals",
} as const

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES]
