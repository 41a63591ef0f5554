import { model } from "@medusajs/framework/utils"

/**
 * Every POST to /hooks/3pay, valid or not: when, what we answered, and why.
 * Forged or oversized requests keep only a hash and size, never their body.
 */
export const ThreePayWebhookDelivery = model
  .define("threepay_webhook_delivery", {
    id: model.id({ prefix: "tpdlv" }).primaryKey(),
    event_id: model.text().nullable(),
    received_at: model.dateTime(),
    /** valid, missing, malformed, mismatch, no_secret */
    signature: model.text(),
    http_status: model.number(),
    /** recorded, duplicate, test, rejected_signature, malformed, too_large */
    outcome: model.text(),
    body_sha256: model.text().nullable(),
    body_size: model.number().default(0),
    headers: model.json().nullable(),
  })
  .indexes([{ on: ["received_at"] }, { on: ["event_id"] }])
