/**
 * `npm run chaos` (scripts/chaos.mjs): the long seeded chaos run on one
 * cluster of the packed plugin. Several runs of checkouts on both networks
 * and both flows, each with faults drawn from `<seed>-run<i>`; after each run
 * the invariants must hold and the time from the last fault to convergence
 * is recorded. Writes bench/chaos-report.{md,json}. Not part of `npm test`.
 *
 * CHAOS_SEED, CHAOS_RUNS (4), CHAOS_CHECKOUTS (55 per run), CHAOS_CONCURRENCY (4),
 * CHAOS_ONLY_RUN (replay one run), CHAOS_NO_REPORT.
 */
import fs from "node:fs"
import path from "node:path"
import { FAULT_KINDS, runChaos, type ChaosResult } from "./chaos"
import { Cluster } from "./harness"
import { newSeed } from "./random"

const SEED = process.env.CHAOS_SEED ?? newSeed()
const RUNS = Number(process.env.CHAOS_RUNS ?? 4)
const CHECKOUTS = Number(process.env.CHAOS_CHECKOUTS ?? 55)
const CONCURRENCY = Number(process.env.CHAOS_CONCURRENCY ?? 4)
const ONLY = process.env.CHAOS_ONLY_RUN ? Number(process.env.CHAOS_ONLY_RUN) : null
const REPORT_DIR = path.join(__dirname, "..", "..", "bench")

let cluster: Cluster
const log = (m: string) => console.log(`[chaos] ${m}`)

beforeAll(async () => {
  log(`seed ${SEED}: ${ONLY ? `run ${ONLY} only` : `${RUNS} runs`} of ${CHECKOUTS} checkouts, ${CONCURRENCY} shoppers at once`)
  cluster = await Cluster.start({ name: "chaos", seed: `chaos-${SEED}`, log })
})
afterAll(() => cluster?.stop())

it(`keeps exactly one order per payment under crashes and faults (seed ${SEED})`, async () => {
  const results: ChaosResult[] = []
  const runs = ONLY ? [ONLY] : Array.from({ length: RUNS }, (_, i) => i + 1)
  for (const i of runs) {
    const seed = `${SEED}-run${i}`
    log(`run ${i}: seed ${seed}`)
    const r = await runChaos(cluster, {
      seed,
      checkouts: CHECKOUTS,
      concurrency: CONCURRENCY,
      everyKindFirst: true,
      convergenceTimeoutMs: 15 * 60_000,
      log,
    })
    results.push(r)
    const v = r.verdict
    log(
      `run ${i}: ${r.started_checkouts} checkouts, ${v.checked.paid_invoices} paid, ${v.checked.orders} orders; ` +
        `lost ${v.lost_payments.length}, duplicates ${v.duplicate_orders.length}, unpaid orders ${v.orders_without_payment.length}, ` +
        `missing events ${v.missing_events.length}; converged ${r.convergence_ms === null ? "never" : `${r.convergence_ms} ms`} after the last fault`
    )
  }
  const report = aggregate(results)
  if (!process.env.CHAOS_NO_REPORT) {
    fs.mkdirSync(REPORT_DIR, { recursive: true })
    fs.writeFileSync(path.join(REPORT_DIR, "chaos-report.json"), JSON.stringify({ ...report, runs_detail: results }, null, 2) + "\n")
    fs.writeFileSync(path.join(REPORT_DIR, "chaos-report.md"), toMarkdown(report, results))
  }
  console.log(toMarkdown(report, results))
  for (const r of results) {
    expect({ seed: r.seed, lost: r.verdict.lost_payments, duplicates: r.verdict.duplicate_orders, unpaid: r.verdict.orders_without_payment, missing: r.verdict.missing_events, pending: r.verdict.pending }).toEqual({
      seed: r.seed,
      lost: [],
      duplicates: [],
      unpaid: [],
      missing: [],
      pending: [],
    })
    expect(r.convergence_ms).not.toBeNull()
  }
})

function sum(results: ChaosResult[], f: (r: ChaosResult) => number) {
  return results.reduce((a, r) => a + f(r), 0)
}

function aggregate(results: ChaosResult[]) {
  const faults: Record<string, number> = {}
  for (const r of results) for (const [k, n] of Object.entries(r.faults)) faults[k] = (faults[k] ?? 0) + n
  const conv = results.map((r) => r.convergence_ms).filter((c): c is number => c !== null).sort((a, b) => a - b)
  const count = (key: "by_flow" | "by_network" | "by_scenario") => {
    const out: Record<string, number> = {}
    for (const r of results) for (const [k, n] of Object.entries(r[key])) out[k] = (out[k] ?? 0) + n
    return out
  }
  return {
    seed: SEED,
    at: new Date().toISOString(),
    runs: results.length,
    checkouts: sum(results, (r) => r.started_checkouts),
    failed_checkouts: sum(results, (r) => r.failed_checkouts.length),
    paid_invoices: sum(results, (r) => r.verdict.checked.paid_invoices),
    orders: sum(results, (r) => r.verdict.checked.orders),
    deliveries_checked: sum(results, (r) => r.verdict.checked.deliveries),
    by_flow: count("by_flow"),
    by_network: count("by_network"),
    by_scenario: count("by_scenario"),
    faults,
    lost_payments: sum(results, (r) => r.verdict.lost_payments.length),
    duplicate_orders: sum(results, (r) => r.verdict.duplicate_orders.length),
    orders_without_payment: sum(results, (r) => r.verdict.orders_without_payment.length),
    missing_events: sum(results, (r) => r.verdict.missing_events.length),
    flagged_for_admin: sum(results, (r) => r.verdict.flagged.length),
    never_converged: results.filter((r) => r.convergence_ms === null).length,
    convergence_ms: { p50: conv.length ? conv[Math.floor(conv.length / 2)] : null, max: conv.length ? conv[conv.length - 1] : null, all: conv },
    shopper_retries: sum(results, (r) => r.shopper_retries),
    shopper_busy_waits: sum(results, (r) => r.shopper_busy_waits),
    shopper_lock_conflicts: sum(results, (r) => r.shopper_lock_conflicts ?? 0),
    balancer_502: Math.max(0, ...results.map((r) => r.balancer_502)),
    kills: Object.fromEntries(Object.values(cluster.instances).map((i) => [i.name, i.kills])),
    boot_failures: Object.values(cluster.instances).reduce((n, i) => n + i.bootFailures, 0),
    restarts_ms: Object.fromEntries(Object.values(cluster.instances).map((i) => [i.name, i.boots.slice(1)])),
  }
}

function toMarkdown(a: ReturnType<typeof aggregate>, results: ChaosResult[]): string {
  const kinds = [...FAULT_KINDS, "after_expiry"]
  const label: Record<string, string> = {
    duplicate_both_servers: "duplicate deliveries (2-3 copies, half of them sent to both servers)",
    reorder: "webhooks held, then delivered newest first",
    drop: "webhooks dropped (3PAY believes them delivered)",
    after_expiry: "payment after the invoice expired (the paid webhook comes after the expiry's)",
    api_5xx: "3PAY 5xx bursts (2-6 calls)",
    api_429: "3PAY 429 bursts (1-3 calls, Retry-After 1-2 s)",
    kill_worker: "kill -9 of the worker (aimed at a webhook being applied), restart",
    kill_server: "kill -9 of a server (aimed at a webhook being applied), restart",
    db_cut: "every PostgreSQL connection cut (pg_terminate_backend)",
    redis_stall: "Redis stalled 2-6 s (CLIENT PAUSE ALL: every instance's commands wait)",
  }
  const s = (ms: number | null) => (ms === null ? "never" : `${(ms / 1000).toFixed(1)} s`)
  return `# Chaos report

\`npm run chaos\` (scripts/chaos.mjs, integration-tests/cluster/long.chaos.ts), seed \`${a.seed}\`, ${a.at}.
Replay: \`npm run chaos -- --seed ${a.seed}\` (one run: \`--run <i>\`).

The packed plugin as two server-mode Medusa instances and one worker-mode instance, one PostgreSQL, one Redis
(event bus, workflow engine, locking, caching), a load balancer routing each storefront call and each 3PAY
webhook to either server at random, the 3PAY emulator over HTTP. Shoppers check out on both networks and both
flows (\`pay_first\`, then \`order_first\` switched with \`POST /admin/3pay/settings\`): pay in full, in two
steps, overpay, pay after expiry, or abandon; in \`pay_first\` half of them also complete the cart from the
storefront, racing the webhook. Reconciliation runs every 5 s and the retry job every 3 s (the recovery paths).
After each run, from PostgreSQL and from the emulator's own record: every invoice 3PAY reports paid has exactly
one order with one captured payment and one capture (or is flagged for the store owner), no cart has two
orders, no order stands without its money, every webhook the emulator delivered is in the ledger, and nothing
is left pending.

## Result

| | |
|---|---|
| runs | ${a.runs} |
| checkouts | ${a.checkouts} (${Object.entries(a.by_flow).map(([k, n]) => `${k} ${n}`).join(", ")}; ${Object.entries(a.by_network).map(([k, n]) => `${k} ${n}`).join(", ")}) |
| what the shoppers did | ${Object.entries(a.by_scenario).map(([k, n]) => `${k} ${n}`).join(", ")} |
| invoices paid at 3PAY | ${a.paid_invoices} |
| orders | ${a.orders} |
| webhooks delivered and checked against the ledger | ${a.deliveries_checked} |
| **lost payments** | **${a.lost_payments}** |
| **duplicate orders** | **${a.duplicate_orders}** |
| **orders without payment** | **${a.orders_without_payment}** |
| delivered webhooks missing from the ledger | ${a.missing_events} |
| paid invoices flagged for the store owner instead of captured | ${a.flagged_for_admin} |
| checkouts that could not start (the shopper gave up) | ${a.failed_checkouts} |
| runs that never converged | ${a.never_converged} |
| convergence after the last fault, p50 / max | ${s(a.convergence_ms.p50)} / ${s(a.convergence_ms.max)} |

## Faults

| fault | count |
|---|---|
${kinds.map((k) => `| ${label[k] ?? k} | ${a.faults[k] ?? 0} |`).join("\n")}

kill -9 per instance: ${Object.entries(a.kills).map(([k, n]) => `${k} ${n}`).join(", ")}; restarts took ${Object.entries(a.restarts_ms)
    .map(([k, xs]) => `${k} ${xs.length ? `${Math.min(...xs)}-${Math.max(...xs)} ms` : "-"}`)
    .join(", ")}${a.boot_failures ? ` (${a.boot_failures} boot(s) failed because the database connections were cut while the process started, and were started again)` : ""}. Storefront calls repeated after a 5xx, a dropped connection or a lock conflict: ${a.shopper_retries};
of them 409s that asked to retry (a lock held by another request, or by a killed process until its TTL): ${a.shopper_lock_conflicts}; waits on 429 \`threepay_busy\`:
${a.shopper_busy_waits}; requests a dying server left with a 502: ${a.balancer_502}.

## Details

${results.flatMap((r) => [
    ...r.verdict.lost_payments.map((x) => `- lost payment (${r.seed}): ${x}`),
    ...r.verdict.duplicate_orders.map((x) => `- duplicate order (${r.seed}): ${x}`),
    ...r.verdict.orders_without_payment.map((x) => `- order without payment (${r.seed}): ${x}`),
    ...r.verdict.missing_events.map((x) => `- delivered webhook missing (${r.seed}): ${x}`),
    ...r.verdict.flagged.map((x) => `- flagged for the store owner (${r.seed}): ${x}`),
    ...r.failed_checkouts.map((x) => `- checkout the shopper gave up (${r.seed}): ${x}`),
  ]).join("\n") || "Nothing to list."}

## Runs

| run | seed | checkouts | paid | faults | converged after the last fault |
|---|---|---|---|---|---|
${results.map((r, i) => `| ${i + 1} | \`${r.seed}\` | ${r.started_checkouts} | ${r.verdict.checked.paid_invoices} | ${Object.values(r.faults).reduce((x, y) => x + y, 0)} | ${s(r.convergence_ms)} |`).join("\n")}

Convergence is the time from the end of the last fault (an instance back up, a window of held or duplicated
webhooks closed) to the first check where every invariant held and nothing was pending. What bounds it: a
webhook whose processing failed is retried with a backoff (10 s, doubling), an event claimed by a killed worker
is taken over after 2 minutes, a lock held by a killed process lasts until its TTL, and reconciliation looks
again at a paid invoice it could not apply after 1 minute, doubling.
`
}
