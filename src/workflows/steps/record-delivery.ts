/**
 * Writes one webhook delivery into the ledger before the endpoint answers:
 * a refused one as a delivery row (hash and size only, never the body), an
 * accepted one as its event (once per distinct body; repeats raise a
 * counter) and its delivery, in one SQL statement (module service).
 */
import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { ExaminedDelivery } from "../../api/hooks/3pay/examine-delivery"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export type RecordedDelivery = {
  event_id: string | null
  duplicate: boolean
  /** Hand it to processing now (a signed deposit not settled yet). */
  process: boolean
}

export const recordDeliveryStep = createStep("threepay-record-delivery", async (d: ExaminedDelivery, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const receivedAt = new Date()
  if (d.kind === "rejected") {
    await threepay.recordRejectedDelivery({
      id: generateEntityId(undefined, "tpdlv"),
      received_at: receivedAt,
      signature: d.signature,
      http_status: d.http_status,
      outcome: d.outcome,
      body_sha256: d.body_sha256,
      body_size: d.body_size,
      headers: d.headers,
    })
    return new StepResponse<RecordedDelivery>({ event_id: null, duplicate: false, process: false })
  }
  // A test-marked copy is recorded apart (its own event) and applies nothing.
  const deposit = !!d.event?.isDeposit && !d.is_test
  // A withdrawal's status: a refund's (workflows/sync-refund.ts).
  const applicable = deposit || (d.event?.type === "withdrawal" && !d.is_test)
  const recorded = await threepay.recordWebhookEvent({
    id: generateEntityId(undefined, "tpevt"),
    body_sha256: d.body_sha256,
    raw_body: d.raw_body,
    headers: d.headers,
    transaction_id: d.event?.invoice.transactionId ?? null,
    event_type: d.event?.type ?? (d.is_test ? "test" : null),
    status: d.event?.invoice.rawStatus ?? null,
    is_test: d.is_test,
    ignored_reason: applicable
      ? null
      : d.is_test
        ? "test delivery: recorded, nothing else changed"
        : `not a deposit or withdrawal (${d.event?.type ?? "unknown"}): nothing to do`,
    secret: d.secret,
    received_at: receivedAt,
    delivery: { id: generateEntityId(undefined, "tpdlv"), body_size: d.body_size },
  })
  return new StepResponse<RecordedDelivery>({
    event_id: recorded.id,
    duplicate: recorded.duplicate,
    // A repeat of an event not settled yet is handed on again: it may be what finally applies it.
    process: applicable && ["pending", "failed"].includes(recorded.processing_status),
  })
})
