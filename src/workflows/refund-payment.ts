/**
 * A refund in USDT (issue #16), read top-down:
 *
 * 1. check the request (steps/prepare-refund.ts): the address by its
 *    network's checksum, the order's 3PAY payment and network, the 3PAY user;
 * 2. reserve it (steps/reserve-refund.ts): under the paying invoice's row
 *    lock, unique by the form's idempotency key, never above what is still
 *    refundable. The same key again returns the first refund and nothing
 *    below runs: a double click, a retry or two admins make one withdrawal;
 * 3. for a new refund: the 3PAY user (steps/ensure-refund-user.ts), its
 *    funding when 3PAY draws on the user's balance (steps/fund-refund.ts),
 *    and THE WITHDRAWAL, claimed before it is sent and never sent twice
 *    (steps/request-withdrawal.ts; a lost answer is looked for, not re-sent).
 *
 * Medusa's record of the refund follows (record-medusa-refund.ts,
 * `followUpRefund`), run by `refundPayment` below once this workflow is
 * done, and again by webhooks and reconciliation until it is true.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { THREEPAY_EVENTS } from "../lib/events"
import type { RefundRow } from "../modules/threepay/refund-rows"
import { followUpRefund } from "./record-medusa-refund"
import { ensureRefundUserStep } from "./steps/ensure-refund-user"
import { fundRefundStep } from "./steps/fund-refund"
import { prepareRefundStep, type RefundRequest } from "./steps/prepare-refund"
import { requestWithdrawalStep } from "./steps/request-withdrawal"
import { reserveRefundStep } from "./steps/reserve-refund"

export const refundPaymentFlow = createWorkflow("threepay-refund-payment", (input: RefundRequest) => {
  const prepared = prepareRefundStep(input)
  const reserved = reserveRefundStep(transform({ prepared }, ({ prepared }) => prepared.refund))
  const requested = when("threepay-refund-when-new", { reserved }, ({ reserved }) => reserved.created).then(() => {
    ensureRefundUserStep(transform({ prepared, reserved }, ({ prepared, reserved }) => ({ user_id: reserved.row.user_id, owner: prepared.owner })))
    const refundId = transform({ reserved }, ({ reserved }) => ({ refund_id: reserved.row.id }))
    fundRefundStep(refundId)
    const row = requestWithdrawalStep(refundId)
    emitEventStep({
      eventName: THREEPAY_EVENTS.REFUND_REQUESTED,
      data: transform({ reserved }, ({ reserved }) => ({ id: reserved.row.id, order_id: reserved.row.order_id })),
    }).config({ name: "threepay-emit-refund-requested" })
    return row
  })
  return new WorkflowResponse(
    transform({ reserved, requested }, ({ reserved, requested }) => ({ refund: (requested ?? reserved.row) as RefundRow, created: reserved.created }))
  )
})

/** Runs the refund, then brings Medusa's record up to date; `created` false: this idempotency key's earlier refund. */
export async function refundPayment(container: MedusaContainer, input: RefundRequest): Promise<{ refund: RefundRow; created: boolean }> {
  const { result } = await refundPaymentFlow(container).run({ input })
  const refund = (await followUpRefund(container, result.refund.id)) ?? result.refund
  return { refund, created: result.created }
}
