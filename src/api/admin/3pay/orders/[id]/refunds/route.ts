/**
 * GET /admin/3pay/orders/:id/refunds: what may still be refunded in USDT and
 * every refund with its timeline (an order not paid by 3PAY invoice:
 * `refundable: null`, `refunds: []`).
 *
 * POST /admin/3pay/orders/:id/refunds `{ payment_id, amount, address, network,
 * idempotency_key, confirm_lowercase?, note? }`: a refund through the refund
 * workflow (workflows/refund-payment.ts). 201 with the new refund; 200 with
 * the refund this idempotency key already made (nothing sent again). A
 * refusal before anything was written answers its ThreePayError code.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ThreePayError, threepayRoute } from "../../../../../../lib/errors"
import { loadRefundOrder } from "../../../../../../lib/refund-order"
import { refundPayment } from "../../../../../../workflows/refund-payment"
import type { AdminCreateRefundResponse, AdminOrderRefundsResponse } from "../../../api-types"
import { actorOf, threePayModule } from "../../../context"
import { refundableDto, refundDto } from "../../../refund-view"
import { OrderIdParamSchema, type AdminCreateRefundBodyType } from "../../../validators"

function orderIdOf(req: AuthenticatedMedusaRequest): string {
  const params = OrderIdParamSchema.safeParse(req.params)
  if (!params.success) throw new ThreePayError("threepay_order_not_found", "No such order.")
  return params.data.id
}

export const GET = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const orderId = orderIdOf(req)
  const threepay = threePayModule(req)
  const env = threepay.getOptions().environment
  const order = await loadRefundOrder(req.scope, orderId)
  const refunds = order ? await threepay.listPaymentRefunds(order.payment.id) : []
  const body: AdminOrderRefundsResponse = {
    order_id: orderId,
    refundable: order ? refundableDto(threepay, order, refunds) : null,
    refunds: refunds.map((r) => refundDto(r, env)).reverse(),
  }
  res.setHeader("Cache-Control", "no-store")
  res.json(body)
})

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest<AdminCreateRefundBodyType>, res: MedusaResponse) => {
  const orderId = orderIdOf(req)
  const b = req.validatedBody
  const { refund, created } = await refundPayment(req.scope, {
    order_id: orderId,
    payment_id: b.payment_id,
    amount: b.amount,
    address: b.address,
    network: b.network,
    idempotency_key: b.idempotency_key,
    confirm_lowercase: b.confirm_lowercase,
    note: b.note ?? null,
    created_by: actorOf(req) ?? null,
  })
  const body: AdminCreateRefundResponse = { refund: refundDto(refund, threePayModule(req).getOptions().environment) }
  res.setHeader("Cache-Control", "no-store")
  res.status(created ? 201 : 200).json(body)
})
