import {
  authenticate,
  validateAndTransformBody,
  validateAndTransformQuery,
  type MedusaNextFunction,
  type MedusaRequest,
  type MedusaResponse,
  type MiddlewareRoute,
} from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import { ThreePayError, sendThreePayError } from "../../../lib/errors"

/** Ids are opaque to us; the bound only keeps junk out of queries and logs. */
const id = () => z.string().trim().min(1).max(200)

export const PaymentStatusQuery = z.object({
  cart_id: id(),
  session_id: id().optional(),
})
export type PaymentStatusQueryType = z.infer<typeof PaymentStatusQuery>

export const CheckPaymentBody = z.object({
  cart_id: id(),
  /** Checked against the invoice's network by the route (TRON: 64 hex; Ethereum: 0x + 64 hex). */
  tx_hash: z.string().trim().min(1).max(200),
  session_id: id().optional(),
})
export type CheckPaymentBodyType = z.infer<typeof CheckPaymentBody>

export const RenewInvoiceBody = z.object({
  cart_id: id(),
  network: z.string().trim().max(40).optional(),
})
export type RenewInvoiceBodyType = z.infer<typeof RenewInvoiceBody>

export const WalletCheckoutQuery = z.object({ cart_id: id() })
export type WalletCheckoutQueryType = z.infer<typeof WalletCheckoutQuery>

type Middleware = (req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => Promise<void> | void

/**
 * Medusa's validators answer `{ type, message }` without a code; ours carry
 * the stable `threepay_request_invalid` like every other /store/3pay error.
 */
function withCode(validator: Middleware): Middleware {
  return (req, res, next) =>
    validator(req, res, (err?: unknown) => {
      if (!err) return next()
      sendThreePayError(req, res, new ThreePayError("threepay_request_invalid", (err as Error)?.message ?? "Invalid request."))
    })
}

/** Validation and other middlewares of the /store/3pay routes. */
export const storeThreePayMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/store/3pay/payment-status",
    method: ["GET"],
    middlewares: [withCode(validateAndTransformQuery(PaymentStatusQuery, {}))],
  },
  {
    matcher: "/store/3pay/payment-status/check",
    method: ["POST"],
    middlewares: [withCode(validateAndTransformBody(CheckPaymentBody))],
  },
  {
    matcher: "/store/3pay/renew",
    method: ["POST"],
    middlewares: [withCode(validateAndTransformBody(RenewInvoiceBody))],
  },
  {
    // A customer's own wallet: logged in (session cookie or bearer token), never a guest.
    matcher: "/store/3pay/wallet*",
    middlewares: [authenticate("customer", ["session", "bearer"])],
  },
  {
    matcher: "/store/3pay/wallet/checkout",
    method: ["GET"],
    middlewares: [withCode(validateAndTransformQuery(WalletCheckoutQuery, {}))],
  },
]
