import type { RateLimitOptions, RateTier } from "./types"

/** 3PAY's limits per client IP over a sliding 15-minute window. */
export const RATE_WINDOW_MS = 15 * 60 * 1000
export const DEFAULT_RATE_LIMITS: Record<RateTier, number> = { walletGen: 20, standard: 100, financial: 30 }

export type RateDecision = {
  allowed: boolean
  tier: RateTier
  limit: number
  remaining: number
  /** Seconds until the oldest counted call leaves the window. */
  resetSeconds: number
}

export class RateLimiter {
  enabled: boolean
  readonly limits: Record<RateTier, number>
  readonly windowMs: number
  private hits = new Map<string, number[]>()

  constructor(options: boolean | RateLimitOptions | undefined, private readonly now: () => number) {
    const o = typeof options === "object" ? options : {}
    this.enabled = options === false ? false : o.enabled ?? true
    this.limits = {
      walletGen: o.walletGen ?? DEFAULT_RATE_LIMITS.walletGen,
      standard: o.standard ?? DEFAULT_RATE_LIMITS.standard,
      financial: o.financial ?? DEFAULT_RATE_LIMITS.financial,
    }
    this.windowMs = o.windowMs ?? RATE_WINDOW_MS
  }

  /** Counts the call when allowed; null when limits are off. */
  check(tier: RateTier, ip: string): RateDecision | null {
    if (!this.enabled) return null
    const now = this.now()
    const key = `${tier}|${ip}`
    const hits = (this.hits.get(key) ?? []).filter((t) => t > now - this.windowMs)
    const limit = this.limits[tier]
    const allowed = hits.length < limit
    if (allowed) hits.push(now)
    this.hits.set(key, hits)
    const oldest = hits[0] ?? now
    return {
      allowed,
      tier,
      limit,
      remaining: Math.max(0, limit - hits.length),
      resetSeconds: Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)),
    }
  }

  reset(): void {
    this.hits.clear()
  }

  state() {
    const now = this.now()
    const usage = [...this.hits.entries()].map(([key, hits]) => {
      const [tier, ip] = key.split("|") as [RateTier, string]
      const used = hits.filter((t) => t > now - this.windowMs).length
      return { tier, ip, used, remaining: Math.max(0, this.limits[tier] - used) }
    })
    return { enabled: this.enabled, limits: { ...this.limits }, windowMs: this.windowMs, usage }
  }
}

export function rateLimitHeaders(d: RateDecision, retryAfter?: boolean): Record<string, string> {
  const h: Record<string, string> = {
    "RateLimit-Limit": String(d.limit),
    "RateLimit-Remaining": String(d.remaining),
    "RateLimit-Reset": String(d.resetSeconds),
  }
  if (retryAfter) h["Retry-After"] = String(d.resetSeconds)
  return h
}
