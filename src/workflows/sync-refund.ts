/**
 * A report about a refund's withdrawal, applied (steps/apply-withdrawal-report.ts),
 * with `threepay.refund.settled` when it reached its end. Medusa's record
 * follows in `followUpRefund` (record-medusa-refund.ts), run by the caller
 * once this is done: the webhook processing and reconciliation.
 */
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { THREEPAY_EVENTS } from "../lib/events"
import type { WithdrawalReport } from "../modules/threepay/refund-rows"
import { applyWithdrawalReportStep } from "./steps/apply-withdrawal-report"

export type WithdrawalReportInput = { refund_id: string; report: WithdrawalReport; source: string }

export const applyWithdrawalReportWorkflow = createWorkflow("threepay-apply-withdrawal-report", (input: WithdrawalReportInput) => {
  const applied = applyWithdrawalReportStep(input)
  when("threepay-refund-settled", { applied }, ({ applied }) => applied.became_final).then(() => {
    emitEventStep({
      eventName: THREEPAY_EVENTS.REFUND_SETTLED,
      data: transform({ applied }, ({ applied }) => ({ id: applied.refund_id, order_id: applied.order_id, status: applied.status })),
    }).config({ name: "threepay-emit-refund-settled" })
  })
  return new WorkflowResponse(applied)
})
