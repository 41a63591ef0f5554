/**
 * Safety net of the webhook pipeline: applies events whose first attempt
 * failed (after their backoff), events recorded by a process that died before
 * applying them, and claims abandoned mid-way.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { processDueWebhookEvents } from "../lib/webhook-processing"

export default async function retryThreePayWebhookEvents(container: MedusaContainer) {
  if (process.env.THREEPAY_DISABLE_JOBS === "true") return
  await processDueWebhookEvents(container)
}

export const config = {
  name: "threepay-retry-webhook-events",
  schedule: process.env.THREEPAY_RETRY_SCHEDULE || "* * * * *",
}
