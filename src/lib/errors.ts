/**
 * The plugin's one error type and one way to answer it.
 *
 * Every refusal is a `ThreePayError`: a MedusaError (so Medusa's own error
 * handler keeps its message, and a provider may throw it) carrying a stable
 * `code` and, when waiting helps, `retryAfterSeconds`. The HTTP status and the
 * MedusaError type follow from the code (one table below), so the same
 * refusal answers the same way from every route. Errors of the 3PAY client
 * become ThreePayErrors in `toThreePayError`. Messages are written for the
 * person who sees them and never carry a key, a secret or 3PAY's raw answer.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"

/** Stable codes, with the HTTP status each answers. Messages may be reworded; codes may not. */
export const ERROR_STATUS = {
  threepay_request_invalid: 400,
  threepay_network_invalid: 400,
  threepay_network_disabled: 400,
  threepay_currency_not_supported: 400,
  threepay_amount_invalid: 400,
  threepay_not_in_region: 400,
  threepay_tx_hash_invalid: 400,
  threepay_settings_invalid: 400,
  threepay_payload_invalid: 400,
  threepay_handoff_required: 400,
  threepay_handoff_invalid: 400,
  threepay_adjustment_invalid: 400,
  threepay_wallets_disabled: 400,
  threepay_address_invalid: 400,
  threepay_address_wrong_network: 400,
  threepay_address_bad_checksum: 400,
  threepay_address_not_allowed: 400,
  threepay_address_unconfirmed_lowercase: 400,
  threepay_refund_invalid: 400,
  threepay_signature_invalid: 401,
  threepay_login_required: 401,
  threepay_cart_not_found: 404,
  threepay_session_not_found: 404,
  threepay_invoice_not_found: 404,
  threepay_wallet_not_found: 404,
  threepay_order_not_found: 404,
  threepay_cart_completed: 409,
  threepay_cart_incomplete: 409,
  threepay_invoice_paid: 409,
  threepay_invoice_not_expired: 409,
  threepay_invoice_not_paid: 409,
  threepay_payment_in_progress: 409,
  threepay_payment_needs_review: 409,
  threepay_tx_hash_used: 409,
  threepay_refund_not_supported: 409,
  threepay_refund_exceeds_refundable: 409,
  threepay_refund_key_reused: 409,
  threepay_refund_refused: 409,
  threepay_balance_short: 409,
  threepay_payload_too_large: 413,
  threepay_busy: 429,
  threepay_too_many_invoices: 429,
  threepay_too_many_checks: 429,
  threepay_too_many_renewals: 429,
  threepay_unexpected: 500,
  threepay_bad_gateway: 502,
  threepay_unavailable: 503,
  threepay_misconfigured: 503,
} as const

export type ErrorCode = keyof typeof ERROR_STATUS

function typeFor(status: number): string {
  if (status === 401) return MedusaError.Types.UNAUTHORIZED
  if (status === 404) return MedusaError.Types.NOT_FOUND
  if (status === 409) return MedusaError.Types.CONFLICT
  if (status >= 500) return MedusaError.Types.UNEXPECTED_STATE
  if (status === 429) return MedusaError.Types.NOT_ALLOWED
  return MedusaError.Types.INVALID_DATA
}

export class ThreePayError extends MedusaError {
  readonly retryAfterSeconds?: number
  readonly httpStatus: number

  constructor(code: ErrorCode, message: string, opts: { retryAfterSeconds?: number } = {}) {
    const status = ERROR_STATUS[code]
    super(typeFor(status), message, code)
    this.name = "ThreePayError"
    this.httpStatus = status
    if (opts.retryAfterSeconds) this.retryAfterSeconds = Math.max(1, Math.ceil(opts.retryAfterSeconds))
  }
}

/** "Please retry in N s": a 429 with the wait. */
export function tooMany(code: ErrorCode, what: string, seconds: number): ThreePayError {
  const s = Math.max(1, Math.ceil(seconds))
  return new ThreePayError(code, `${what} Please retry in ${s} s.`, { retryAfterSeconds: s })
}

type ErrorLike = {
  message?: string
  type?: string
  code?: string
  retryAfterSeconds?: number
  remoteMessage?: string
  expected?: string
  actual?: string
}

const isOurCode = (code: unknown): code is ErrorCode => typeof code === "string" && code in ERROR_STATUS

/**
 * Any error as a ThreePayError. Errors cross workflow boundaries serialised
 * (plain objects with the original's own properties), so this reads them by
 * shape: our own code, a 3PAY client error code, or another MedusaError.
 */
export function toThreePayError(err: unknown): ThreePayError {
  if (err instanceof ThreePayError) return err
  const e = (err ?? {}) as ErrorLike
  if (isOurCode(e.code)) {
    return new ThreePayError(e.code, e.message ?? "Request failed.", { retryAfterSeconds: Number(e.retryAfterSeconds) || undefined })
  }
  switch (e.code) {
    case "rate_limited": {
      const s = Math.max(1, Math.ceil(Number(e.retryAfterSeconds) || 60))
      return tooMany("threepay_busy", "USDT payments are busy right now.", s)
    }
    case "unavailable":
    case "ambiguous_create":
      return new ThreePayError(
        "threepay_unavailable",
        "The USDT payment service cannot be reached right now. Please retry in a minute.",
        { retryAfterSeconds: 30 }
      )
    case "authentication":
    case "wrong_environment":
      return new ThreePayError(
        "threepay_misconfigured",
        "USDT payments are unavailable: the store's payment settings were refused. Please choose another payment method."
      )
    case "network_mismatch":
      return new ThreePayError(
        "threepay_network_invalid",
        `This payment is on ${e.actual ?? "another network"}, not ${e.expected ?? "the one chosen"}.`
      )
    case "not_found":
      return new ThreePayError("threepay_invoice_not_found", "The USDT invoice was not found at 3PAY.")
    case "validation":
      return new ThreePayError(
        "threepay_amount_invalid",
        `3PAY refused the payment request${e.remoteMessage ? `: ${e.remoteMessage}` : "."}`
      )
    case "bad_response":
      return new ThreePayError("threepay_bad_gateway", "The USDT payment service answered unexpectedly. Please retry in a minute.")
  }
  const type = typeof e.type === "string" ? e.type : null
  if (type === MedusaError.Types.NOT_FOUND) return new ThreePayError("threepay_session_not_found", e.message ?? "Not found.")
  if (type && type !== MedusaError.Types.UNEXPECTED_STATE && type !== MedusaError.Types.DB_ERROR && e.message) {
    // Another MedusaError (from Medusa's own workflows): its message is meant to be shown.
    return new ThreePayError(type === MedusaError.Types.CONFLICT ? "threepay_cart_completed" : "threepay_request_invalid", e.message)
  }
  return new ThreePayError("threepay_unexpected", "USDT payments failed unexpectedly. Please retry in a minute.")
}

/** Our routes' error answer: `{ type, code, message, retry_after? }`, never cached, with `Retry-After` when waiting helps. */
export function sendThreePayError(req: MedusaRequest, res: MedusaResponse, err: unknown) {
  const e = toThreePayError(err)
  if (e.httpStatus >= 500 || e.code === "threepay_busy") {
    req.scope
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[3pay] ${req.method} ${req.path} -> ${e.httpStatus} ${e.code}: ${(err as Error)?.message ?? err}`)
  }
  res.setHeader("Cache-Control", "no-store")
  if (e.retryAfterSeconds) res.setHeader("Retry-After", String(e.retryAfterSeconds))
  res.status(e.httpStatus).json({
    type: e.type,
    code: e.code,
    message: e.message,
    ...(e.retryAfterSeconds ? { retry_after: e.retryAfterSeconds } : {}),
  })
}

type Handler<Req extends MedusaRequest> = (req: Req, res: MedusaResponse, next?: MedusaNextFunction) => Promise<unknown> | unknown

/** Wraps a route handler or middleware: any error is answered in our shape. */
export function threepayRoute<Req extends MedusaRequest>(handler: Handler<Req>) {
  return async (req: Req, res: MedusaResponse, next?: MedusaNextFunction) => {
    try {
      await handler(req, res, next)
    } catch (e) {
      sendThreePayError(req, res, e)
    }
  }
}
