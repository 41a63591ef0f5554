/**
 * Applies a webhook event as soon as /hooks/3pay has recorded it: no fixed
 * delay, unlike Medusa's core webhook route. A few at a time per process
 * (lib/concurrency-limit.ts): a burst must not take the database pool that
 * /hooks/3pay needs to acknowledge the next delivery.
 */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { concurrencyLimit } from "../lib/concurrency-limit"
import { processWebhookEvent } from "../workflows/process-webhook-event"
import { WEBHOOK_RECEIVED_EVENT } from "../workflows/record-webhook-delivery"

/** Well under Medusa's default pool of 10 connections. */
const APPLY_AT_ONCE = 3
const applying = concurrencyLimit(APPLY_AT_ONCE)

export default async function threepayWebhookReceived({ event, container }: SubscriberArgs<{ id: string }>) {
  await applying(() => processWebhookEvent(container, event.data.id))
}

export const config: SubscriberConfig = {
  event: WEBHOOK_RECEIVED_EVENT,
  context: { subscriberId: "threepay-webhook-received" },
}
