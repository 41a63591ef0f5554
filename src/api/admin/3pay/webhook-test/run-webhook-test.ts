/**
 * "Send test webhook": asks 3PAY for a test delivery to the account's webhook
 * URL, then watches our own delivery ledger for it. The ledger, not 3PAY's
 * answer, decides: a 200 from a CDN or from another server is not a delivery
 * to this store. A refused signature in the window means the secrets differ.
 */
import { spend } from "../../../../lib/budget"
import type ThreePayModuleService from "../../../../modules/threepay/service"
import type { AdminWebhookTestResponse, WebhookTestVerdict } from "../api-types"

export const DEFAULT_WAIT_MS = 5_000
/** Once 3PAY says its attempt is over, the delivery row is at most this far behind. */
const AFTER_ATTEMPT_WAIT_MS = 1_500
const POLL_MS = 150

type DeliveryRow = { received_at: Date | string; outcome: string; signature: string; http_status: number }

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** The delivery that best answers "did it arrive": an accepted test, else any accepted one, else a refusal. */
export function pickDelivery(rows: DeliveryRow[]): DeliveryRow | null {
  return (
    rows.find((r) => r.outcome === "test") ??
    rows.find((r) => r.signature === "valid") ??
    rows.find((r) => r.outcome === "rejected_signature") ??
    rows[0] ??
    null
  )
}

const CAUSES_NOT_ARRIVED = (url: string) => [
  `The webhook URL in the 3PAY dashboard (Settings > Webhooks) is not ${url}.`,
  "A firewall, reverse proxy or CDN (e.g. bot protection) blocks 3PAY's requests to /hooks/3pay.",
  "The backend is not reachable from the internet (localhost, a private network, or a stopped tunnel).",
]

export function verdictFor(
  delivery: DeliveryRow | null,
  threepay: AdminWebhookTestResponse["threepay"],
  ctx: { webhookUrl: string; webhookSecretSet: boolean }
): Pick<AdminWebhookTestResponse, "arrived" | "verdict" | "message" | "likely_causes"> {
  const v = (verdict: WebhookTestVerdict, arrived: boolean, message: string, likely_causes: string[] = []) => ({
    arrived,
    verdict,
    message,
    likely_causes,
  })
  if (delivery?.signature === "valid") {
    return v("arrived", true, "The test webhook arrived and its signature is valid: 3PAY can reach this store.")
  }
  if (delivery?.outcome === "rejected_signature") {
    if (delivery.signature === "no_secret" || !ctx.webhookSecretSet) {
      return v(
        "no_secret",
        false,
        "The test webhook reached this store, but no webhook secret is configured, so every webhook is refused.",
        ["Copy the webhook secret from the 3PAY dashboard (Settings > Webhooks) into THREEPAY_WEBHOOK_SECRET and restart Medusa."]
      )
    }
    return v(
      "secret_mismatch",
      false,
      "The test webhook reached this store, but its signature does not match: the webhook secret differs from 3PAY's.",
      [
        "THREEPAY_WEBHOOK_SECRET is not the secret shown in the 3PAY dashboard (Settings > Webhooks).",
        "The secret was rotated at 3PAY: put the new one in THREEPAY_WEBHOOK_SECRET and the old one in THREEPAY_PREVIOUS_WEBHOOK_SECRET until old deliveries drain.",
      ]
    )
  }
  if (delivery) {
    return v("rejected", false, `A request reached this store but was refused (${delivery.outcome}).`, [
      "Something between 3PAY and this store alters the request body (a proxy that re-encodes JSON, or a body size limit).",
    ])
  }
  if (!threepay.requested) {
    const why: Record<string, string> = {
      validation: `3PAY refused the request: most likely no webhook URL is set for your account. Set it to ${ctx.webhookUrl} in the 3PAY dashboard (Settings > Webhooks).`,
      authentication: "3PAY refused the API key: see Connection above.",
      wrong_environment: "The API key belongs to the other environment: see Connection above.",
      rate_limited: "3PAY's call budget is nearly spent: try again in a few minutes.",
      unavailable: "3PAY could not be reached: see Connection above.",
    }
    return v("request_failed", false, "3PAY did not send a test webhook.", [
      why[threepay.error_code ?? ""] ?? `Set the webhook URL in the 3PAY dashboard (Settings > Webhooks) to ${ctx.webhookUrl} and check the connection above.`,
    ])
  }
  const causes = CAUSES_NOT_ARRIVED(ctx.webhookUrl)
  const said =
    threepay.delivered === true
      ? ` 3PAY says it delivered it${threepay.status_code ? ` (HTTP ${threepay.status_code})` : ""}, so it went to another address.`
      : threepay.delivered === false
        ? ` 3PAY says the delivery failed${threepay.status_code ? ` (HTTP ${threepay.status_code})` : ""}.`
        : ""
  return v("not_arrived", false, `No test webhook reached this store.${said}`, causes)
}

export async function runWebhookTest(
  threepay: ThreePayModuleService,
  opts: { webhookUrl: string; waitMs?: number }
): Promise<AdminWebhookTestResponse> {
  const options = threepay.getOptions()
  const started = Date.now()
  // No slack before `started`: an earlier test's delivery must not count for this one.
  // (Rows are stamped by the server that receives them; instances are assumed NTP-synced.)
  const since = new Date(started)
  const said: AdminWebhookTestResponse["threepay"] = { requested: false, delivered: null, status_code: null, error_code: null }
  try {
    const r = await threepay.getClient().sendTestWebhook(spend("admin"))
    said.requested = true
    said.delivered = r.delivered
    said.status_code = r.statusCode
  } catch (e) {
    said.error_code = typeof (e as { code?: unknown })?.code === "string" ? (e as { code: string }).code : "unknown"
  }

  let delivery: DeliveryRow | null = null
  if (said.requested) {
    const budget = started + (opts.waitMs ?? DEFAULT_WAIT_MS)
    // When 3PAY reports its attempt as finished, the row is already written or nearly so.
    const deadline = said.delivered === null ? budget : Math.min(budget, Date.now() + AFTER_ATTEMPT_WAIT_MS)
    for (;;) {
      const rows = (await threepay.listThreePayWebhookDeliveries(
        { received_at: { $gte: since } },
        { take: 20, order: { received_at: "ASC" }, select: ["received_at", "outcome", "signature", "http_status"] }
      )) as unknown as DeliveryRow[]
      delivery = pickDelivery(rows)
      // A test is a single delivery: an accepted or a refused one settles it.
      if (delivery && (delivery.signature === "valid" || delivery.outcome === "rejected_signature")) break
      if (Date.now() >= deadline) break
      await sleep(POLL_MS)
    }
  }

  return {
    ...verdictFor(delivery, said, { webhookUrl: opts.webhookUrl, webhookSecretSet: !!options.webhookSecret }),
    webhook_url: opts.webhookUrl,
    waited_ms: Date.now() - started,
    threepay: said,
    delivery: delivery
      ? {
          received_at: new Date(delivery.received_at).toISOString(),
          outcome: delivery.outcome,
          signature: delivery.signature,
          http_status: Number(delivery.http_status),
        }
      : null,
  }
}
