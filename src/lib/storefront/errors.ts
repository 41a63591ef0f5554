/**
 * Refusals of the /store/3pay routes: an HTTP status, a stable code from
 * error-codes.ts and a message a shopper can act on. Thrown by the store
 * helpers and answered by the routes in our JSON error shape
 * `{ type, code, message, retry_after? }`.
 */
import { MedusaError } from "@medusajs/framework/utils"
import { ERROR_CODES, type ErrorCode } from "../error-codes"

export class StoreRouteError extends Error {
  constructor(
    readonly httpStatus: number,
    readonly type: string,
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterSeconds?: number
  ) {
    super(message)
    this.name = "StoreRouteError"
  }
}

export const cartNotFound = () =>
  new StoreRouteError(
    404,
    MedusaError.Types.NOT_FOUND,
    ERROR_CODES.CART_NOT_FOUND,
    "This cart was not found. Reload the page, or start the checkout again."
  )

/** Also the answer for another cart's session: it must not tell whether that session exists. */
export const sessionNotFound = () =>
  new StoreRouteError(
    404,
    MedusaError.Types.NOT_FOUND,
    ERROR_CODES.SESSION_NOT_FOUND,
    "This cart has no USDT payment yet. Choose a network to get a payment invoice."
  )

export const tooMany = (code: ErrorCode, what: string, seconds: number) =>
  new StoreRouteError(
    429,
    MedusaError.Types.NOT_ALLOWED,
    code,
    `${what} Please retry in ${seconds} s.`,
    seconds
  )
