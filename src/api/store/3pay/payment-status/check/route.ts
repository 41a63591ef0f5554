/**
 * POST /store/3pay/payment-status/check { cart_id, tx_hash, session_id? }:
 * "I have paid". Re-checks the cart's invoice with 3PAY now (rate-limited per
 * cart, one order per transaction) and answers the fresh status with the
 * outcome of the check. See workflows/check-payment.ts.
 */
import type { MedusaResponse, MedusaStoreRequest } from "@medusajs/framework/http"
import { hashDigits } from "medusa-payment-3pay-client"
import { loadCartPayment, type CartPayment } from "../../../../../lib/cart-payment"
import { threepayRoute } from "../../../../../lib/errors"
import { checkPaymentWorkflow } from "../../../../../workflows/check-payment"
import type { CheckPaymentBodyType } from "../../middlewares"
import { sendPaymentStatus } from "../../respond"

/** true: 3PAY reports this transaction on the cart's invoices; false: another one; null: none yet. */
function verdict(p: CartPayment, digits: string): boolean | null {
  const reported = p.invoices.flatMap((i) => (Array.isArray(i.tx_hashes) ? (i.tx_hashes as unknown as string[]) : [])).map(hashDigits)
  if (!reported.length) return null
  return reported.includes(digits)
}

function messageFor(p: CartPayment, matched: boolean | null): string {
  const c = p.coverage
  if (p.invoices.some((i) => !!i.applied_at) || c.covered) return "Your payment is confirmed."
  if (c.in_flight) return "Your payment was detected and is being confirmed on the blockchain."
  if (c.received !== "0") return `${c.received} USDT of ${c.due} arrived; ${c.missing} USDT is missing.`
  if (matched === false) {
    return "3PAY reports a different transaction for this invoice. Check that you sent it to the address shown, on the network shown."
  }
  return "3PAY has not seen this payment on your invoice yet. Confirmations can take a few minutes: we keep checking, and your order is created as soon as it arrives."
}

export const POST = threepayRoute(async (req: MedusaStoreRequest<CheckPaymentBodyType>, res: MedusaResponse) => {
  const b = req.validatedBody
  const salesChannelIds = req.publishable_key_context?.sales_channel_ids
  const { result } = await checkPaymentWorkflow(req.scope).run({
    input: { cart_id: b.cart_id, tx_hash: b.tx_hash, session_id: b.session_id, sales_channel_ids: salesChannelIds },
  })
  // The check may have moved the payment to a new session: read the cart's current one.
  const after = await loadCartPayment(req.scope, b.cart_id, { salesChannelIds })
  const matched = verdict(after, result.digits)
  await sendPaymentStatus(req, res, after, {
    conditional: false,
    extra: { check: { tx_hash: result.tx_hash, matched, message: messageFor(after, matched) } },
  })
})
