/**
 * How the /store/3pay routes answer: the payment status with its ETag (a 304
 * when the storefront already has this version), and errors in our JSON
 * shape `{ type, code, message, retry_after? }`.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { CartPayment } from "../../../lib/storefront/cart-payment"
import { StoreRouteError } from "../../../lib/storefront/errors"
import { etagMatches, etagOf, statusBody, withQr } from "../../../lib/storefront/payment-status"
import { sendThreePayError } from "../../utils/send-error"

/** The status payload; `conditional` (GET polls) honours `If-None-Match`. */
export async function sendPaymentStatus(
  req: MedusaRequest,
  res: MedusaResponse,
  payment: CartPayment,
  opts: { conditional: boolean; extra?: Record<string, unknown>; status?: number } = { conditional: false }
) {
  const body = statusBody(payment)
  const etag = etagOf(body)
  res.setHeader("ETag", etag)
  // Polled every few seconds by one shopper: never stored by a shared cache,
  // always revalidated (cheap, thanks to the ETag).
  res.setHeader("Cache-Control", opts.conditional ? "private, no-cache" : "no-store")
  if (opts.conditional && etagMatches(req.get("if-none-match"), etag)) {
    res.status(304).end()
    return
  }
  res.status(opts.status ?? 200).json({ payment: await withQr(body, etag), ...(opts.extra ?? {}) })
}

/** Our error shape (send-error.ts); a store refusal must not be cached either. */
export function sendStoreError(req: MedusaRequest, res: MedusaResponse, e: unknown) {
  if (e instanceof StoreRouteError) res.setHeader("Cache-Control", "no-store")
  sendThreePayError(req, res, e)
}
