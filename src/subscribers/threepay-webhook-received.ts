/**
 * Applies a webhook event as soon as /hooks/3pay has recorded it: no fixed
 * delay, unlike Medusa's core webhook route.
 */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { processWebhookEvent } from "../workflows/process-webhook-event"
import { WEBHOOK_RECEIVED_EVENT } from "../workflows/record-webhook-delivery"

export default async function threepayWebhookReceived({ event, container }: SubscriberArgs<{ id: string }>) {
  await processWebhookEvent(container, event.data.id)
}

export const config: SubscriberConfig = {
  event: WEBHOOK_RECEIVED_EVENT,
  context: { subscriberId: "threepay-webhook-received" },
}
