/**
 * A store whose 3PAY dashboard points at Medusa's core route
 * (`/hooks/payment/3pay_3pay`) gets the same pipeline as `/hooks/3pay`: the
 * provider answers NOT_SUPPORTED to Medusa's own subscriber, and this one
 * hands the delivery to the plugin's intake (signature, ledger, re-read,
 * one workflow). One path per webhook, whichever URL 3PAY calls.
 */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { PaymentWebhookEvents } from "@medusajs/framework/utils"
import { isThreePayProvider } from "medusa-payment-3pay-client/store-api"
import { examineDelivery } from "../api/hooks/3pay/examine-delivery"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import { recordWebhookDeliveryWorkflow } from "../workflows/record-webhook-delivery"

type CoreWebhook = {
  provider?: string
  payload?: { rawData?: Buffer | { type: "Buffer"; data: number[] } | string; headers?: Record<string, unknown> }
}

function bytesOf(raw: unknown): Buffer | null {
  if (!raw) return null
  if (Buffer.isBuffer(raw)) return raw
  if (typeof raw === "string") return Buffer.from(raw, "utf8")
  // The Redis event bus serialises Buffers as { type: "Buffer", data }.
  const r = raw as { type?: unknown; data?: unknown }
  if (r.type === "Buffer" && Array.isArray(r.data)) return Buffer.from(r.data as number[])
  return null
}

export default async function threepayCoreWebhook({ event, container }: SubscriberArgs<CoreWebhook>) {
  const provider = event.data.provider ?? ""
  if (!isThreePayProvider(provider.startsWith("pp_") ? provider : `pp_${provider}`)) return
  const options = container.resolve<ThreePayModuleService>(THREEPAY_MODULE).getOptions()
  const raw = bytesOf(event.data.payload?.rawData)
  const delivery = examineDelivery(options, {
    raw,
    tooLarge: !!raw && raw.length > options.webhookMaxBytes,
    size: raw?.length ?? 0,
    headers: event.data.payload?.headers ?? {},
  })
  await recordWebhookDeliveryWorkflow(container).run({ input: delivery })
}

export const config: SubscriberConfig = {
  event: PaymentWebhookEvents.WebhookReceived,
  context: { subscriberId: "threepay-core-webhook" },
}
