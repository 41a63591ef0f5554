/**
 * A bounded webhook ledger (the `retention` options):
 *
 * - a refused delivery (forged, oversized, malformed) is counted in
 *   `threepay_webhook_tally`, one row per hour and outcome; only the first
 *   `rejectedRowsPerHour` of each hour and outcome also get a delivery row,
 *   so a flood of forged requests adds at most that many rows an hour;
 * - repeats of one event beyond `deliveriesPerEvent` delivery rows raise the
 *   event's counter and the hour's `duplicate_unrecorded` tally instead of
 *   adding rows (a replayed signed body cannot grow the table either);
 * - pruning (src/jobs/prune-3pay-ledger.ts): delivery rows after
 *   `deliveryDays` (refused ones after `rejectedDays`), applied or ignored
 *   events after `eventDays` since their last delivery, tallies with the
 *   deliveries. Pending, processing, failed and dead events are never pruned.
 *
 * Plain SQL on the module's connection: the webhook answer is on the clock
 * (one statement per delivery), and pruning deletes in bounded batches.
 */
import { generateEntityId } from "@medusajs/framework/utils"
import type { ThreePayOptions } from "../../lib/options"

export type RetentionPolicy = ThreePayOptions["retention"]
export type Execute = (sql: string, params: unknown[]) => Promise<Array<Record<string, unknown>>>

/** Outcomes counted in the tally: the refused ones, and repeats stored as counts only. */
export const REFUSED_OUTCOMES = ["rejected_signature", "malformed", "too_large"] as const
export const DUPLICATE_UNRECORDED = "duplicate_unrecorded"

const DAY_MS = 24 * 60 * 60_000
/** The refused outcomes as an SQL list (constants; bound arrays expand differently across drivers). */
const REFUSED_SQL = REFUSED_OUTCOMES.map((o) => `'${o}'`).join(", ")

const TALLY_INSERT = `insert into threepay_webhook_tally (id, hour, outcome, seen, bytes, last_at, created_at, updated_at)`
const TALLY_CONFLICT = `on conflict (hour, outcome) do update
    set seen = threepay_webhook_tally.seen + 1,
        bytes = threepay_webhook_tally.bytes + excluded.bytes,
        last_at = greatest(threepay_webhook_tally.last_at, excluded.last_at),
        updated_at = now()`
/** One tally row's values; params: tally id, at, outcome, bytes, at. */
export const TALLY_ROW = `?, date_trunc('hour', ?::timestamptz), ?, 1, ?, ?, now(), now()`
/** Adds one to the hour's tally of an outcome; `rows` is `values (${TALLY_ROW})` or a `select ${TALLY_ROW} ...`. */
export const tallyUpsert = (rows: string) => `${TALLY_INSERT} ${rows} ${TALLY_CONFLICT}`

export const newTallyId = () => generateEntityId(undefined, "tptly")

/**
 * One refused delivery, in one statement: counted in the hour's tally, and
 * stored as a row (hash, size and headers, never the body) while the hour
 * has stored fewer than `rowsPerHour` of this outcome. Returns whether a row
 * was written.
 */
/** A delivery /hooks/3pay refused: when, why, what it answered, hash and size (never the body). */
export type RefusedDelivery = {
  id: string
  received_at: Date
  signature: string
  http_status: number
  outcome: string
  body_sha256: string | null
  body_size: number
  headers: Record<string, string>
}

export async function recordRefused(
  execute: Execute,
  input: RefusedDelivery & { tally_id: string },
  rowsPerHour: number
): Promise<boolean> {
  const rows = await execute(
    `with t as (${tallyUpsert(`values (${TALLY_ROW})`)} returning seen)
     insert into threepay_webhook_delivery
       (id, event_id, received_at, signature, http_status, outcome, body_sha256, body_size, headers, created_at, updated_at)
     select ?, null, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), now() from t where t.seen <= ?
     returning id`,
    [
      input.tally_id,
      input.received_at,
      input.outcome,
      input.body_size,
      input.received_at,
      input.id,
      input.received_at,
      input.signature,
      input.http_status,
      input.outcome,
      input.body_sha256,
      input.body_size,
      JSON.stringify(input.headers),
      rowsPerHour,
    ]
  )
  return rows.length > 0
}

export type PruneReport = {
  deliveries: number
  refused: number
  events: number
  tallies: number
  /** True when a table still had more to delete than one run may (the next run goes on). */
  more: boolean
}

/**
 * Deletes what the policy no longer keeps, `batch` rows per statement and at
 * most `maxBatches` statements per table, so one run never holds long locks.
 */
export async function pruneLedger(
  execute: Execute,
  policy: RetentionPolicy,
  now: Date,
  opts: { batch?: number; maxBatches?: number } = {}
): Promise<PruneReport> {
  const batch = opts.batch ?? 5000
  const maxBatches = opts.maxBatches ?? 20
  const before = (days: number) => new Date(now.getTime() - days * DAY_MS)
  const report: PruneReport = { deliveries: 0, refused: 0, events: 0, tallies: 0, more: false }
  const drain = async (table: string, where: string, params: unknown[]): Promise<number> => {
    let total = 0
    for (let i = 0; i < maxBatches; i++) {
      const rows = await execute(
        `delete from ${table} where id in (select id from ${table} where ${where} limit ?) returning id`,
        [...params, batch]
      )
      total += rows.length
      if (rows.length < batch) return total
    }
    report.more = true
    return total
  }
  report.refused = await drain(
    "threepay_webhook_delivery",
    `outcome in (${REFUSED_SQL}) and received_at < ? and deleted_at is null`,
    [before(policy.rejectedDays)]
  )
  report.deliveries = await drain("threepay_webhook_delivery", `received_at < ?`, [before(policy.deliveryDays)])
  report.events = await drain(
    "threepay_webhook_event",
    `deleted_at is null and processing_status in ('applied', 'ignored') and last_received_at < ?`,
    [before(policy.eventDays)]
  )
  report.tallies = await drain("threepay_webhook_tally", `hour < ?`, [before(policy.deliveryDays)])
  return report
}

/**
 * Deliveries per outcome since `since`: the rows of accepted ones, the
 * tallies of refused ones (every one of them, stored or not), and repeats
 * that were only counted added to `duplicate`.
 */
export async function countDeliveries(execute: Execute, since: Date): Promise<Record<string, number>> {
  const [rows, tallies] = await Promise.all([
    execute(
      `select outcome, count(*)::int as n from threepay_webhook_delivery
        where deleted_at is null and received_at >= ? and outcome not in (${REFUSED_SQL})
        group by outcome`,
      [since]
    ),
    execute(
      `select outcome, sum(seen)::int as n from threepay_webhook_tally
        where hour >= date_trunc('hour', ?::timestamptz) group by outcome`,
      [since]
    ),
  ])
  const out: Record<string, number> = {}
  for (const r of rows) out[String(r.outcome)] = Number(r.n)
  for (const r of tallies) {
    const outcome = r.outcome === DUPLICATE_UNRECORDED ? "duplicate" : String(r.outcome)
    out[outcome] = (out[outcome] ?? 0) + Number(r.n)
  }
  return out
}

export type LedgerFootprint = Record<string, { rows: number; bytes: number }>

/** Rows and on-disk bytes (table, indexes, TOAST) of the webhook ledger's tables. */
export async function ledgerFootprint(execute: Execute): Promise<LedgerFootprint> {
  const out: LedgerFootprint = {}
  for (const table of ["threepay_webhook_event", "threepay_webhook_delivery", "threepay_webhook_tally"]) {
    const [r] = await execute(
      `select (select count(*) from ${table})::int as rows, pg_total_relation_size(?::regclass)::bigint as bytes`,
      [table]
    )
    out[table] = { rows: Number(r.rows), bytes: Number(r.bytes) }
  }
  return out
}
