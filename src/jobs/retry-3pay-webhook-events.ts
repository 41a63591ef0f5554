/**
 * Safety net of the webhook pipeline: applies events whose first attempt
 * failed (after their backoff), events recorded by a process that died before
 * applying them, and claims abandoned mid-way. Also forgets the storefront's
 * per-cart rate-limit counters once they are stale.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { processDueWebhookEvents } from "../workflows/process-webhook-event"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"

export default async function retryThreePayWebhookEvents(container: MedusaContainer) {
  if (process.env.THREEPAY_DISABLE_JOBS === "true") return
  await processDueWebhookEvents(container)
  // The storefront's per-cart counters ("I have paid", renewals) only matter for an hour.
  await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).pruneJobStates("storefront:", 2 * 60 * 60_000)
}

export const config = {
  name: "threepay-retry-webhook-events",
  schedule: process.env.THREEPAY_RETRY_SCHEDULE || "* * * * *",
}
