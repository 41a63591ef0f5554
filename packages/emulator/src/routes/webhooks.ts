import { currencyTypeOf } from "medusa-payment-3pay-client"
import { newAddress, newTxHash } from "../addresses"
import type { Emulator } from "../core"
import { badRequest, notFound, ok, paginate, paging } from "../http"
import type { Route, RouteContext } from "../router"
import { money } from "../serialize"
import type { Delivery } from "../types"
import { urlParam } from "../validate"

/** Webhook management: URL, test delivery, secret (masked / rotate), manual retry, event list. */

export function maskSecret(secret: string): string {
  return "••••••••" + secret.slice(-8)
}

export function eventDoc(emu: Emulator, d: Delivery) {
  const iso = (t: number | null) => (t === null ? null : emu.clock.iso(t))
  return {
    id: d.id,
    eventType: d.eventType,
    transactionId: d.transactionId,
    deliveryStatus: d.deliveryStatus,
    attempts: d.attempts,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: iso(d.nextAttemptAt),
    url: d.url,
    responseStatus: d.responseStatus,
    error: d.error,
    test: d.test,
    createdAt: iso(d.createdAt),
  }
}

function setUrl({ emu, body }: RouteContext) {
  const url = urlParam(body.webhookUrl, "webhookUrl")
  if (!url) throw badRequest("webhookUrl is required")
  emu.store.webhookUrl = url
  emu.log("webhook.url", `account webhook URL set to ${url}`)
  return ok({ success: true, message: "Webhook URL updated", data: { webhookUrl: url } })
}

async function test({ emu }: RouteContext) {
  if (!emu.store.webhookUrl) throw badRequest("No webhook URL configured: set one with POST /webhook/url first")
  const v = emu.wire.variants
  const id = emu.random.uuid()
  const now = emu.clock.iso()
  const { deliveries, sent } = emu.webhooks.emit({
    eventType: "test",
    transactionId: id,
    url: null,
    test: true,
    data: {
      type: "deposit",
      transactionId: id,
      clientId: emu.merchantId,
      amount: money(100_000_000n, v),
      fee: money(1_000_000n, v),
      netAmount: money(99_000_000n, v),
      actualBalance: money(100_000_000n, v),
      currencyType: currencyTypeOf("TRC20"),
      status: "confirmed",
      createdAt: now,
      confirmedAt: now,
      blockchainTxHash: newTxHash("TRC20", emu.random),
      walletAddress: newAddress("TRC20", emu.random),
      network: currencyTypeOf("TRC20"),
      id,
    },
  })
  await sent
  const d = deliveries[0]
  return ok({
    success: true,
    message: d.deliveryStatus === "delivered" ? "Test webhook delivered" : "Test webhook failed",
    data: { eventId: d.id, delivered: d.deliveryStatus === "delivered", statusCode: d.responseStatus },
  })
}

function secret({ emu }: RouteContext) {
  return ok({ success: true, data: { secret: maskSecret(emu.store.webhookSecret) } })
}

function rotate({ emu }: RouteContext) {
  emu.store.webhookSecret = `whsec_${emu.random.hex(48)}`
  emu.log("webhook.secret", "webhook secret rotated")
  return ok({
    success: true,
    message: "Webhook secret rotated. Store it now: it will not be shown again.",
    data: { secret: emu.store.webhookSecret },
  })
}

async function retry({ emu, params }: RouteContext) {
  const d = emu.store.deliveries.get(params.webhookEventId)
  if (!d) throw notFound(`Webhook event ${params.webhookEventId} not found`)
  await emu.webhooks.retry(d)
  return ok({ success: true, message: "Webhook retried", data: { id: d.id, deliveryStatus: d.deliveryStatus } })
}

function events({ emu, query }: RouteContext) {
  const { page, limit } = paging(query)
  const status = query.get("deliveryStatus")
  if (status && !["pending", "delivered", "failed"].includes(status)) {
    throw badRequest("deliveryStatus must be pending, delivered or failed")
  }
  const tx = query.get("transactionId")
  const docs = [...emu.store.deliveries.values()]
    .filter((d) => (!status || d.deliveryStatus === status) && (!tx || d.transactionId === tx))
    .reverse()
    .map((d) => eventDoc(emu, d))
  return ok({ success: true, data: paginate(docs, page, limit) })
}

export const webhookRoutes: Route[] = [
  { method: "POST", path: "/webhook/url", name: "webhook.url", tier: "standard", handler: setUrl },
  { method: "POST", path: "/webhook/test", name: "webhook.test", tier: "standard", handler: test },
  { method: "GET", path: "/webhook/secret", name: "webhook.secret", tier: "standard", handler: secret },
  { method: "POST", path: "/webhook/secret/rotate", name: "webhook.secret.rotate", tier: "standard", handler: rotate },
  { method: "POST", path: "/webhook/retry/:webhookEventId", name: "webhook.retry", tier: "standard", handler: retry },
  { method: "GET", path: "/webhook/events", name: "webhook.events", tier: "standard", handler: events },
]
