/**
 * The packed plugin in a Medusa cluster: two server-mode instances and one
 * worker-mode instance on one PostgreSQL and one Redis (event bus, workflow
 * engine, locking, caching), behind a load balancer, with the 3PAY emulator
 * over HTTP (harness.ts). One boot for the whole file; the short seeded
 * chaos run comes last (CHAOS_SEED replays another seed).
 */
import fs from "node:fs"
import path from "node:path"
import { FAULT_KINDS, runChaos, type ChaosResult } from "./chaos"
import { waitFor as until } from "../helpers/checkout"
import { Cluster, sleep } from "./harness"
import { ClusterShopper } from "./shopper"

jest.setTimeout(900_000)

let cluster: Cluster
const log = process.env.CLUSTER_VERBOSE ? (m: string) => console.log(`[cluster] ${m}`) : () => {}

beforeAll(async () => {
  cluster = await Cluster.start({ name: "spec", seed: "cluster-spec", log })
})
afterAll(async () => {
  await cluster?.stop()
})

let shopperNo = 0
const shopperOn = (policy: "a" | "b" | "random" = "random") => {
  cluster.setPolicy(policy === "random" ? "random" : { only: policy })
  return new ClusterShopper(cluster.url, cluster.seed, { ip: `10.13.0.${++shopperNo}`, email: `shopper-${shopperNo}@example.com` })
}

async function openInvoice(shopper: ClusterShopper, network: "TRC20" | "ERC20" = "TRC20") {
  const cart = await shopper.cart()
  const pc = await shopper.paymentCollection(cart.id)
  const session = await shopper.session(pc, "pp_3pay_3pay", { network })
  return { cart, pc, tx: session.data.transaction_id as string }
}

async function ordersOf(cartId: string) {
  return cluster.sql<{ orders: number; captured: number; captures: number }>(
    `select count(distinct oc.order_id)::int as orders,
            count(distinct p.id) filter (where p.captured_at is not null)::int as captured,
            count(distinct cap.id)::int as captures
       from cart c
       left join order_cart oc on oc.cart_id = c.id
       left join cart_payment_collection cpc on cpc.cart_id = c.id
       left join payment p on p.payment_collection_id = cpc.payment_collection_id
       left join capture cap on cap.payment_id = p.id
      where c.id = $1`,
    [cartId]
  ).then((r) => r[0])
}

const waitForOrder = (cartId: string, timeoutMs = 60_000) =>
  until(
    async () => {
      const o = await ordersOf(cartId)
      return o.orders > 0 && o.captured > 0 ? o : null
    },
    { timeoutMs, what: `the order of ${cartId}` }
  )

const verifyCalls = (instance: string) => cluster.balancer.stats.upstream[instance]?.["GET /public/transaction/verify"] ?? 0

describe("a cluster of the packed plugin", () => {
  it("runs two servers and a worker of the plugin installed from its npm tarball, on one Redis", async () => {
    const installed = path.join(cluster.prepared.storeDir, "node_modules", "medusa-payment-3pay")
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false)
    expect(fs.existsSync(path.join(installed, ".medusa", "server", "src", "modules", "threepay", "index.js"))).toBe(true)
    for (const name of ["a", "b", "worker"] as const) {
      expect((await fetch(`${cluster.serverUrl(name)}/health`)).status).toBe(200)
    }
    // Servers serve the store API; the worker serves none (workerMode "worker").
    const config = (name: "a" | "b" | "worker") =>
      fetch(`${cluster.serverUrl(name)}/store/3pay/config`, { headers: { "x-publishable-api-key": cluster.seed.publishableKey } }).then((r) => r.status)
    expect(await config("a")).toBe(200)
    expect(await config("b")).toBe(200)
    expect(await config("worker")).toBe(404)
    // Medusa's queues live in Redis.
    expect((await cluster.redis.keys("*events-queue*")).length).toBeGreaterThan(0)
  })

  it("acknowledges a webhook on either server with no local state, and the worker applies each payment once", async () => {
    const carts: Array<{ cartId: string; tx: string; made: "a" | "b" }> = []
    for (let i = 0; i < 4; i++) {
      const made = i % 2 ? "b" : "a"
      const { cart, tx } = await openInvoice(shopperOn(made), i % 2 ? "ERC20" : "TRC20")
      carts.push({ cartId: cart.id, tx, made })
    }
    const before = { a: verifyCalls("a"), b: verifyCalls("b"), worker: verifyCalls("worker") }
    // Each webhook three times, every copy to both servers.
    cluster.emulator.control.setFaults({ webhookDuplicates: 3 })
    cluster.balancer.mirrorWebhooks = 1
    try {
      for (const c of carts) {
        // The webhook goes to the server that did not create the invoice.
        cluster.setPolicy({ only: c.made === "a" ? "b" : "a" })
        await cluster.emulator.control.pay(c.tx, { mode: "full" })
      }
      for (const c of carts) expect(await waitForOrder(c.cartId)).toEqual({ orders: 1, captured: 1, captures: 1 })
    } finally {
      cluster.emulator.control.setFaults({ webhookDuplicates: 1 })
      cluster.balancer.mirrorWebhooks = 0
    }
    const served = cluster.balancer.stats.served
    expect(served.a.webhook).toBeGreaterThanOrEqual(12)
    expect(served.b.webhook).toBeGreaterThanOrEqual(12)
    // Every copy acknowledged and recorded; the event applied once its outcome is written.
    const events = await until(
      async () => {
        const rows = await cluster.sql<{ delivery_count: number; processing_status: string }>(
          `select delivery_count, processing_status from threepay_webhook_event where transaction_id = any($1::text[])`,
          [carts.map((c) => c.tx)]
        )
        return rows.length === 4 && rows.every((r) => r.processing_status !== "processing" && r.processing_status !== "pending") ? rows : null
      },
      { what: "the events' outcomes" }
    )
    for (const e of events) expect(e).toEqual({ delivery_count: 6, processing_status: "applied" })
    // The re-read from 3PAY happened in the worker, where subscribers run; never on a server.
    expect(verifyCalls("a") - before.a).toBe(0)
    expect(verifyCalls("b") - before.b).toBe(0)
    expect(verifyCalls("worker") - before.worker).toBeGreaterThanOrEqual(4)
  })

  it("serialises one paid invoice across instances: both servers' webhooks, two completes and reconciliation at once make one order", async () => {
    const shopper = shopperOn("random")
    const { cart, tx } = await openInvoice(shopper)
    // Hold the webhook, then let everything arrive together.
    cluster.emulator.control.setFaults({ webhookOutOfOrder: true, webhookDuplicates: 2 })
    await cluster.emulator.control.pay(tx, { mode: "full" })
    cluster.emulator.control.setFaults({ webhookOutOfOrder: false, webhookDuplicates: 1 })
    cluster.balancer.mirrorWebhooks = 1
    const onA = new ClusterShopper(cluster.serverUrl("a"), cluster.seed, { ip: "10.13.1.1" })
    const onB = new ClusterShopper(cluster.serverUrl("b"), cluster.seed, { ip: "10.13.1.1" })
    const [, completeA, completeB] = await Promise.all([
      cluster.emulator.control.flushWebhooks("original"),
      sleep(20).then(() => onA.complete(cart.id)),
      sleep(20).then(() => onB.complete(cart.id)),
    ])
    cluster.balancer.mirrorWebhooks = 0
    expect(await waitForOrder(cart.id)).toEqual({ orders: 1, captured: 1, captures: 1 })
    // Each complete either made the order, found it, or was told the cart is being completed.
    for (const r of [completeA, completeB]) expect([200, 409]).toContain(r.status)
    const orderIds = [completeA, completeB].filter((r) => r.status === 200).map((r) => r.data.order?.id)
    const [{ order_id }] = await cluster.sql(`select order_id from order_cart where cart_id = $1`, [cart.id])
    for (const id of orderIds) expect(id).toBe(order_id)
  })

  it("creates one invoice when both servers open the same payment step at once (the lock is the cluster's)", async () => {
    const shopper = shopperOn("a")
    const cart = await shopper.cart()
    const pc = await shopper.paymentCollection(cart.id)
    const onA = new ClusterShopper(cluster.serverUrl("a"), cluster.seed, { ip: "10.13.2.1" })
    const onB = new ClusterShopper(cluster.serverUrl("b"), cluster.seed, { ip: "10.13.2.1" })
    const [x, y] = await Promise.all([
      onA.session(pc, "pp_3pay_3pay", { network: "TRC20" }),
      onB.session(pc, "pp_3pay_3pay", { network: "TRC20" }),
    ])
    expect(x.data.transaction_id).toBe(y.data.transaction_id)
    const rows = await cluster.sql(`select transaction_id from threepay_invoice where cart_id = $1`, [cart.id])
    expect(rows).toHaveLength(1)
  })

  it("counts a cart's invoice quota across instances: the sixth fresh invoice is refused whichever server is asked", async () => {
    const shopper = shopperOn("a")
    const cart = await shopper.cart(1)
    const pc = await shopper.paymentCollection(cart.id)
    const answers: number[] = []
    for (let i = 0; i < 6; i++) {
      const server = i % 2 ? "b" : "a"
      cluster.setPolicy({ only: server })
      // A new total each time: the open invoice cannot be reused.
      const q = await shopper.call("POST", `/store/carts/${cart.id}/line-items`, { variant_id: cluster.seed.variantId, quantity: 1 })
      expect(q.status).toBe(200)
      const r = await shopper.call("POST", `/store/payment-collections/${pc}/payment-sessions`, { provider_id: "pp_3pay_3pay", data: { network: "TRC20" } })
      answers.push(r.status)
      if (r.status === 429) expect(r.data.code).toBe("threepay_too_many_invoices")
    }
    expect(answers).toEqual([200, 200, 200, 200, 200, 429])
  })

  it("runs the scheduled jobs only in the worker, once per schedule for the whole cluster", async () => {
    // An open invoice gives reconciliation something to list every run (schedule: every 5 s).
    await openInvoice(shopperOn("random"))
    const lists = () =>
      Object.fromEntries((["a", "b", "worker"] as const).map((n) => [n, cluster.balancer.stats.upstream[n]?.["GET /public/transaction/list"] ?? 0]))
    const before = lists()
    const windowMs = 20_000
    await sleep(windowMs)
    const after = lists()
    const runs = after.worker - before.worker
    expect(after.a - before.a).toBe(0)
    expect(after.b - before.b).toBe(0)
    // 20 s at one run per 5 s: 4 (one more or less at the window's edges), never one per instance.
    log(`reconciliation list calls in ${windowMs} ms: ${JSON.stringify({ a: after.a - before.a, b: after.b - before.b, worker: runs })}`)
    expect(runs).toBeGreaterThanOrEqual(3)
    expect(runs).toBeLessThanOrEqual(5)

    // The retry job (every 3 s) picks up an event whose processing failed, in the worker.
    const { cart, tx } = await openInvoice(shopperOn("random"))
    await cluster.emulator.control.pay(tx, { mode: "full" })
    await waitForOrder(cart.id)
    const event = await until(
      async () => (await cluster.sql(`select id, processing_status from threepay_webhook_event where transaction_id = $1`, [tx])).find((e) => e.processing_status === "applied"),
      { what: "the first application" }
    )
    await cluster.sql(
      `update threepay_webhook_event set processing_status = 'failed', next_attempt_at = now(), attempts = 1, outcome = null where id = $1`,
      [event.id]
    )
    const settled = await until(
      async () => (await cluster.sql(`select processing_status, attempts from threepay_webhook_event where id = $1`, [event.id]))
        .find((e) => e.processing_status === "applied"),
      { timeoutMs: 30_000, what: "the retry job" }
    )
    expect(settled.attempts).toBe(2)
  })

  it("shares one 3PAY budget between instances: calls made by each server and the worker land in one count, the same on every server", async () => {
    const budget = async (on: "a" | "b") => {
      const r = await cluster.admin("GET", "/admin/3pay/budget", undefined, on)
      expect(r.status).toBe(200)
      return r.data as { tiers: Record<string, { used: number; by_purpose: Record<string, number> }> }
    }
    const creates = () => ["a", "b"].reduce((n, i) => n + (cluster.balancer.stats.upstream[i]?.["POST /transaction/create"] ?? 0), 0)
    const before = await budget("a")
    const createdBefore = creates()
    const webhookBefore = before.tiers.standard.by_purpose.webhook ?? 0
    const one = await openInvoice(shopperOn("a"))
    await openInvoice(shopperOn("b"), "ERC20")
    await cluster.emulator.control.pay(one.tx, { mode: "full" })
    await waitForOrder(one.cart.id)
    const [onA, onB] = [await budget("a"), await budget("b")]
    // Two invoices, one created by each server: one count, read alike on both servers.
    expect(creates() - createdBefore).toBe(2)
    expect(onA.tiers.walletGen.used - before.tiers.walletGen.used).toBe(2)
    expect(onB.tiers.walletGen.used).toBe(onA.tiers.walletGen.used)
    // The worker's re-read of the paid invoice is in the same count.
    expect(onB.tiers.standard.by_purpose.webhook ?? 0).toBeGreaterThan(webhookBefore)
  })

  let chaos: ChaosResult
  it("keeps exactly one order per payment through a short seeded chaos run (duplicates to both servers, reordering, drops, late payments, 5xx and 429 bursts, kill -9, cut connections)", async () => {
    const seed = process.env.CHAOS_SEED ?? "ci-13"
    chaos = await runChaos(cluster, {
      seed,
      checkouts: Number(process.env.CHAOS_CHECKOUTS ?? 10),
      concurrency: 3,
      everyKindFirst: true,
      faultGapMs: [600, 1500],
      convergenceTimeoutMs: 5 * 60_000,
      log,
    })
    const v = chaos.verdict
    const summary = `seed ${seed} (replay: CHAOS_SEED=${seed} npm run test:cluster)`
    expect({ summary, lost: v.lost_payments, duplicates: v.duplicate_orders, unpaid: v.orders_without_payment, missing: v.missing_events, pending: v.pending }).toEqual({
      summary,
      lost: [],
      duplicates: [],
      unpaid: [],
      missing: [],
      pending: [],
    })
    expect(v.checked.paid_invoices).toBeGreaterThan(0)
    expect(chaos.failed_checkouts).toEqual([])
    // Every kind of fault happened at least once.
    expect(FAULT_KINDS.filter((kind) => !chaos.faults[kind])).toEqual([])
    expect(chaos.convergence_ms).not.toBeNull()
  })

  afterAll(() => {
    if (chaos) {
      const out = path.join(__dirname, "..", "..", ".ci-out")
      fs.mkdirSync(out, { recursive: true })
      fs.writeFileSync(path.join(out, "chaos-short.json"), JSON.stringify(chaos, null, 2))
    }
  })
})
