/**
 * 3PAY client errors turned into MedusaErrors with stable codes and messages
 * fit for a shopper. Medusa keeps the message of a MedusaError only; a plain
 * Error would reach the storefront as "An unknown error occurred".
 */
import { MedusaError } from "@medusajs/framework/utils"
import { ERROR_CODES, type ErrorCode } from "./error-codes"

export type ShopperError = {
  type: string
  code: ErrorCode
  message: string
  /** HTTP status our own routes answer with. */
  httpStatus: number
  retryAfterSeconds?: number
}

/**
 * Errors cross workflow boundaries serialised (plain objects with the
 * original's own properties), so this reads them by shape, not instanceof.
 */
type ErrorLike = {
  name?: string
  message?: string
  type?: string
  code?: string
  retryAfterSeconds?: number
  remoteMessage?: string
  expected?: string
  actual?: string
  __isMedusaError?: boolean
  /** Set by refusals that already chose their HTTP status (the store routes' StoreRouteError). */
  httpStatus?: number
}

const MEDUSA_TYPES = new Set<string>(Object.values(MedusaError.Types))

export function describeThreePayError(err: unknown): ShopperError {
  const e = (err ?? {}) as ErrorLike
  if (typeof e.httpStatus === "number" && typeof e.code === "string" && e.code.startsWith("threepay_")) {
    const retryAfter = Number(e.retryAfterSeconds) || undefined
    return {
      type: e.type ?? MedusaError.Types.NOT_ALLOWED,
      code: e.code as ErrorCode,
      message: e.message ?? "Request failed.",
      httpStatus: e.httpStatus,
      ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}),
    }
  }
  if (e.__isMedusaError || (typeof e.type === "string" && MEDUSA_TYPES.has(e.type))) {
    const type = e.type as string
    const status =
      type === MedusaError.Types.NOT_FOUND
        ? 404
        : type === MedusaError.Types.CONFLICT
          ? 409
          : type === MedusaError.Types.UNAUTHORIZED
            ? 401
            : type === MedusaError.Types.UNEXPECTED_STATE || type === MedusaError.Types.DB_ERROR
              ? 500
              : 400
    const isOurs = typeof e.code === "string" && e.code.startsWith("threepay_")
    const retryAfter = Number(e.retryAfterSeconds) || undefined
    return {
      type,
      code: (isOurs ? e.code : status === 404 ? ERROR_CODES.SESSION_NOT_FOUND : ERROR_CODES.UNAVAILABLE) as ErrorCode,
      message: e.message ?? "Request failed.",
      // A quota refusal is "too many requests", with the wait in seconds.
      httpStatus: retryAfter ? 429 : status,
      ...(retryAfter ? { retryAfterSeconds: retryAfter } : {}),
    }
  }
  switch (e.code) {
    case "rate_limited": {
      const s = Math.max(1, Math.ceil(Number(e.retryAfterSeconds) || 60))
      return {
        type: MedusaError.Types.NOT_ALLOWED,
        code: ERROR_CODES.BUSY,
        message: `USDT payments are busy right now. Please retry in ${s} s.`,
        httpStatus: 429,
        retryAfterSeconds: s,
      }
    }
    case "unavailable":
    case "ambiguous_create":
      return {
        type: MedusaError.Types.NOT_ALLOWED,
        code: ERROR_CODES.UNAVAILABLE,
        message: "The USDT payment service cannot be reached right now. Please retry in a minute.",
        httpStatus: 503,
        retryAfterSeconds: 30,
      }
    case "authentication":
    case "wrong_environment":
      return {
        type: MedusaError.Types.UNEXPECTED_STATE,
        code: ERROR_CODES.MISCONFIGURED,
        message:
          "USDT payments are unavailable: the store's payment settings were refused. Please choose another payment method.",
        httpStatus: 503,
      }
    case "network_mismatch":
      return {
        type: MedusaError.Types.INVALID_DATA,
        code: ERROR_CODES.NETWORK_INVALID,
        message: `This payment is on ${e.actual ?? "another network"}, not ${e.expected ?? "the one chosen"}.`,
        httpStatus: 400,
      }
    case "not_found":
      return {
        type: MedusaError.Types.NOT_FOUND,
        code: ERROR_CODES.INVOICE_NOT_FOUND,
        message: "The USDT invoice was not found at 3PAY.",
        httpStatus: 404,
      }
    case "validation":
      return {
        type: MedusaError.Types.INVALID_DATA,
        code: ERROR_CODES.AMOUNT_INVALID,
        message: `3PAY refused the payment request${e.remoteMessage ? `: ${e.remoteMessage}` : "."}`,
        httpStatus: 400,
      }
    case "bad_response":
      return {
        type: MedusaError.Types.UNEXPECTED_STATE,
        code: ERROR_CODES.UNAVAILABLE,
        message: "The USDT payment service answered unexpectedly. Please retry in a minute.",
        httpStatus: 502,
      }
  }
  return {
    type: MedusaError.Types.UNEXPECTED_STATE,
    code: ERROR_CODES.UNAVAILABLE,
    message: "USDT payments failed unexpectedly. Please retry in a minute.",
    httpStatus: 500,
  }
}

export function toMedusaError(e: unknown): MedusaError {
  if (e instanceof MedusaError) return e
  const d = describeThreePayError(e)
  return new MedusaError(d.type, d.message, d.code)
}
