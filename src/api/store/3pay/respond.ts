/**
 * How the /store/3pay routes answer the payment status: with its ETag, and a
 * 304 when the storefront already has this version. Errors are answered by
 * the route wrapper (lib/errors.ts `threepayRoute`).
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { CartPayment } from "../../../lib/cart-payment"
import { etagMatches, etagOf, statusBody, withQr } from "./status-body"

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
