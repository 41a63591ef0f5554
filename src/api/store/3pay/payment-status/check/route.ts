/**
 * POST /store/3pay/payment-status/check { cart_id, tx_hash, session_id? }:
 * "I have paid". Re-checks the cart's invoice with 3PAY now (rate-limited per
 * cart, one order per transaction) and answers the fresh status with the
 * outcome of the check. See lib/storefront/check-payment.ts.
 */
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { checkPayment } from "../../../../../lib/storefront/check-payment"
import type { CheckPaymentBodyType } from "../../middlewares"
import { sendPaymentStatus, sendStoreError } from "../../respond"

export async function POST(req: MedusaStoreRequest<CheckPaymentBodyType>, res: MedusaResponse) {
  try {
    const b = req.validatedBody
    const outcome = await checkPayment(req.scope, {
      cartId: b.cart_id,
      txHash: b.tx_hash,
      sessionId: b.session_id,
      salesChannelIds: req.publishable_key_context?.sales_channel_ids,
    })
    await sendPaymentStatus(req, res, outcome.payment, { conditional: false, extra: { check: outcome.check } })
  } catch (e) {
    sendStoreError(req, res, e)
  }
}
