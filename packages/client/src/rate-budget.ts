/**
 * Client-side rate budget for 3PAY's tiers.
 *
 * 3PAY counts calls per server IP over a sliding 15-minute window and answers
 * 429 past the limit. We count the same calls ourselves and refuse a call
 * before it leaves when the tier is full, so a busy reconciliation job can
 * never use up the 20 invoice creations a checkout needs, and so a 429 is
 * not "discovered" in the middle of a shopper's payment.
 *
 * Two layers:
 * - `RateBudgetStore` holds the counters (async, so a Redis or Postgres store
 *   can replace the in-memory one when several server instances share one
 *   outbound IP);
 * - `RateBudget` knows the tiers, the scope (the 3PAY host) and `reserve`.
 *
 * The budget is a guard, not the truth: 3PAY's own counter may differ (other
 * processes, restarts). A remote 429 therefore also blocks the tier here.
 */

export type RateTier = "walletGen" | "standard" | "financial"
export const RATE_TIERS_ORDER: readonly RateTier[] = ["walletGen", "standard", "financial"]

export type TierLimit = { limit: number; windowMs: number }

export const FIFTEEN_MINUTES_MS = 15 * 60 * 1000

/** 3PAY's published limits (authentication-security, api-quick-reference). */
export const DEFAULT_TIER_LIMITS: Readonly<Record<RateTier, TierLimit>> = Object.freeze({
  // transaction/create AND wallet/generate: each makes a fresh deposit address.
  walletGen: { limit: 20, windowMs: FIFTEEN_MINUTES_MS },
  standard: { limit: 100, windowMs: FIFTEEN_MINUTES_MS },
  // withdrawal create, updateBalance, approve, reject.
  financial: { limit: 30, windowMs: FIFTEEN_MINUTES_MS },
})

export type AcquireResult =
  | { allowed: true; ticket: string; used: number }
  | { allowed: false; retryAfterMs: number; used: number; reason: "full" | "blocked" }

export type StoreUsage = {
  /** Calls counted in the window ending at `now`. */
  used: number
  /** The same calls by who spent them (`purpose`; "other" when none was given). */
  byPurpose: Record<string, number>
  /** Refusals and waits in the window, newest first (at most 20). */
  events: BudgetEvent[]
  /** Time of the oldest counted call (ms), null when none. */
  oldestAt: number | null
  /** Time of the newest counted call (ms), null when none. */
  newestAt: number | null
  /** Set after a remote 429: no call until then. */
  blockedUntil: number | null
}

/** A moment the budget refused a call, or made it wait: shown to the store owner. */
export type BudgetEvent = { at: number; kind: "refused" | "waited"; purpose: string; waitMs: number }

/**
 * Where the counters live. Every method is async so a shared store (Redis
 * sorted set, Postgres table) can implement it; `acquire` must be atomic
 * (check and record in one step) for the budget to hold under concurrency.
 */
export interface RateBudgetStore {
  /**
   * Records one call under `key` if fewer than `limit` calls were recorded in
   * the last `windowMs` and the key is not blocked; otherwise says how long
   * until one would be allowed. `purpose` says who spends it.
   */
  acquire(key: string, limit: number, windowMs: number, now: number, purpose?: string): Promise<AcquireResult>
  /** Remembers a refusal or a wait (for the store owner's view). */
  note(key: string, event: BudgetEvent): Promise<void>
  /** Forgets a recorded call (used when the request provably never left). */
  release(key: string, ticket: string): Promise<void>
  /** Refuses every call under `key` until `untilMs` (keeps the later of two blocks). */
  block(key: string, untilMs: number): Promise<void>
  usage(key: string, windowMs: number, now: number): Promise<StoreUsage>
}

type Entry = { at: number; ticket: string; purpose: string }

/** The default store: one process, exact sliding window, bounded memory. */
export class InMemoryRateBudgetStore implements RateBudgetStore {
  private readonly entries = new Map<string, Entry[]>()
  private readonly blocks = new Map<string, number>()
  private readonly events = new Map<string, BudgetEvent[]>()
  private seq = 0

  private live(key: string, windowMs: number, now: number): Entry[] {
    const list = (this.entries.get(key) ?? []).filter((e) => e.at > now - windowMs)
    this.entries.set(key, list)
    return list
  }

  async acquire(key: string, limit: number, windowMs: number, now: number, purpose = "other"): Promise<AcquireResult> {
    const list = this.live(key, windowMs, now)
    const blockedUntil = this.blocks.get(key)
    if (blockedUntil !== undefined) {
      if (blockedUntil > now) {
        return { allowed: false, retryAfterMs: blockedUntil - now, used: list.length, reason: "blocked" }
      }
      this.blocks.delete(key)
    }
    if (list.length >= limit) {
      // Entries are in time order. To get below `limit`, the first
      // (length - limit + 1) entries must leave the window; the last of those
      // decides the wait. limit <= 0 (a reserve larger than the tier) waits
      // for the whole window.
      const idx = list.length - Math.max(limit, 0)
      const at = idx < list.length ? list[idx].at : now
      return { allowed: false, retryAfterMs: Math.max(at + windowMs - now, 1), used: list.length, reason: "full" }
    }
    const ticket = `${now}:${++this.seq}`
    list.push({ at: now, ticket, purpose })
    return { allowed: true, ticket, used: list.length }
  }

  async note(key: string, event: BudgetEvent): Promise<void> {
    const list = this.events.get(key) ?? []
    list.unshift(event)
    this.events.set(key, list.slice(0, 20))
  }

  async release(key: string, ticket: string): Promise<void> {
    const list = this.entries.get(key)
    if (!list) return
    const i = list.findIndex((e) => e.ticket === ticket)
    if (i >= 0) list.splice(i, 1)
  }

  async block(key: string, untilMs: number): Promise<void> {
    const current = this.blocks.get(key) ?? 0
    if (untilMs > current) this.blocks.set(key, untilMs)
  }

  /** Forgets every counter and block (tests, or an operator after a 3PAY reset). */
  clear(): void {
    this.entries.clear()
    this.blocks.clear()
    this.events.clear()
  }

  async usage(key: string, windowMs: number, now: number): Promise<StoreUsage> {
    const list = this.live(key, windowMs, now)
    const blockedUntil = this.blocks.get(key)
    const byPurpose: Record<string, number> = {}
    for (const e of list) byPurpose[e.purpose] = (byPurpose[e.purpose] ?? 0) + 1
    return {
      used: list.length,
      byPurpose,
      events: (this.events.get(key) ?? []).filter((e) => e.at > now - windowMs),
      oldestAt: list.length ? list[0].at : null,
      newestAt: list.length ? list[list.length - 1].at : null,
      blockedUntil: blockedUntil !== undefined && blockedUntil > now ? blockedUntil : null,
    }
  }
}

export type BudgetDecision =
  | { allowed: true; tier: RateTier; ticket: string }
  | {
      allowed: false
      tier: RateTier
      retryAfterMs: number
      /** "full": our own count; "blocked": 3PAY answered 429 recently. */
      reason: "full" | "blocked"
      used: number
      limit: number
    }

export type TierSnapshot = {
  used: number
  /** Calls by who spent them. */
  byPurpose: Record<string, number>
  /** Refusals and waits in the window, newest first. */
  events: Array<{ at: string; kind: "refused" | "waited"; purpose: string; waitMs: number }>
  limit: number
  remaining: number
  windowMs: number
  /** When the oldest counted call leaves the window (one more slot frees), ISO. */
  nextSlotAt: string | null
  /** When every counted call has left the window (usage back to 0), ISO. */
  resetAt: string | null
  /** Set while a remote 429 blocks the tier, ISO. */
  blockedUntil: string | null
}

export type BudgetSnapshot = {
  scope: string
  at: string
  tiers: Record<RateTier, TierSnapshot>
}

export type RateBudgetOptions = {
  /** What 3PAY counts by: the API host (3PAY counts per server IP and host). */
  scope: string
  store?: RateBudgetStore
  tiers?: Partial<Record<RateTier, TierLimit>>
  now?: () => number
}

export class RateBudget {
  readonly scope: string
  readonly store: RateBudgetStore
  private readonly tiers: Record<RateTier, TierLimit>
  private readonly now: () => number

  constructor(options: RateBudgetOptions) {
    this.scope = options.scope
    this.store = options.store ?? new InMemoryRateBudgetStore()
    this.tiers = { ...DEFAULT_TIER_LIMITS, ...(options.tiers ?? {}) }
    this.now = options.now ?? Date.now
  }

  limitOf(tier: RateTier): TierLimit {
    return this.tiers[tier]
  }

  private key(tier: RateTier): string {
    return `3pay:${this.scope}:${tier}`
  }

  /**
   * Takes one slot of `tier`. `reserve` slots are left untouched for other
   * callers: a background job passing `reserve: 20` on the standard tier stops
   * at 80 calls, so checkout still has 20.
   */
  async acquire(tier: RateTier, opts: { reserve?: number; now?: number; purpose?: string } = {}): Promise<BudgetDecision> {
    const { limit, windowMs } = this.tiers[tier]
    const reserve = Math.max(0, Math.floor(opts.reserve ?? 0))
    const now = opts.now ?? this.now()
    const r = await this.store.acquire(this.key(tier), limit - reserve, windowMs, now, opts.purpose ?? "other")
    if (r.allowed) return { allowed: true, tier, ticket: r.ticket }
    return { allowed: false, tier, retryAfterMs: r.retryAfterMs, reason: r.reason, used: r.used, limit }
  }

  /** Gives a slot back: only for requests that provably never reached 3PAY. */
  async release(decision: { tier: RateTier; ticket: string }): Promise<void> {
    await this.store.release(this.key(decision.tier), decision.ticket)
  }

  /** Remembers that a call of `tier` was refused, or waited, for the store owner's view. */
  async note(tier: RateTier, e: { kind: "refused" | "waited"; purpose?: string; waitMs: number; now?: number }): Promise<void> {
    await this.store.note(this.key(tier), { at: e.now ?? this.now(), kind: e.kind, purpose: e.purpose ?? "other", waitMs: Math.round(e.waitMs) })
  }

  /** After a remote 429: refuse `tier` until `untilMs`. */
  async block(tier: RateTier, untilMs: number): Promise<void> {
    await this.store.block(this.key(tier), untilMs)
  }

  async snapshot(now: number = this.now()): Promise<BudgetSnapshot> {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())
    const tiers = {} as Record<RateTier, TierSnapshot>
    for (const tier of RATE_TIERS_ORDER) {
      const { limit, windowMs } = this.tiers[tier]
      const u = await this.store.usage(this.key(tier), windowMs, now)
      const blocked = u.blockedUntil
      const windowReset = u.newestAt === null ? null : u.newestAt + windowMs
      tiers[tier] = {
        used: u.used,
        byPurpose: u.byPurpose,
        events: u.events.map((e) => ({ at: new Date(e.at).toISOString(), kind: e.kind, purpose: e.purpose, waitMs: e.waitMs })),
        limit,
        remaining: blocked ? 0 : Math.max(limit - u.used, 0),
        windowMs,
        nextSlotAt: iso(u.oldestAt === null ? null : u.oldestAt + windowMs),
        resetAt: iso(blocked !== null && (windowReset === null || blocked > windowReset) ? blocked : windowReset),
        blockedUntil: iso(blocked),
      }
    }
    return { scope: this.scope, at: new Date(now).toISOString(), tiers }
  }
}

// One store and one budget per scope for the whole process, kept on
// globalThis so that two copies of this module (e.g. src and the built
// .medusa/server in one process) still share the counters.
const GLOBAL_KEY = Symbol.for("medusa-payment-3pay.rate-budget")
type SharedState = { store: InMemoryRateBudgetStore; budgets: Map<string, RateBudget> }

function sharedState(): SharedState {
  const g = globalThis as unknown as Record<symbol, SharedState | undefined>
  let s = g[GLOBAL_KEY]
  if (!s) {
    s = { store: new InMemoryRateBudgetStore(), budgets: new Map() }
    g[GLOBAL_KEY] = s
  }
  return s
}

/**
 * The process-wide budget for one 3PAY host. Every client built without an
 * explicit `budget` uses it, so several clients (provider, jobs, admin
 * routes) draw from the same counters, as 3PAY does for the server's IP.
 */
export function getSharedRateBudget(scope: string): RateBudget {
  const s = sharedState()
  let b = s.budgets.get(scope)
  if (!b) {
    b = new RateBudget({ scope, store: s.store })
    s.budgets.set(scope, b)
  }
  return b
}

/**
 * Forgets every shared counter in place, so clients built earlier (which
 * hold the shared budget) see the reset too. For tests and the demo.
 */
export function resetSharedRateBudgets(): void {
  sharedState().store.clear()
}
