/**
 * GET /store/3pay/payment-status?cart_id=…[&session_id=…]: the cart's USDT
 * payment as the ledger knows it, for a storefront that polls every few
 * seconds. Holding the cart id is what entitles a shopper to it (as for every
 * Medusa store cart route); another cart's session is "not found". Reads
 * only the database, never 3PAY; answers 304 to a matching `If-None-Match`.
 */
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { loadCartPayment } from "../../../../lib/cart-payment"
import { threepayRoute } from "../../../../lib/errors"
import type { PaymentStatusQueryType } from "../middlewares"
import { sendPaymentStatus } from "../respond"

export const GET = threepayRoute(async (req: MedusaStoreRequest<unknown, PaymentStatusQueryType>, res: MedusaResponse) => {
  const q = req.validatedQuery
  const payment = await loadCartPayment(req.scope, q.cart_id, {
    sessionId: q.session_id,
    salesChannelIds: req.publishable_key_context?.sales_channel_ids,
  })
  await sendPaymentStatus(req, res, payment, { conditional: true })
})
