/**
 * Per-cart limits on the store actions that cost a 3PAY call ("I have paid"
 * checks) or an invoice ("Get a new invoice"). 3PAY's budget is shared by
 * every shopper of the store, so one cart, or a script holding one, must not
 * spend it. The counters live in the plugin's ledger (a job-state record per
 * cart and action) and are updated under Medusa's locking module, so they
 * hold across requests, processes and, with a shared locking provider,
 * across servers.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { tooMany } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export type LimitRule = {
  /** Shortest time between two attempts. */
  minIntervalMs: number
  /** Most attempts in any window of `windowMs`. */
  maxPerWindow: number
  windowMs: number
}

export const CHECK_LIMIT: LimitRule = { minIntervalMs: 15_000, maxPerWindow: 10, windowMs: 3_600_000 }
export const RENEW_LIMIT: LimitRule = { minIntervalMs: 10_000, maxPerWindow: 6, windowMs: 3_600_000 }

/** Attempt times (ms) inside the window, oldest first. */
export type LimitState = { times: number[] }

export type LimitDecision = { allowed: true; next: LimitState } | { allowed: false; retryAfterSeconds: number }

/** Pure: whether one more attempt fits the rule now, and the state after it. */
export function decide(state: LimitState | null, now: number, rule: LimitRule): LimitDecision {
  const times = (state?.times ?? []).filter((t) => Number.isFinite(t) && t > now - rule.windowMs && t <= now)
  const last = times[times.length - 1]
  let waitMs = 0
  if (last !== undefined && now - last < rule.minIntervalMs) waitMs = rule.minIntervalMs - (now - last)
  if (times.length >= rule.maxPerWindow) {
    // The oldest attempt must leave the window before another one fits.
    const oldest = times[times.length - rule.maxPerWindow]
    waitMs = Math.max(waitMs, oldest + rule.windowMs - now)
  }
  if (waitMs > 0) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
  return { allowed: true, next: { times: [...times, now].slice(-rule.maxPerWindow) } }
}

/**
 * Counts one attempt of `action` for `cartId`, or says how long to wait.
 * If the lock cannot be had quickly (another attempt of the same cart is
 * being counted right now), that is a "too soon" as well.
 */
export async function consumeCartLimit(
  container: MedusaContainer,
  action: "check" | "renew",
  cartId: string,
  rule: LimitRule,
  now = () => Date.now()
): Promise<LimitDecision> {
  const locking = container.resolve(Modules.LOCKING)
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const name = `storefront:${action}:${cartId}`
  try {
    return await locking.execute(
      `threepay:limit:${name}`,
      async () => {
        const state = await threepay.getJobState<LimitState>(name)
        const decision = decide(state, now(), rule)
        if (decision.allowed) await threepay.setJobState(name, decision.next)
        return decision
      },
      { timeout: 3 }
    )
  } catch (e) {
    if (/timed?[- ]?out/i.test((e as Error)?.message ?? "")) return { allowed: false, retryAfterSeconds: 2 }
    throw e
  }
}

const REFUSALS = {
  check: { code: "threepay_too_many_checks", what: "Your payment was checked moments ago." },
  renew: { code: "threepay_too_many_renewals", what: "A new invoice was made for this cart moments ago." },
} as const

/** Counts one "I have paid" check or one renewal for a cart, before anything reaches 3PAY; 429 when too soon. */
export const consumeCartLimitStep = createStep(
  "threepay-consume-cart-limit",
  async (input: { action: "check" | "renew"; cart_id: string }, { container }) => {
    const decision = await consumeCartLimit(container, input.action, input.cart_id, input.action === "check" ? CHECK_LIMIT : RENEW_LIMIT)
    if (!decision.allowed) {
      const r = REFUSALS[input.action]
      throw tooMany(r.code, r.what, decision.retryAfterSeconds)
    }
    return new StepResponse(true)
  }
)
