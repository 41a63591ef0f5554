/**
 * POST /store/3pay/renew { cart_id, network? }: a fresh invoice for the cart
 * when the current one expired (or on another network), within 3PAY's
 * invoice budget. Answers the new invoice's status. See
 * lib/storefront/renew-invoice.ts for what it refuses and why.
 */
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { loadCartPayment } from "../../../../lib/storefront/cart-payment"
import { renewInvoice } from "../../../../lib/storefront/renew-invoice"
import { requesterHashOf } from "../../../../lib/requester"
import { THREEPAY_MODULE } from "../../../../modules/threepay"
import type ThreePayModuleService from "../../../../modules/threepay/service"
import type { RenewInvoiceBodyType } from "../middlewares"
import { sendPaymentStatus, sendStoreError } from "../respond"

export async function POST(req: MedusaStoreRequest<RenewInvoiceBodyType>, res: MedusaResponse) {
  try {
    const b = req.validatedBody
    const salesChannelIds = req.publishable_key_context?.sales_channel_ids
    const apiKey = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE).getOptions().apiKey
    const requesterHash = requesterHashOf(req.ip || req.socket?.remoteAddress, apiKey)
    await renewInvoice(req.scope, { cartId: b.cart_id, network: b.network, salesChannelIds, requesterHash })
    const payment = await loadCartPayment(req.scope, b.cart_id, { salesChannelIds })
    await sendPaymentStatus(req, res, payment, { conditional: false })
  } catch (e) {
    sendStoreError(req, res, e)
  }
}
