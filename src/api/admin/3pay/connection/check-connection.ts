/**
 * "Does the API key work?": one cheap authenticated call (the client's ping,
 * a list of one invoice), turned into a verdict and a sentence a store owner
 * can act on. Errors are read by shape (`code`), never echoed raw: 3PAY's
 * texts stay out of the answer, only status codes and error codes go back.
 */
import type { ThreePayClient } from "medusa-payment-3pay-client"
import { spend } from "../../../../lib/budget"
import type { BudgetSnapshot } from "medusa-payment-3pay-client"
import type { AdminConnectionResponse, BudgetTierDto, ConnectionStatus } from "../api-types"


type ErrorShape = {
  code?: string
  status?: number
  causeCode?: string
  reason?: string
  retryAfterSeconds?: number
}

export type Verdict = {
  status: ConnectionStatus
  message: string
  http_status: number | null
  cause_code: string | null
  retry_after_seconds: number | null
}

export function classifyConnectionError(err: unknown, ctx: { environment: string; baseUrl: string; apiSecretSet: boolean }): Verdict {
  const e = (err ?? {}) as ErrorShape
  const base = {
    http_status: typeof e.status === "number" ? e.status : null,
    cause_code: typeof e.causeCode === "string" ? e.causeCode : null,
    retry_after_seconds: null as number | null,
  }
  const other = ctx.environment === "live" ? "sandbox" : "live"
  switch (e.code) {
    case "authentication":
      return {
        ...base,
        status: "wrong_key",
        message:
          `3PAY refused the API key${ctx.apiSecretSet ? " or the API secret" : ""}. Copy it again from the 3PAY dashboard ` +
          `(Settings > API Keys) into THREEPAY_API_KEY${ctx.apiSecretSet ? " and THREEPAY_API_SECRET" : ""}, then restart Medusa. ` +
          "Sandbox and live keys differ.",
      }
    case "wrong_environment":
      return {
        ...base,
        status: "wrong_environment",
        message:
          `This key belongs to the other environment: the store is set to ${ctx.environment}, the key looks like a ${other} key. ` +
          `Use a ${ctx.environment} key, or set THREEPAY_ENVIRONMENT=${other} if you meant ${other}.`,
      }
    case "rate_limited": {
      const s = Math.max(1, Math.ceil(Number(e.retryAfterSeconds) || 60))
      return {
        ...base,
        status: "busy",
        retry_after_seconds: s,
        message: `Not checked: 3PAY's call budget is nearly spent and is kept for checkout. Try again in ${s} s.`,
      }
    }
    case "unavailable":
      if (e.reason === "server_error") {
        return {
          ...base,
          status: "threepay_error",
          message: `3PAY answered with a server error${base.http_status ? ` (HTTP ${base.http_status})` : ""}. It is probably a 3PAY outage: try again in a few minutes.`,
        }
      }
      return {
        ...base,
        status: "unreachable",
        message:
          `This server cannot reach 3PAY at ${ctx.baseUrl}` +
          `${e.reason === "timeout" ? " (no answer in time)" : base.cause_code ? ` (${base.cause_code})` : ""}. ` +
          "Check the server's outbound internet access, a firewall, or the baseUrl option.",
      }
    case "not_found":
    case "bad_response":
      return {
        ...base,
        status: "unexpected",
        message: `3PAY answered in a way the plugin does not understand. Check that the baseUrl option (${ctx.baseUrl}) is 3PAY's API base ending in /api/v1.`,
      }
  }
  return {
    ...base,
    status: "unexpected",
    message: "The check failed unexpectedly. See the server log for details.",
  }
}

export function budgetView(snapshot: BudgetSnapshot): Record<string, BudgetTierDto> {
  const out: Record<string, BudgetTierDto> = {}
  for (const [tier, t] of Object.entries(snapshot.tiers)) {
    out[tier] = {
      used: t.used,
      limit: t.limit,
      remaining: t.remaining,
      reset_at: t.resetAt,
      blocked_until: t.blockedUntil,
      by_purpose: t.byPurpose,
      events: t.events.map((e) => ({ at: e.at, kind: e.kind, purpose: e.purpose, wait_ms: e.waitMs })),
    }
  }
  return out
}

export async function checkConnection(
  client: ThreePayClient,
  opts: { apiSecretSet: boolean; onUnexpected?: (e: unknown) => void }
): Promise<AdminConnectionResponse> {
  const checkedAt = new Date().toISOString()
  const common = { environment: client.environment, base_url: client.baseUrl, checked_at: checkedAt }
  let answer: Omit<AdminConnectionResponse, "rate_budget">
  try {
    // The settings page may be reloaded often: it never eats into what checkout and webhooks need.
    const ping = await client.ping(spend("admin"))
    answer = {
      ...common,
      status: "ok",
      ok: true,
      message: `The API key works with 3PAY ${client.environment} (answered in ${ping.latencyMs} ms).`,
      latency_ms: ping.latencyMs,
      http_status: 200,
      cause_code: null,
      retry_after_seconds: null,
    }
  } catch (e) {
    const v = classifyConnectionError(e, {
      environment: client.environment,
      baseUrl: client.baseUrl,
      apiSecretSet: opts.apiSecretSet,
    })
    if (v.status === "unexpected") opts.onUnexpected?.(e)
    answer = { ...common, ...v, ok: false, latency_ms: null }
  }
  return { ...answer, rate_budget: budgetView(await client.rateBudgetSnapshot()) }
}
