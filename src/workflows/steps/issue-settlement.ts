/**
 * Tells the provider, in this process, that the cart's invoices cover its
 * total as 3PAY just reported it (lib/handoff.ts): its authorizePayment,
 * called next by Medusa's processPaymentWorkflow, answers "captured" for
 * this session without asking 3PAY once more, and counts every invoice of
 * the cart (a top-up included), which it could not read on its own.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { issueHandoff } from "../../lib/handoff"

export const issueSettlementStep = createStep(
  "threepay-issue-settlement",
  async (input: { session_id: string; transaction_ids: string[]; received_usdt: string; data: Record<string, unknown> }) => {
    issueHandoff({
      kind: "settlement",
      session_id: input.session_id,
      transaction_ids: input.transaction_ids,
      received_usdt: input.received_usdt,
      data: input.data,
    })
    return new StepResponse(input.session_id)
  }
)
