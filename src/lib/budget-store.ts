/**
 * 3PAY's call budget in PostgreSQL, so that every Medusa instance of a store
 * (servers and workers) draws from one count, as 3PAY counts them: per
 * outbound IP and account. A RateBudgetStore (packages/client) for the
 * client's tiers, and the per-cart and per-client invoice quotas.
 *
 * Atomic: each key is counted and written inside one transaction holding a
 * PostgreSQL advisory lock on that key (several keys in a fixed order, so two
 * callers never wait on each other crosswise). The tables belong to the
 * plugin's module (models/rate-call.ts, rate-block.ts); the provider reaches
 * them through the same database connection.
 */
import { randomUUID } from "node:crypto"
import type { AcquireResult, BudgetEvent, RateBudgetStore, StoreUsage } from "medusa-payment-3pay-client"

/** The part of a knex instance this store needs. */
export type SqlClient = {
  raw(sql: string, bindings?: unknown[]): Promise<{ rows: Array<Record<string, unknown>> }>
  transaction<T>(fn: (trx: SqlClient) => Promise<T>): Promise<T>
}

const CALL = "call"
const ms = (v: unknown) => (v instanceof Date ? v.getTime() : new Date(String(v)).getTime())

export type QuotaClaim = { key: string; limit: number; windowMs: number }
/** `tickets`: the slots taken, to give back with `release` when no invoice came of them. */
export type QuotaResult = { allowed: true; tickets: string[] } | { allowed: false; key: string; retryAfterMs: number; used: number; limit: number }

export class PostgresRateBudgetStore implements RateBudgetStore {
  constructor(private readonly db: SqlClient) {}

  private static async lock(trx: SqlClient, key: string) {
    await trx.raw("select pg_advisory_xact_lock(hashtextextended(?, 7263))", [key])
  }

  /**
   * How many `kind` rows `key` holds in the window, and, when that reaches
   * `limit`, how long until one leaves it. Counted, not listed: a store whose
   * limits 3PAY raised (or the bench's) can hold thousands of rows per window,
   * and this runs under the key's lock on every call.
   */
  private static async occupancy(trx: SqlClient, key: string, kind: string, limit: number, windowMs: number, now: number) {
    const since = new Date(now - windowMs)
    const where = `key = ? and kind = ? and at > ? and deleted_at is null`
    const { rows } = await trx.raw(`select count(*)::int as n from threepay_rate_call where ${where}`, [key, kind, since])
    const used = Number(rows[0]?.n ?? 0)
    if (used < limit) return { used, full: false as const, retryAfterMs: 0 }
    // To get below `limit`, the oldest (used - limit + 1) rows must leave the window: the (used - limit)th oldest decides.
    const { rows: next } = await trx.raw(`select at from threepay_rate_call where ${where} order by at asc offset ? limit 1`, [
      key,
      kind,
      since,
      used - Math.max(limit, 0),
    ])
    const at = next[0] ? ms(next[0].at) : now
    return { used, full: true as const, retryAfterMs: Math.max(at + windowMs - now, 1) }
  }

  private static async insert(trx: SqlClient, key: string, kind: string, at: number, purpose: string, waitMs: number | null = null) {
    const id = `tprc_${randomUUID().replace(/-/g, "")}`
    await trx.raw(
      `insert into threepay_rate_call (id, key, at, kind, purpose, wait_ms, created_at, updated_at) values (?, ?, ?, ?, ?, ?, now(), now())`,
      [id, key, new Date(at), kind, purpose, waitMs]
    )
    return id
  }

  /** Rows older than two windows say nothing any more (a few deletes per insert keep the table small). */
  private static async prune(trx: SqlClient, key: string, windowMs: number, now: number) {
    if (Math.random() < 0.05) {
      await trx.raw(`delete from threepay_rate_call where key = ? and at < ?`, [key, new Date(now - 2 * windowMs)])
    }
  }

  async acquire(key: string, limit: number, windowMs: number, now: number, purpose = "other"): Promise<AcquireResult> {
    return this.db.transaction(async (trx) => {
      await PostgresRateBudgetStore.lock(trx, key)
      const slot = await PostgresRateBudgetStore.occupancy(trx, key, CALL, limit, windowMs, now)
      const { rows } = await trx.raw(`select until from threepay_rate_block where key = ? and until > ? and deleted_at is null`, [key, new Date(now)])
      if (rows[0]) return { allowed: false, retryAfterMs: ms(rows[0].until) - now, used: slot.used, reason: "blocked" }
      if (slot.full) return { allowed: false, retryAfterMs: slot.retryAfterMs, used: slot.used, reason: "full" }
      const ticket = await PostgresRateBudgetStore.insert(trx, key, CALL, now, purpose)
      await PostgresRateBudgetStore.prune(trx, key, windowMs, now)
      return { allowed: true, ticket, used: slot.used + 1 }
    })
  }

  async release(_key: string, ticket: string): Promise<void> {
    await this.db.raw(`delete from threepay_rate_call where id = ?`, [ticket])
  }

  async block(key: string, untilMs: number): Promise<void> {
    // Keeps the later of two blocks.
    await this.db.raw(
      `insert into threepay_rate_block (id, key, until, created_at, updated_at) values (?, ?, ?, now(), now())
       on conflict (key) where deleted_at is null do update set until = greatest(threepay_rate_block.until, excluded.until), updated_at = now()`,
      [`tprb_${randomUUID().replace(/-/g, "")}`, key, new Date(untilMs)]
    )
  }

  async note(key: string, e: BudgetEvent): Promise<void> {
    await this.db.raw(
      `insert into threepay_rate_call (id, key, at, kind, purpose, wait_ms, created_at, updated_at) values (?, ?, ?, ?, ?, ?, now(), now())`,
      [`tprc_${randomUUID().replace(/-/g, "")}`, key, new Date(e.at), e.kind, e.purpose, e.waitMs]
    )
  }

  async usage(key: string, windowMs: number, now: number): Promise<StoreUsage> {
    const since = new Date(now - windowMs)
    const [{ rows: calls }, { rows: events }, { rows: blocks }] = await Promise.all([
      this.db.raw(
        `select purpose, count(*)::int as n, min(at) as oldest, max(at) as newest from threepay_rate_call
         where key = ? and kind = 'call' and at > ? and deleted_at is null group by purpose`,
        [key, since]
      ),
      this.db.raw(
        `select at, kind, purpose, wait_ms from threepay_rate_call where key = ? and kind in ('refused', 'waited') and at > ? and deleted_at is null order by at desc limit 20`,
        [key, since]
      ),
      this.db.raw(`select until from threepay_rate_block where key = ? and until > ? and deleted_at is null`, [key, new Date(now)]),
    ])
    const byPurpose: Record<string, number> = {}
    for (const c of calls) byPurpose[String(c.purpose)] = Number(c.n)
    const oldest = calls.map((c) => ms(c.oldest))
    const newest = calls.map((c) => ms(c.newest))
    return {
      used: Object.values(byPurpose).reduce((a, b) => a + b, 0),
      byPurpose,
      events: events.map((e) => ({ at: ms(e.at), kind: e.kind as BudgetEvent["kind"], purpose: String(e.purpose), waitMs: Number(e.wait_ms ?? 0) })),
      oldestAt: oldest.length ? Math.min(...oldest) : null,
      newestAt: newest.length ? Math.max(...newest) : null,
      blockedUntil: blocks[0] ? ms(blocks[0].until) : null,
    }
  }

  /**
   * Takes one slot under every key at once, or none: each key allows `limit`
   * slots per `windowMs`. The per-cart and per-client invoice quotas; atomic
   * across carts, requests and instances.
   */
  async claimQuota(claims: QuotaClaim[], now: number, purpose = "checkout"): Promise<QuotaResult> {
    const sorted = [...claims].sort((a, b) => a.key.localeCompare(b.key))
    return this.db.transaction(async (trx) => {
      for (const c of sorted) await PostgresRateBudgetStore.lock(trx, c.key)
      for (const c of sorted) {
        const slot = await PostgresRateBudgetStore.occupancy(trx, c.key, "quota", c.limit, c.windowMs, now)
        if (slot.full) return { allowed: false, key: c.key, retryAfterMs: slot.retryAfterMs, used: slot.used, limit: c.limit }
      }
      const tickets: string[] = []
      for (const c of sorted) {
        tickets.push(await PostgresRateBudgetStore.insert(trx, c.key, "quota", now, purpose))
        await PostgresRateBudgetStore.prune(trx, c.key, c.windowMs, now)
      }
      return { allowed: true, tickets }
    })
  }
}
