import { model } from "@medusajs/framework/utils"

/**
 * One distinct webhook body (deduplicated by its SHA-256 and the test marker):
 * repeats of the same body raise `delivery_count` instead of adding rows. Recorded before we
 * answer 3PAY, applied asynchronously, retried with backoff until applied or
 * marked dead for the admin.
 */
export const ThreePayWebhookEvent = model
  .define("threepay_webhook_event", {
    id: model.id({ prefix: "tpevt" }).primaryKey(),
    body_sha256: model.text(),
    raw_body: model.text(),
    headers: model.json().nullable(),
    transaction_id: model.text().nullable(),
    event_type: model.text().nullable(),
    status: model.text().nullable(),
    is_test: model.boolean().default(false),
    /** Which secret matched: "current" or "previous" (during a rotation). */
    secret: model.text().nullable(),
    delivery_count: model.number().default(1),
    first_received_at: model.dateTime(),
    last_received_at: model.dateTime(),
    /** pending, processing, applied, ignored, failed (will retry), dead (gave up). */
    processing_status: model.text().default("pending"),
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    last_error: model.text().nullable(),
    outcome: model.text().nullable(),
    processed_at: model.dateTime().nullable(),
  })
  .indexes([
    // A copy marked X-Webhook-Test is its own event: the marker is outside the
    // signature, so a marked replay must never stand for the genuine delivery.
    { on: ["body_sha256", "is_test"], unique: true },
    { on: ["transaction_id"] },
    { on: ["processing_status", "next_attempt_at"] },
  ])
