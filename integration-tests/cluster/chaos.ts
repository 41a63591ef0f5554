/**
 * A seeded chaos run on the cluster: shoppers check out through the load
 * balancer on both networks and both flows while faults are injected, then
 * the run waits for the store to converge and checks the invariants
 * (invariants.ts). Everything random comes from the seed, so a failing run
 * can be replayed; wall-clock timing (which request a kill hits) cannot be
 * replayed exactly, so a replay reproduces the same checkouts and the same
 * faults in the same order.
 *
 * Checkouts: pay in full, in two steps (two webhooks), overpay, pay after
 * the invoice expired (a delivery after expiry), or abandon (the invoice
 * expires). In pay_first the storefront also polls the payment status and
 * completes the cart itself, racing the webhook, as the storefront component
 * does.
 *
 * Faults: duplicate deliveries sent to both servers, webhooks held and
 * delivered newest first, dropped webhooks, 3PAY answering 5xx or 429 in
 * bursts, `kill -9` of the worker or a server while a webhook is being
 * processed (then a restart), every PostgreSQL connection cut, and Redis
 * stalled for a few seconds (CLIENT PAUSE: every command of every instance waits).
 */
import type { Cluster, InstanceName } from "./harness"
import { sleep } from "./harness"
import { checkInvariants, type Expectation, type Verdict } from "./invariants"
import { Rng } from "./random"
import { ClusterShopper } from "./shopper"

export const FAULT_KINDS = [
  "duplicate_both_servers",
  "reorder",
  "drop",
  "api_5xx",
  "api_429",
  "kill_worker",
  "kill_server",
  "db_cut",
  "redis_stall",
] as const
export type FaultKind = (typeof FAULT_KINDS)[number] | "after_expiry"

export const SCENARIOS = { full: 6, two_step: 2, over: 1, late: 1, abandoned: 1 } as const
export type Scenario = keyof typeof SCENARIOS

export type ChaosOptions = {
  seed: string
  checkouts: number
  /** Shoppers at once. */
  concurrency?: number
  /** Flows to run, one after the other (switched with POST /admin/3pay/settings). */
  flows?: Array<"pay_first" | "order_first">
  /** Pause between two faults (ms). */
  faultGapMs?: [number, number]
  kinds?: ReadonlyArray<(typeof FAULT_KINDS)[number]>
  /** Inject every kind once (in a seeded order) before drawing at random: a short run still covers them all. */
  everyKindFirst?: boolean
  convergenceTimeoutMs?: number
  log?: (m: string) => void
}

export type FaultRecord = { kind: FaultKind; at: number; ended: number; detail: string }

export type ChaosResult = {
  seed: string
  checkouts: number
  started_checkouts: number
  failed_checkouts: string[]
  by_flow: Record<string, number>
  by_network: Record<string, number>
  by_scenario: Record<string, number>
  faults: Record<string, number>
  fault_log: Array<{ kind: FaultKind; at_ms: number; duration_ms: number; detail: string }>
  /** From the end of the last fault to the first moment every invariant held. */
  convergence_ms: number | null
  verdict: Verdict
  duration_ms: number
  shopper_retries: number
  shopper_busy_waits: number
  /** 409s that said "retry" (a lock still held, e.g. by a killed server, until its TTL). */
  shopper_lock_conflicts: number
  balancer_502: number
}

type Planned = { i: number; flow: "pay_first" | "order_first"; network: "TRC20" | "ERC20"; scenario: Scenario; rng: Rng }

export async function runChaos(cluster: Cluster, opts: ChaosOptions): Promise<ChaosResult> {
  const log = opts.log ?? (() => {})
  const rng = new Rng(opts.seed)
  const flows = opts.flows ?? ["pay_first", "order_first"]
  const kinds = opts.kinds ?? FAULT_KINDS
  const [gapMin, gapMax] = opts.faultGapMs ?? [800, 2500]
  const t0 = Date.now()
  const emu = cluster.emulator.control

  const plan: Planned[] = Array.from({ length: opts.checkouts }, (_, i) => {
    const r = rng.fork(`checkout-${i}`)
    return {
      i,
      flow: flows[Math.min(flows.length - 1, Math.floor((i * flows.length) / opts.checkouts))],
      network: r.pick(["TRC20", "ERC20"] as const),
      scenario: r.weighted(SCENARIOS),
      rng: r,
    }
  })
  const count = (xs: string[]) => xs.reduce<Record<string, number>>((a, k) => ((a[k] = (a[k] ?? 0) + 1), a), {})

  const expectations: Expectation[] = []
  const failed: string[] = []
  const faults: FaultRecord[] = []
  const shoppers: ClusterShopper[] = []
  let checkoutsDone = false
  const restarts: Promise<unknown>[] = []

  // ---------------------------------------------------------------- shoppers
  const checkout = async (p: Planned) => {
    const shopper = new ClusterShopper(cluster.url, cluster.seed, {
      email: `chaos-${p.i}@example.com`,
      ip: `10.99.${(p.i >> 8) & 255}.${p.i & 255}`,
    })
    shoppers.push(shopper)
    try {
      const cart = await shopper.cart(p.rng.between(1, 3))
      const pc = await shopper.paymentCollection(cart.id)
      const session = await shopper.session(pc, "pp_3pay_3pay", { network: p.network })
      const tx = session?.data?.transaction_id as string | undefined
      if (!tx) throw new Error(`no invoice on the session: ${JSON.stringify(session)}`)
      expectations.push({ cart_id: cart.id, transaction_id: tx, flow: p.flow, scenario: p.scenario })
      if (p.flow === "order_first") {
        // The order comes first; a storefront shows an error and the shopper tries again.
        let r = await shopper.complete(cart.id)
        for (let i = 0; i < 5 && (r.status !== 200 || r.data?.type !== "order"); i++) {
          // "USDT payments are busy right now. Please retry in 2 s." (3PAY's budget after a 429)
          const wait = Number(/retry in (\d+) s/.exec(String(r.data?.message ?? ""))?.[1] ?? 1)
          await sleep(Math.min(wait, 30) * 1000)
          r = await shopper.complete(cart.id)
        }
        if (r.status !== 200 || r.data?.type !== "order") throw new Error(`order_first complete: ${r.status} ${JSON.stringify(r.data).slice(0, 300)}`)
      }
      await sleep(p.rng.between(0, 300))
      switch (p.scenario) {
        case "full":
        case "over":
        case "two_step":
          await emu.pay(tx, { mode: p.scenario === "two_step" ? "two_step" : p.scenario, waitForWebhook: false })
          break
        case "late":
          await emu.expire(tx, { waitForWebhook: false })
          await sleep(p.rng.between(200, 1500))
          await emu.pay(tx, { mode: "full", late: true, waitForWebhook: false })
          faults.push({ kind: "after_expiry", at: Date.now(), ended: Date.now(), detail: tx })
          break
        case "abandoned":
          await emu.expire(tx, { waitForWebhook: false })
          break
      }
      // pay_first: the storefront polls the status and completes the cart itself, racing the webhook.
      if (p.flow === "pay_first" && p.scenario !== "abandoned" && p.rng.chance(0.5)) {
        const until = Date.now() + 8000
        while (Date.now() < until) {
          const s = await shopper.call("GET", `/store/3pay/payment-status?cart_id=${cart.id}`)
          const status = s.data?.payment?.status
          if (s.data?.payment?.order_id) break
          if (status === "paid" || status === "overpaid") {
            await shopper.complete(cart.id)
            break
          }
          await sleep(400)
        }
      }
    } catch (e) {
      failed.push(`#${p.i} ${p.flow}/${p.network}/${p.scenario}: ${(e as Error).message.slice(0, 300)}`)
    }
  }

  const runPhase = async (items: Planned[]) => {
    let next = 0
    const worker = async () => {
      while (next < items.length) await checkout(items[next++])
    }
    await Promise.all(Array.from({ length: opts.concurrency ?? 4 }, worker))
  }

  // ---------------------------------------------------------------- faults
  const faultRng = rng.fork("faults")
  const record = (kind: FaultKind, at: number, detail: string) => {
    faults.push({ kind, at, ended: Date.now(), detail })
    log(`fault ${kind}: ${detail}`)
  }
  const processingNow = async () =>
    Number((await cluster.sql(`select count(*)::int as n from threepay_webhook_event where processing_status = 'processing'`))[0]?.n ?? 0)

  /** A window of at least `ms`, stretched (up to 15 s) until a webhook went out, or was held, in it. */
  const untilWebhooks = async (ms: number, held = false) => {
    const count = () => emu.deliveries().filter((d) => !d.test && (held ? d.held : d.attempts > 0)).length
    const start = count()
    const end = Date.now() + 15_000
    await sleep(ms)
    while (Date.now() < end && count() === start && !checkoutsDone) await sleep(100)
  }

  const inject = async (kind: (typeof FAULT_KINDS)[number]) => {
    const at = Date.now()
    switch (kind) {
      case "duplicate_both_servers": {
        const copies = faultRng.between(2, 3)
        emu.setFaults({ webhookDuplicates: copies })
        cluster.balancer.mirrorWebhooks = 0.5
        await untilWebhooks(faultRng.between(2000, 5000))
        emu.setFaults({ webhookDuplicates: 1 })
        cluster.balancer.mirrorWebhooks = 0
        return record(kind, at, `each webhook sent ${copies}x, half of them to both servers`)
      }
      case "reorder": {
        emu.setFaults({ webhookOutOfOrder: true })
        await untilWebhooks(faultRng.between(1000, 4000), true)
        emu.setFaults({ webhookOutOfOrder: false })
        const n = await emu.flushWebhooks("reverse")
        return record(kind, at, `${n} webhooks held, then sent newest first`)
      }
      case "drop": {
        const n = faultRng.between(1, 3)
        emu.setFaults({ webhookDrop: { mode: "skip", count: n } })
        return record(kind, at, `the next ${n} webhooks never sent (3PAY believes them delivered)`)
      }
      case "api_5xx": {
        const n = faultRng.between(2, 6)
        const status = faultRng.pick([500, 502, 503])
        emu.setFaults({ next: { kind: "error", status, count: n } })
        return record(kind, at, `the next ${n} 3PAY calls answer ${status}`)
      }
      case "api_429": {
        const n = faultRng.between(1, 3)
        const after = faultRng.between(1, 2)
        emu.setFaults({ next: { kind: "rate_limit", retryAfterSeconds: after, count: n } })
        return record(kind, at, `the next ${n} 3PAY calls answer 429, Retry-After ${after} s`)
      }
      case "kill_worker":
      case "kill_server": {
        const name: InstanceName = kind === "kill_worker" ? "worker" : faultRng.pick(["a", "b"] as const)
        const other: InstanceName = name === "a" ? "b" : "a"
        // Never both servers at once, nor an instance still restarting.
        if (!cluster.isUp(name) || (kind === "kill_server" && !cluster.isUp(other))) return
        // Aim at a moment the worker is applying a webhook (up to 3 s).
        let busy = 0
        const until = Date.now() + 3000
        while (Date.now() < until && !(busy = await processingNow().catch(() => 0))) await sleep(25)
        await cluster.kill(name, "SIGKILL")
        const down = faultRng.between(300, 3000)
        const killedAt = Date.now()
        const restart = (async () => {
          await sleep(down)
          const boot = await cluster.startInstance(name)
          faults.push({ kind, at: killedAt, ended: Date.now(), detail: `kill -9 ${name} with ${busy} event(s) being processed; restarted after ${down} ms, ready in ${boot} ms` })
          log(`fault ${kind}: ${name} back after ${Date.now() - killedAt} ms`)
        })()
        restart.catch(() => undefined) // awaited (and thrown) after the checkouts
        restarts.push(restart)
        return
      }
      case "db_cut": {
        const n = await cluster.cutDatabaseConnections()
        return record(kind, at, `${n} PostgreSQL connections terminated`)
      }
      case "redis_stall": {
        const ms = faultRng.between(2000, 6000)
        await cluster.redis.call("CLIENT", "PAUSE", String(ms), "ALL")
        await sleep(ms)
        return record(kind, at, `Redis answered nothing for ${ms} ms`)
      }
    }
  }

  const firstRound = opts.everyKindFirst ? shuffle([...kinds], faultRng) : []
  const faultLoop = (async () => {
    // With everyKindFirst, the first round is injected even if the shoppers finish first.
    while (!checkoutsDone || firstRound.length) {
      await sleep(faultRng.between(gapMin, gapMax))
      if (checkoutsDone && !firstRound.length) break
      const kind = firstRound.shift() ?? faultRng.pick(kinds)
      await inject(kind).catch((e) => log(`fault failed: ${(e as Error).message}`))
    }
  })()

  // ---------------------------------------------------------------- run
  for (const flow of flows) {
    await retryUntilOk(() => cluster.setFlow(flow))
    await runPhase(plan.filter((p) => p.flow === flow))
  }
  checkoutsDone = true
  await faultLoop
  await Promise.all(restarts)
  // Faults off; what 3PAY still holds goes out now.
  emu.resetFaults()
  cluster.balancer.mirrorWebhooks = 0
  await emu.flushWebhooks("original")
  const lastFaultEnd = Math.max(t0, ...faults.map((f) => f.ended))
  log(`checkouts done (${expectations.length} invoices, ${failed.length} failed), ${faults.length} faults; waiting for convergence`)

  const deadline = Date.now() + (opts.convergenceTimeoutMs ?? 10 * 60_000)
  let verdict = await checkInvariants(cluster, expectations)
  let convergedAt: number | null = verdict.ok ? Date.now() : null
  let reported = 0
  while (!verdict.ok && Date.now() < deadline) {
    await sleep(1000)
    verdict = await checkInvariants(cluster, expectations)
    if (verdict.ok) convergedAt = Date.now()
    else if (Date.now() - reported > 15_000) {
      reported = Date.now()
      const open = [...verdict.pending, ...verdict.lost_payments, ...verdict.orders_without_payment, ...verdict.duplicate_orders]
      log(`not converged after ${Math.round((Date.now() - lastFaultEnd) / 1000)} s: ${open.slice(0, 6).join("; ")}`)
    }
  }
  // Then let 3PAY finish its own retries, and check once more with every webhook delivered.
  const idleUntil = Date.now() + 60_000
  while (verdict.undelivered > 0 && Date.now() < idleUntil) {
    await sleep(1000)
    verdict = await checkInvariants(cluster, expectations)
  }

  return {
    seed: opts.seed,
    checkouts: opts.checkouts,
    started_checkouts: expectations.length,
    failed_checkouts: failed,
    by_flow: count(plan.map((p) => p.flow)),
    by_network: count(plan.map((p) => p.network)),
    by_scenario: count(plan.map((p) => p.scenario)),
    faults: count(faults.map((f) => f.kind)),
    fault_log: faults
      .sort((a, b) => a.at - b.at)
      .map((f) => ({ kind: f.kind, at_ms: f.at - t0, duration_ms: f.ended - f.at, detail: f.detail })),
    convergence_ms: convergedAt === null ? null : Math.max(0, convergedAt - lastFaultEnd),
    verdict,
    duration_ms: Date.now() - t0,
    shopper_retries: shoppers.reduce((a, s) => a + s.retries, 0),
    shopper_busy_waits: shoppers.reduce((a, s) => a + s.busy, 0),
    shopper_lock_conflicts: shoppers.reduce((a, s) => a + s.conflicts, 0),
    balancer_502: cluster.balancer.stats.failed,
  }
}

function shuffle<T>(xs: T[], rng: Rng): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1)
    ;[xs[i], xs[j]] = [xs[j], xs[i]]
  }
  return xs
}

async function retryUntilOk(fn: () => Promise<void>, attempts = 20): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      return await fn()
    } catch (e) {
      if (i >= attempts) throw e
      await sleep(500)
    }
  }
}
