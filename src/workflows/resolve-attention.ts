/**
 * "Mark as handled" from the admin: records who handled an invoice's
 * attention flags, when and how, on its timeline. A flag raised afterwards
 * puts the invoice back on the list.
 */
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ThreePayError } from "../lib/errors"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"

const resolveAttentionStep = createStep(
  "threepay-resolve-attention",
  async (input: { transaction_id: string; actor: string | null; note: string | null }, { container }) => {
    const row = await container
      .resolve<ThreePayModuleService>(THREEPAY_MODULE)
      .resolveAttention(input.transaction_id, input.actor, input.note)
    if (!row) throw new ThreePayError("threepay_invoice_not_found", "This store has no 3PAY invoice with that id.")
    return new StepResponse(row)
  }
)

export const resolveAttentionWorkflow = createWorkflow(
  "threepay-resolve-attention",
  (input: { transaction_id: string; actor: string | null; note: string | null }) => new WorkflowResponse(resolveAttentionStep(input))
)
