/**
 * Webhook health from the ledger: are 3PAY's deliveries reaching us, are they
 * signed with the right secret, are they applied, and did reconciliation have
 * to recover payments no webhook reported (the sign of a firewall or CDN
 * between 3PAY and /hooks/3pay). Counts only; no body leaves the ledger.
 */
import type ThreePayModuleService from "../../../../modules/threepay/service"
import type { AdminHealthResponse, HealthStatus, OutcomeCounts } from "../api-types"

const HOUR = 60 * 60_000
const DAY = 24 * HOUR

/** Delivery outcomes written by lib/webhook-intake.ts. */
export const DELIVERY_OUTCOMES = ["recorded", "duplicate", "test", "rejected_signature", "malformed", "too_large"] as const

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)
const clip = (s: string | null | undefined, n = 300) => (s ? (s.length > n ? `${s.slice(0, n)}…` : s) : null)

/** Deliveries per outcome: rows, and the hourly tallies of those only counted (retention options). */
async function countDeliveries(threepay: ThreePayModuleService, since: Date): Promise<OutcomeCounts> {
  const counted = await threepay.countWebhookDeliveries(since)
  const counts = DELIVERY_OUTCOMES.map((outcome) => [outcome, counted[outcome] ?? 0] as const)
  const out = Object.fromEntries(counts) as Omit<OutcomeCounts, "total">
  const total = counts.reduce((sum, [, n]) => sum + n, 0)
  return { total, ...out }
}

async function newestDelivery(threepay: ThreePayModuleService, filters: Record<string, unknown>) {
  const [row] = await threepay.listThreePayWebhookDeliveries(filters, {
    take: 1,
    order: { received_at: "DESC" },
    select: ["id", "received_at"],
  })
  return iso(row?.received_at)
}

type ReconciliationReport = {
  started_at?: string
  finished_at?: string
  skipped?: string | null
  open?: number
  list_calls?: number
  verify_calls?: number
  changed?: unknown[]
  paid_without_webhook?: unknown[]
  errors?: unknown[]
}

function reconciliationView(r: ReconciliationReport | null): AdminHealthResponse["reconciliation"] {
  if (!r) return null
  return {
    started_at: r.started_at ?? null,
    finished_at: r.finished_at ?? null,
    skipped: r.skipped ?? null,
    open: Number(r.open ?? 0),
    list_calls: Number(r.list_calls ?? 0),
    verify_calls: Number(r.verify_calls ?? 0),
    changed: Array.isArray(r.changed) ? r.changed.length : 0,
    paid_without_webhook: Array.isArray(r.paid_without_webhook) ? r.paid_without_webhook.length : 0,
    errors: (Array.isArray(r.errors) ? r.errors : []).slice(0, 5).map((e) => clip(String(e), 200) ?? ""),
  }
}

/** The headline and what to do, from the numbers. Pure, for unit tests. */
export function healthVerdict(h: Omit<AdminHealthResponse, "status" | "messages" | "checked_at">): {
  status: HealthStatus
  messages: string[]
} {
  const messages: string[] = []
  let status: HealthStatus = "ok"
  const raise = (s: HealthStatus) => {
    const rank: Record<HealthStatus, number> = { ok: 0, never: 1, warning: 2, problem: 3 }
    if (rank[s] > rank[status]) status = s
  }
  const day = h.deliveries.last_24h
  if (day.rejected_signature > 0 && day.total - day.rejected_signature - day.malformed - day.too_large === 0) {
    raise("problem")
    messages.push(
      `${day.rejected_signature} delivery(ies) in the last 24 h were refused for their signature and none was accepted: ` +
        "the webhook secret in THREEPAY_WEBHOOK_SECRET differs from the one in the 3PAY dashboard (Settings > Webhooks)."
    )
  } else if (day.rejected_signature > 0) {
    raise("warning")
    messages.push(
      `${day.rejected_signature} request(s) to /hooks/3pay in the last 24 h had a wrong signature (forged, or signed with an old secret); they were refused.`
    )
  }
  if (h.events.dead > 0) {
    raise("problem")
    messages.push(
      `${h.events.dead} webhook event(s) could not be applied after every retry. See "Needs attention" and use "Re-check with 3PAY" on the order.`
    )
  } else if (h.events.failed > 0) {
    raise("warning")
    messages.push(`${h.events.failed} webhook event(s) failed and will be retried automatically.`)
  }
  if (h.paid_without_webhook.last_7d > 0) {
    raise("warning")
    messages.push(
      `Reconciliation found ${h.paid_without_webhook.last_7d} paid invoice(s) in the last 7 days that no webhook reported: ` +
        "3PAY may not reach /hooks/3pay (firewall, CDN bot protection, or a wrong webhook URL in the 3PAY dashboard). Send a test webhook."
    )
  }
  if (!h.last_delivery_at) {
    raise("never")
    messages.push(
      "No webhook has reached this store yet. Paste the webhook URL into the 3PAY dashboard (Settings > Webhooks) and send a test webhook."
    )
  }
  if (status === "ok") messages.push("Webhooks arrive and are applied.")
  return { status, messages }
}

export async function webhookHealth(threepay: ThreePayModuleService, now = new Date()): Promise<AdminHealthResponse> {
  const dayAgo = new Date(now.getTime() - DAY)
  const weekAgo = new Date(now.getTime() - 7 * DAY)
  const [
    last24h,
    last7d,
    lastAny,
    lastValid,
    lastRejected,
    [, pending],
    [, failed],
    [deadRows, dead],
    [recentRecovered, recoveredTotal],
    [, recovered7d],
    report,
  ] = await Promise.all([
    countDeliveries(threepay, dayAgo),
    countDeliveries(threepay, weekAgo),
    newestDelivery(threepay, {}),
    newestDelivery(threepay, { signature: "valid" }),
    newestDelivery(threepay, { outcome: "rejected_signature" }),
    threepay.listAndCountThreePayWebhookEvents({ processing_status: ["pending", "processing"] }, { take: 1, select: ["id"] }),
    threepay.listAndCountThreePayWebhookEvents({ processing_status: "failed" }, { take: 1, select: ["id"] }),
    threepay.listAndCountThreePayWebhookEvents(
      { processing_status: "dead" },
      { take: 5, order: { updated_at: "DESC" }, select: ["id", "transaction_id", "attempts", "last_error", "updated_at"] }
    ),
    threepay.listAndCountThreePayInvoices(
      { paid_via: "reconciliation" },
      { take: 5, order: { paid_at: "DESC" }, select: ["transaction_id", "order_id", "cart_id", "paid_at"] }
    ),
    threepay.listAndCountThreePayInvoices(
      { paid_via: "reconciliation", paid_at: { $gte: weekAgo } },
      { take: 1, select: ["id"] }
    ),
    threepay.getJobState<ReconciliationReport>("reconciliation"),
  ])
  const facts = {
    last_delivery_at: lastAny,
    last_valid_delivery_at: lastValid,
    last_rejected_at: lastRejected,
    deliveries: { last_24h: last24h, last_7d: last7d },
    events: {
      pending,
      failed,
      dead,
      recent_dead: deadRows.map((e) => ({
        id: e.id,
        transaction_id: e.transaction_id ?? null,
        attempts: Number(e.attempts ?? 0),
        last_error: clip(e.last_error),
        at: iso(e.updated_at as Date | string) ?? now.toISOString(),
      })),
    },
    paid_without_webhook: {
      total: recoveredTotal,
      last_7d: recovered7d,
      recent: recentRecovered.map((r) => ({
        transaction_id: r.transaction_id,
        order_id: r.order_id ?? null,
        cart_id: r.cart_id ?? null,
        paid_at: iso(r.paid_at),
      })),
    },
    reconciliation: reconciliationView(report),
  }
  return { ...healthVerdict(facts), ...facts, checked_at: now.toISOString() }
}
