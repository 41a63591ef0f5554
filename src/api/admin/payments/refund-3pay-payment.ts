/**
 * Runs on Medusa's own `POST /admin/payments/:id/refund` (the order page's
 * Refund button) when the payment is a 3PAY invoice payment. The button has
 * no destination address, so:
 *
 * - with a checksum-valid refund address on record for the payment
 *   (`refund_address` in its data, checked again here by lib/refund-address.ts),
 *   the refund runs through the plugin's refund workflow (the same one as
 *   "Refund in USDT", workflows/refund-payment.ts), which also records it in
 *   Medusa; the answer is Medusa's `{ payment }`;
 * - otherwise it is refused with `threepay_refund_not_supported`, pointing to
 *   the order's "Refund in USDT".
 *
 * The amount is in the order's currency, turned into USDT at the invoice's
 * rate (rounded down: never more than asked). Medusa's button has no
 * idempotency key: an `Idempotency-Key` header is used when sent, else each
 * click is its own refund (as with any provider), still never above what is
 * refundable.
 */
import type { AuthenticatedMedusaRequest, MedusaNextFunction, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys, MathBN } from "@medusajs/framework/utils"
import { randomUUID } from "node:crypto"
import { isInvoiceProvider } from "medusa-payment-3pay-client/store-api"
import { ThreePayError, threepayRoute } from "../../../lib/errors"
import { checkRefundAddress } from "../../../lib/refund-address"
import { loadRefundOrder } from "../../../lib/refund-order"
import { refundPayment } from "../../../workflows/refund-payment"
import { actorOf } from "../3pay/context"

/** bignumber.js ROUND_DOWN */
const ROUND_DOWN = 1

export const WIDGET_HINT =
  "USDT refunds need the customer's USDT address: use \"Refund in USDT\" in the order's 3PAY card. It checks the address and sends the USDT through 3PAY, then records the refund here."

export const refundThroughThreePay = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse, next?: MedusaNextFunction) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const paymentId = String(req.params.id ?? "")
  const { data } = await query.graph({
    entity: "payment",
    fields: ["id", "provider_id", "data", "payment_collection.order.id"],
    filters: { id: paymentId },
  })
  const payment = data[0] as { id: string; provider_id: string; data?: Record<string, unknown> | null; payment_collection?: { order?: { id: string } | null } | null } | undefined
  if (!payment || !isInvoiceProvider(payment.provider_id)) return next?.()
  const orderId = payment.payment_collection?.order?.id
  const address = typeof payment.data?.refund_address === "string" ? payment.data.refund_address : null
  const order = orderId ? await loadRefundOrder(req.scope, orderId) : null
  const verdict = order && address ? checkRefundAddress(order.network, address) : null
  if (!order || !verdict?.valid || verdict.checksum !== "ok") throw new ThreePayError("threepay_refund_not_supported", WIDGET_HINT)

  const body = ((req as { validatedBody?: { amount?: unknown; note?: string } }).validatedBody ?? req.body ?? {}) as { amount?: unknown; note?: string }
  if (body.amount === undefined || body.amount === null) throw new ThreePayError("threepay_amount_invalid", "Enter the amount to refund.")
  const usdt = MathBN.mult(MathBN.convert(body.amount as string), MathBN.convert(order.invoice.exchange_rate)).decimalPlaces(6, ROUND_DOWN).toFixed()
  const header = req.headers["idempotency-key"]
  const { refund } = await refundPayment(req.scope, {
    order_id: order.order_id,
    payment_id: payment.id,
    amount: usdt,
    address: verdict.address,
    network: order.network,
    idempotency_key: `medusa:${payment.id}:${typeof header === "string" && header ? header : randomUUID()}`.slice(0, 100),
    note: body.note ?? "Medusa refund button (the shopper's refund address on record)",
    created_by: actorOf(req) ?? "medusa",
  })
  if (refund.status === "failed") throw new ThreePayError("threepay_refund_refused", `3PAY refused the refund's withdrawal: ${refund.reason ?? "no reason given"}. Nothing was sent.`)
  const { data: after } = await query.graph({
    entity: "payment",
    fields: ["*", "refunds.*", "captures.*"],
    filters: { id: payment.id },
  })
  res.json({ payment: after[0] })
})
