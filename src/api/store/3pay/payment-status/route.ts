/**
 * GET /store/3pay/payment-status?cart_id=…[&session_id=…]: the cart's USDT
 * invoice as the ledger knows it, for a storefront that polls every few
 * seconds. Holding the cart id is what entitles a shopper to it (as for every
 * Medusa store cart route); another cart's session is "not found". Reads
 * only the database, never 3PAY; answers 304 to a matching `If-None-Match`.
 */
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { loadCartPayment } from "../../../../lib/storefront/cart-payment"
import type { PaymentStatusQueryType } from "../middlewares"
import { sendPaymentStatus, sendStoreError } from "../respond"

export async function GET(req: MedusaStoreRequest<unknown, PaymentStatusQueryType>, res: MedusaResponse) {
  try {
    const q = req.validatedQuery
    const payment = await loadCartPayment(req.scope, q.cart_id, {
      sessionId: q.session_id,
      salesChannelIds: req.publishable_key_context?.sales_channel_ids,
    })
    await sendPaymentStatus(req, res, payment, { conditional: true })
  } catch (e) {
    sendStoreError(req, res, e)
  }
}
