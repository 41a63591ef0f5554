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
export type QuotaResult = { allowed: true } | { allowed: false; key: string; retryAfterMs: number; used: number; limit: number }

export class PostgresRateBudgetStore implements RateBudgetStore {
  constructor(private readonly db: SqlClient) {}

  private static async lock(trx: SqlClient, key: string) {
    await trx.raw("select pg_advisory_xact_lock(hashtextextended(?, 7263))", [key])
  }

  /** Calls of `kind` under `key` in the window, oldest first (only their times). */
  private static async live(trx: SqlClient, key: string, kind: string, since: number): Promise<number[]> {
    const { rows } = await trx.raw(`select at from threepay_rate_call where key = ? and kind = ? and at > ? and deleted_at is null order by at asc`, [
      key,
      kind,
      new Date(since),
    ])
    return rows.map((r) => ms(r.at))
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

  private static wait(times: number[], limit: number, windowMs: number, now: number): number {
    // To get below `limit`, the first (n - limit + 1) calls must leave the window.
    const idx = times.length - Math.max(limit, 0)
    const at = idx < times.length ? times[idx] : now
    return Math.max(at + windowMs - now, 1)
  }

  async acquire(key: string, limit: number, windowMs: number, now: number, purpose = "other"): Promise<AcquireResult> {
    return this.db.transaction(async (trx) => {
      await PostgresRateBudgetStore.lock(trx, key)
      const times = await PostgresRateBudgetStore.live(trx, key, CALL, now - windowMs)
      const { rows } = await trx.raw(`select until from threepay_rate_block where key = ? and until > ? and deleted_at is null`, [key, new Date(now)])
      if (rows[0]) return { allowed: false, retryAfterMs: ms(rows[0].until) - now, used: times.length, reason: "blocked" }
      if (times.length >= limit) {
        return { allowed: false, retryAfterMs: PostgresRateBudgetStore.wait(times, limit, windowMs, now), used: times.length, reason: "full" }
      }
      const ticket = await PostgresRateBudgetStore.insert(trx, key, CALL, now, purpose)
      await PostgresRateBudgetStore.prune(trx, key, windowMs, now)
      return { allowed: true, ticket, used: times.length + 1 }
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
      this.db.raw(`select at, purpose from threepay_rate_call where key = ? and kind = 'call' and at > ? and deleted_at is null order by at asc`, [key, since]),
      this.db.raw(
        `select at, kind, purpose, wait_ms from threepay_rate_call where key = ? and kind in ('refused', 'waited') and at > ? and deleted_at is null order by at desc limit 20`,
        [key, since]
      ),
      this.db.raw(`select until from threepay_rate_block where key = ? and until > ? and deleted_at is null`, [key, new Date(now)]),
    ])
    const byPurpose: Record<string, number> = {}
    for (const c of calls) byPurpose[String(c.purpose)] = (byPurpose[String(c.purpose)] ?? 0) + 1
    return {
      used: calls.length,
      byPurpose,
      events: events.map((e) => ({ at: ms(e.at), kind: e.kind as BudgetEvent["kind"], purpose: String(e.purpose), waitMs: Number(e.wait_ms ?? 0) })),
      oldestAt: calls.length ? ms(calls[0].at) : null,
      newestAt: calls.length ? ms(calls[calls.length - 1].at) : null,
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
        const times = await PostgresRateBudgetStore.live(trx, c.key, "quota", now - c.windowMs)
        if (times.length >= c.limit) {
          return { allowed: false, key: c.key, retryAfterMs: PostgresRateBudgetStore.wait(times, c.limit, c.windowMs, now), used: times.length, limit: c.limit }
        }
      }
      for (const c of sorted) {
        await PostgresRateBudgetStore.insert(trx, c.key, "quota", now, purpose)
        await PostgresRateBudgetStore.prune(trx, c.key, c.windowMs, now)
      }
      return { allowed: true }
    })
  }
}
