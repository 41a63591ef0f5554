/**
 * POST /store/3pay/renew { cart_id, network? }: a fresh invoice for the cart
 * when the current one expired (or on another network), or, after a partial
 * payment, an invoice for exactly what is missing (same network); within
 * 3PAY's invoice budget. Answers the new status. See
 * workflows/renew-invoice.ts for what it refuses and why.
 */
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { loadCartPayment } from "../../../../lib/cart-payment"
import { threepayRoute } from "../../../../lib/errors"
import { requesterHashOfRequest } from "../../../../lib/requester"
import { THREEPAY_MODULE } from "../../../../modules/threepay"
import type ThreePayModuleService from "../../../../modules/threepay/service"
import { renewInvoiceWorkflow } from "../../../../workflows/renew-invoice"
import type { RenewInvoiceBodyType } from "../middlewares"
import { sendPaymentStatus } from "../respond"

export const POST = threepayRoute(async (req: MedusaStoreRequest<RenewInvoiceBodyType>, res: MedusaResponse) => {
  const b = req.validatedBody
  const salesChannelIds = req.publishable_key_context?.sales_channel_ids
  const options = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE).getOptions()
  await renewInvoiceWorkflow(req.scope).run({
    input: {
      cart_id: b.cart_id,
      network: b.network,
      sales_channel_ids: salesChannelIds,
      requester_hash: requesterHashOfRequest(req, options),
      customer_id: req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : null,
    },
  })
  const payment = await loadCartPayment(req.scope, b.cart_id, { salesChannelIds })
  await sendPaymentStatus(req, res, payment, { conditional: false })
})
