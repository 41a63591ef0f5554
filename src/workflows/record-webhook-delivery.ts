/**
 * The webhook endpoint's one change of state: record the delivery (and its
 * event) before answering 3PAY, then hand a signed deposit to processing
 * through the event bus (released when this workflow succeeds), so the
 * answer never waits for Medusa's order workflows.
 */
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { ExaminedDelivery } from "../api/hooks/3pay/examine-delivery"
import { recordDeliveryStep } from "./steps/record-delivery"

/** Internal: a recorded webhook event is ready to be applied (subscribers/threepay-webhook-received.ts). */
export const WEBHOOK_RECEIVED_EVENT = "threepay.webhook.received"

export const recordWebhookDeliveryWorkflow = createWorkflow("threepay-record-webhook-delivery", (input: ExaminedDelivery) => {
  const recorded = recordDeliveryStep(input)
  when("threepay-hand-on-webhook", { recorded }, ({ recorded }) => recorded.process).then(() => {
    emitEventStep({ eventName: WEBHOOK_RECEIVED_EVENT, data: transform({ recorded }, ({ recorded }) => ({ id: recorded.event_id })) })
  })
  return new WorkflowResponse(recorded)
})
