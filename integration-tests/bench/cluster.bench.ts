/**
 * `npm run bench`, the cluster part: the packed plugin as two servers and a
 * worker on Redis (integration-tests/cluster/harness.ts), everything through
 * the load balancer, next to Medusa's own floor in the same cluster and run:
 * completing a cart whose payment Medusa's manual provider
 * (pp_system_default) authorizes on the spot.
 *
 * 1. Latency, one order at a time: paid webhook -> order, against the floor's
 *    POST /store/carts/:id/complete -> order.
 * 2. Sustained throughput: a batch of paid webhooks arriving together, and
 *    the same number of floor completes sent 16 at a time (orders per second).
 *
 * Measures; asserts nothing about time. Writes the "cluster" section of
 * bench/report.{json,md} (report.ts).
 */
import { Cluster, sleep } from "../cluster/harness"
import { waitFor as until } from "../helpers/checkout"
import { ClusterShopper } from "../cluster/shopper"
import { median, met, quantile, writeSections } from "./report"

const ORDERS = Number(process.env.BENCH_ORDERS ?? 5)
const BATCH = Number(process.env.BENCH_CLUSTER_BATCH ?? 60)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)

let cluster: Cluster
beforeAll(async () => {
  // Reconciliation rarely (it has nothing to recover here), so it does not weigh on the figures.
  cluster = await Cluster.start({ name: "bench", seed: "bench", reconcileSchedule: "*/30 * * * * *", log: (m) => console.log(`[cluster] ${m}`) })
})
afterAll(() => cluster?.stop())

async function orderCreatedAt(cartId: string): Promise<number | null> {
  const [row] = await cluster.sql<{ at: Date }>(
    `select o.created_at as at from order_cart oc join "order" o on o.id = oc.order_id
      join cart_payment_collection cpc on cpc.cart_id = oc.cart_id
      join payment p on p.payment_collection_id = cpc.payment_collection_id
     where oc.cart_id = $1 and p.captured_at is not null limit 1`,
    [cartId]
  )
  return row ? new Date(row.at).getTime() : null
}

it("measures paid-webhook-to-order on the cluster against Medusa's floor", async () => {
  let n = 0
  const shopper = () => new ClusterShopper(cluster.url, cluster.seed, { ip: `10.77.${(++n >> 8) & 255}.${n & 255}` })

  const threepayCart = async () => {
    const s = shopper()
    const cart = await s.cart(1)
    const pc = await s.paymentCollection(cart.id)
    const session = await s.session(pc, "pp_3pay_3pay", { network: n % 2 ? "TRC20" : "ERC20" })
    return { cartId: cart.id, tx: session.data.transaction_id as string }
  }
  const floorCart = async () => {
    const s = shopper()
    const cart = await s.cart(1)
    const pc = await s.paymentCollection(cart.id)
    await s.session(pc, "pp_system_default")
    return { cartId: cart.id, shopper: s }
  }

  // 1. One at a time.
  const ours: number[] = []
  for (let i = 0; i < ORDERS; i++) {
    const c = await threepayCart()
    const t0 = Date.now()
    await cluster.emulator.control.pay(c.tx, { mode: "full", waitForWebhook: false })
    await until(() => orderCreatedAt(c.cartId), { intervalMs: 10, timeoutMs: 60_000, what: "the order" })
    ours.push(Date.now() - t0)
  }
  const floor: number[] = []
  for (let i = 0; i < ORDERS; i++) {
    const c = await floorCart()
    const t0 = Date.now()
    const r = await c.shopper.complete(c.cartId)
    if (r.data?.type !== "order") throw new Error(`floor: ${r.status} ${JSON.stringify(r.data)}`)
    floor.push(Date.now() - t0)
  }

  // 2. Sustained: BATCH paid webhooks at once; BATCH floor completes, CONCURRENCY at a time.
  const batch: Array<{ cartId: string; tx: string }> = []
  for (let i = 0; i < BATCH; i++) batch.push(await threepayCart())
  const t0 = Date.now()
  await Promise.all(batch.map((c) => cluster.emulator.control.pay(c.tx, { mode: "full", waitForWebhook: false })))
  const paidAt = Date.now()
  const doneAt = new Map<string, number>()
  await until(
    async () => {
      for (const c of batch) {
        if (doneAt.has(c.cartId)) continue
        const at = await orderCreatedAt(c.cartId)
        if (at) doneAt.set(c.cartId, at)
      }
      return doneAt.size === batch.length
    },
    { intervalMs: 200, timeoutMs: 10 * 60_000, what: "every order of the batch" }
  )
  const lastOrder = Math.max(...doneAt.values())
  const oursSeconds = (lastOrder - t0) / 1000
  const oursLatencies = [...doneAt.values()].map((at) => at - t0)

  const floorBatch: Array<{ cartId: string; shopper: ClusterShopper }> = []
  for (let i = 0; i < BATCH; i++) floorBatch.push(await floorCart())
  const f0 = Date.now()
  const floorLatencies: number[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < floorBatch.length) {
        const c = floorBatch[next++]
        const s0 = Date.now()
        const r = await c.shopper.complete(c.cartId)
        if (r.data?.type !== "order") throw new Error(`floor: ${r.status} ${JSON.stringify(r.data)}`)
        floorLatencies.push(Date.now() - s0)
      }
    })
  )
  const floorSeconds = (Date.now() - f0) / 1000
  await sleep(1000)

  const data = {
    instances: { servers: 2, workers: 1, boots_ms: Object.fromEntries(Object.values(cluster.instances).map((i) => [i.name, i.boots])) },
    one_at_a_time: {
      orders: ORDERS,
      ours_ms: ours,
      floor_ms: floor,
      ours_median_ms: median(ours),
      floor_median_ms: median(floor),
      ratio: +(median(ours) / median(floor)).toFixed(2),
    },
    sustained: {
      batch: BATCH,
      concurrency: CONCURRENCY,
      ours: {
        seconds: +oursSeconds.toFixed(2),
        orders_per_second: +(BATCH / oursSeconds).toFixed(2),
        webhooks_sent_in_ms: paidAt - t0,
        p50_ms: quantile(oursLatencies, 0.5),
        p90_ms: quantile(oursLatencies, 0.9),
        max_ms: Math.max(...oursLatencies),
      },
      floor: {
        seconds: +floorSeconds.toFixed(2),
        orders_per_second: +(BATCH / floorSeconds).toFixed(2),
        p50_ms: quantile(floorLatencies, 0.5),
        p90_ms: quantile(floorLatencies, 0.9),
        max_ms: Math.max(...floorLatencies),
      },
    },
    balancer: cluster.balancer.stats,
  }
  const throughputRatio = +(data.sustained.ours.orders_per_second / data.sustained.floor.orders_per_second).toFixed(2)
  const s = data.sustained
  const markdown = `Two server-mode instances and one worker-mode instance of the packed plugin (its npm tarball, installed
into a host app), one PostgreSQL, one Redis (event bus, workflow engine, locking, caching: the configuration of
README "Running in production"), a load balancer in front of the servers, the 3PAY emulator over HTTP.
integration-tests/bench/cluster.bench.ts.

| target | result |
|---|---|
| paid webhook to order at most 1.5x Medusa's floor, one at a time | ${met(data.one_at_a_time.ratio <= 1.5)} (${data.one_at_a_time.ratio}x: ${data.one_at_a_time.ours_median_ms} ms against ${data.one_at_a_time.floor_median_ms} ms) |

### One order at a time (ms)

| path | median | samples |
|---|---|---|
| paid webhook to order (3PAY marks the invoice paid → order in the database) | ${data.one_at_a_time.ours_median_ms} | ${ours.join(", ")} |
| floor: \`POST /store/carts/:id/complete\`, payment through pp_system_default | ${data.one_at_a_time.floor_median_ms} | ${floor.join(", ")} |

### Sustained throughput, ${BATCH} orders

| path | orders per second | seconds | p50 ms | p90 ms | max ms |
|---|---|---|---|---|---|
| ${BATCH} paid webhooks at once (acknowledged by either server, applied by the worker) | ${s.ours.orders_per_second} | ${s.ours.seconds} | ${s.ours.p50_ms} | ${s.ours.p90_ms} | ${s.ours.max_ms} |
| floor: ${BATCH} completes, ${CONCURRENCY} at a time, through both servers | ${s.floor.orders_per_second} | ${s.floor.seconds} | ${s.floor.p50_ms} | ${s.floor.p90_ms} | ${s.floor.max_ms} |

Paid webhooks reach ${throughputRatio}x the floor's orders per second. The webhook path makes its orders in the
worker (subscribers run there, \`workerOptions.concurrency\` events at a time), the floor in the two servers; both
end in the same Medusa workflow, whose cart lock and PostgreSQL writes bound them. Latencies of the batch are
from the first webhook sent, so they include waiting in the queue.
`
  console.log(writeSections({ cluster: { title: "A cluster: two servers and a worker on Redis", data: { ...data, throughput_ratio: throughputRatio }, markdown } }))
})
