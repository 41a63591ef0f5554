/**
 * Keeps Medusa's record of a USDT refund true (steps/medusa-refund-steps.ts):
 * records it through Medusa's refundPaymentWorkflow once 3PAY accepted the
 * withdrawal, and takes it back (flagging the invoice) when the withdrawal
 * is rejected or fails. Under the refund's lock, so the route, a webhook and
 * reconciliation never record or correct it twice. Run by `followUpRefund`.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLockStep, refundPaymentWorkflow, releaseLockStep } from "@medusajs/medusa/core-flows"
import { THREEPAY_MODULE } from "../modules/threepay"
import { ACCEPTED_REFUND_STATUSES, isVoidRefund } from "../modules/threepay/refund-rules"
import type { RefundRow } from "../modules/threepay/refund-rows"
import type ThreePayModuleService from "../modules/threepay/service"
import { attachMedusaRefundStep, planMedusaRefundStep, voidMedusaRefundStep } from "./steps/medusa-refund-steps"
import { raiseAttentionStep } from "./steps/raise-attention"

const lockKey = (refundId: string) => `threepay-refund-medusa:${refundId}`

export const recordMedusaRefundWorkflow = createWorkflow("threepay-record-medusa-refund", (input: { refund_id: string }) => {
  const key = transform({ input }, ({ input }) => lockKey(input.refund_id))
  acquireLockStep({ key, timeout: 30, ttl: 120 })
  const plan = planMedusaRefundStep(input)
  when("threepay-medusa-refund-when-captured", { plan }, ({ plan }) => !!plan.amount).then(() => {
    refundPaymentWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }) => ({ payment_id: plan.payment_id, amount: plan.amount!, note: plan.note, created_by: plan.created_by })),
    })
    attachMedusaRefundStep(plan)
  })
  releaseLockStep({ key })
  return new WorkflowResponse(plan)
})

export const voidRefundWorkflow = createWorkflow("threepay-void-refund", (input: { refund_id: string }) => {
  const key = transform({ input }, ({ input }) => lockKey(input.refund_id))
  acquireLockStep({ key, timeout: 30, ttl: 120 })
  const voided = voidMedusaRefundStep(input)
  when("threepay-void-refund-flag", { voided }, ({ voided }) => !!voided).then(() => {
    raiseAttentionStep(transform({ voided }, ({ voided }) => ({ ...voided!, source: "admin" as const })))
  })
  releaseLockStep({ key })
  return new WorkflowResponse(voided)
})

/**
 * After any change of a refund: what Medusa must record or correct. Safe to
 * call any number of times (each workflow re-reads the refund under its lock).
 */
export async function followUpRefund(container: MedusaContainer, refundId: string): Promise<RefundRow | null> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const [row] = (await threepay.listThreePayRefunds({ id: refundId }, { take: 1 })) as RefundRow[]
  if (!row) return null
  if (isVoidRefund(row.status) && !row.medusa_reversed_at) await voidRefundWorkflow(container).run({ input: { refund_id: row.id } })
  else if (ACCEPTED_REFUND_STATUSES.includes(row.status) && row.medusa_amount === null) await recordMedusaRefundWorkflow(container).run({ input: { refund_id: row.id } })
  else return row
  const [after] = (await threepay.listThreePayRefunds({ id: refundId }, { take: 1 })) as RefundRow[]
  return after ?? row
}
