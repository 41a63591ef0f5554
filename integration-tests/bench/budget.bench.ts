/**
 * `npm run bench` (budget section): 3PAY's invoice budget under attack, on a
 * real Medusa and PostgreSQL with the emulator at 3PAY's real limits (20
 * invoice creations and 100 standard calls per 15 minutes).
 *
 * Medusa stands behind the store's own proxy (`clientIpHeader:
 * x-forwarded-for`, one hop); this file plays that proxy by writing each
 * client's address. Over 30 simulated minutes:
 * - attacker A (one IPv4 address) and attacker B (a new address of one IPv6
 *   /64 on every request) each keep 20 payment-session creations on fresh
 *   carts in flight, straight to Medusa, and fire each refused one again
 *   after the `retry_after` Medusa answered (a script that follows the
 *   rules to the second);
 * - 30 shoppers from distinct IPv4 addresses arrive one every 30 s during
 *   the first 15 minutes and check out through an SSR-style forwarder (a real
 *   HTTP hop that adds the signed `x-3pay-client` header with
 *   `threepayClientHeaders` from medusa-payment-3pay-storefront/server, as the
 *   Next.js starter's server action does); on a 429 with `retry_after` they
 *   retry after it, at most 5 times and for waits up to 15 minutes, as the
 *   storefront component does.
 * The same shoppers also run without attackers (3PAY's own ceiling), and with
 * the attackers while `clientInvoiceShare` is 0.25 (a what-if, set at run
 * time). Then reconciliation's cost with 1,000 abandoned and 10 open invoices.
 *
 * The simulated clock: nothing in the plugin is faked. Time moves forward by
 * ageing what the budget counts (every row of threepay_rate_call and
 * threepay_rate_block moves back by the step, which for a sliding window is
 * the same as the step passing) and by advancing the emulator's clock
 * (control.advance) by the same step. Real time passes as well and counts.
 * It measures; it asserts nothing about time.
 */
import http from "node:http"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import type { EmulatorHandle } from "medusa-payment-3pay-emulator"
import { threepayClientHeaders } from "medusa-payment-3pay-storefront/server"
import type { SqlClient } from "../../src/lib/budget-store"
import { reconcileOpenInvoices } from "../../src/lib/reconcile"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { invoiceQuotas } from "../../src/workflows/steps/check-invoice-quota"
import { abandonedInvoiceRows } from "../helpers/abandoned-invoices"
import { Shopper } from "../helpers/checkout"
import { seedStore, THREEPAY_PROVIDER_ID, type SeededStore } from "../helpers/seed-store"
import { summarize, toMarkdown, type Result } from "./budget-report"
import { BENCH_STOREFRONT_SECRET, freshBudgetWindow, useRealLimitsEmulator } from "./real-limits"
import { writeSections } from "./report"

const MINUTE = 60_000
const WINDOW_MS = 15 * MINUTE
const HORIZON_MS = 2 * WINDOW_MS
const SHOPPERS = 30
const ARRIVAL_EVERY_MS = 30_000
/** Session creations each attacker keeps in flight. */
const LANES = 20
/** The storefront component's auto-retry (packages/storefront/src/use-threepay-payment.ts). */
const SHOPPER_RETRIES = 5
const SHOPPER_MAX_WAIT_S = 15 * 60
/** The storefront server, as Medusa's proxy sees it. */
const STOREFRONT_SERVER_IP = "10.0.0.5"

// No webhooks: the scenario is about creating invoices.
const bench = useRealLimitsEmulator({ seed: "bench-budget", webhooks: false, env: { THREEPAY_CLIENT_IP_HEADER: "x-forwarded-for" } })

type Answer = { status: number; code?: string; retry_after?: number }

/** The SSR storefront's server: takes the shopper's request, calls Medusa on its behalf with the signed header. */
function startForwarder(store: SeededStore): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    let body = ""
    for await (const chunk of req) body += chunk
    const { payment_collection_id } = JSON.parse(body) as { payment_collection_id: string }
    const r = await fetch(`http://localhost:${bench.port}/store/payment-collections/${payment_collection_id}/payment-sessions`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-publishable-api-key": store.publishableKey,
        "x-forwarded-for": STOREFRONT_SERVER_IP,
        ...threepayClientHeaders(req.headers, { secret: BENCH_STOREFRONT_SECRET }),
      },
      body: JSON.stringify({ provider_id: THREEPAY_PROVIDER_ID, data: { network: "TRC20" } }),
    })
    res.writeHead(r.status, { "content-type": "application/json" })
    res.end(await r.text())
  })
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => {
      const { port: p } = server.address() as { port: number }
      resolve({ url: `http://127.0.0.1:${p}/checkout`, close: () => new Promise((r) => server.close(() => r())) })
    })
  )
}

/** Simulated minutes since the run began: real time plus the steps taken. */
class SimClock {
  private shift = 0
  private readonly t0 = Date.now()
  constructor(
    private readonly db: SqlClient,
    private readonly emu: EmulatorHandle
  ) {}
  now(): number {
    return Date.now() - this.t0 + this.shift
  }
  async advanceTo(t: number): Promise<void> {
    const step = Math.round(t - this.now())
    if (step <= 0) return
    await this.db.raw(`update threepay_rate_call set at = at - (? * interval '1 millisecond')`, [step])
    await this.db.raw(`update threepay_rate_block set until = until - (? * interval '1 millisecond')`, [step])
    await this.emu.control.advance(step)
    this.shift += step
  }
}

type Actor = { name: string; kind: "shopper" | "attacker"; ip: () => string }
type Attempt = { at: number; actor: Actor; lane: number; tries: number; pc?: string }

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("measures 3PAY's invoice budget under attack", async () => {
      const threepay = getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
      const db = getContainer().resolve<SqlClient>("__pg_connection__")
      const store = await seedStore(getContainer())
      const shopper = new Shopper(api, store)
      const forwarder = await startForwarder(store)
      const options = threepay.getOptions()

      let carts = 0
      const freshPc = async () => shopper.paymentCollection((await shopper.createCart({ quantity: 1, email: `bench${++carts}@example.com` })).id)
      const freshPcs = (n: number) => Promise.all(Array.from({ length: n }, freshPc))

      /** A clean slate: no budget used, no invoices in 3PAY or in the ledger. */
      const clean = async () => {
        bench.emulator.control.reset()
        await freshBudgetWindow(db, bench.emulator)
        const ids = (await threepay.listThreePayInvoices({}, { take: 100_000, select: ["id"] })).map((r) => r.id)
        if (ids.length) await threepay.softDeleteThreePayInvoices(ids)
      }

      const answerOf = (status: number, data: any): Answer => ({ status, code: data?.code, retry_after: data?.retry_after })
      const viaForwarder = async (pc: string, ip: string): Promise<Answer> => {
        const r = await fetch(forwarder.url, {
          method: "POST",
          headers: { "content-type": "application/json", "x-forwarded-for": ip },
          body: JSON.stringify({ payment_collection_id: pc }),
        })
        return answerOf(r.status, await r.json().catch(() => null))
      }
      const direct = async (pc: string, ip: string): Promise<Answer> => {
        const r = await api.post(
          `/store/payment-collections/${pc}/payment-sessions`,
          { provider_id: THREEPAY_PROVIDER_ID, data: { network: "TRC20" } },
          { headers: { ...shopper.headers, "x-forwarded-for": ip }, validateStatus: () => true }
        )
        return answerOf(r.status, r.data)
      }

      const shoppers: Actor[] = Array.from({ length: SHOPPERS }, (_, i) => ({ name: `shopper ${i + 1}`, kind: "shopper", ip: () => `198.51.100.${i + 1}` }))
      let v6 = 0
      const attackers: Actor[] = [
        { name: "attacker A (one IPv4)", kind: "attacker", ip: () => "203.0.113.66" },
        {
          name: "attacker B (rotating IPv6 /64)",
          kind: "attacker",
          ip: () => `2001:db8:bad:1:${(++v6).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}:1`,
        },
      ]

      /** One scenario: everyone acts at their simulated time; those due within the same second act in parallel. */
      const scenario = async (withAttackers: boolean) => {
        await clean()
        const shopperPcs = await freshPcs(SHOPPERS)
        const attackerPcs = withAttackers ? await freshPcs(2 * LANES) : []
        const clock = new SimClock(db, bench.emulator)
        const queue: Attempt[] = [
          ...shoppers.map((actor, i) => ({ at: i * ARRIVAL_EVERY_MS, actor, lane: 0, tries: 0, pc: shopperPcs[i] })),
          ...(withAttackers ? attackers.flatMap((actor) => Array.from({ length: LANES }, (_, lane) => ({ at: 0, actor, lane, tries: 0 }))) : []),
        ]
        const results: Result[] = []
        while (queue.length) {
          queue.sort((a, b) => a.at - b.at)
          const t = queue[0].at
          if (t >= HORIZON_MS) break
          const batch = queue.filter((a) => a.at < t + 1000)
          for (const a of batch) queue.splice(queue.indexOf(a), 1)
          await clock.advanceTo(t)
          const at = clock.now()
          await Promise.all(
            batch.map(async (a) => {
              // An attacker's lane takes a fresh cart after each invoice; a refused cart is tried again.
              a.pc ??= attackerPcs.pop() ?? (await freshPc())
              const ip = a.actor.ip()
              const r = a.actor.kind === "shopper" ? await viaForwarder(a.pc, ip) : await direct(a.pc, ip)
              results.push({ at, actor: a.actor.name, kind: a.actor.kind, ...r })
              const wait = r.status === 429 && r.retry_after ? r.retry_after * 1000 : null
              if (a.actor.kind === "attacker") {
                if (r.status === 200) queue.push({ ...a, at: at + 1000, pc: undefined })
                else queue.push({ ...a, at: at + (wait ?? 60_000), tries: a.tries + 1 })
              } else if (r.status !== 200 && wait && a.tries < SHOPPER_RETRIES && wait <= SHOPPER_MAX_WAIT_S * 1000) {
                queue.push({ ...a, at: at + wait, tries: a.tries + 1 })
              }
            })
          )
        }
        const log = bench.emulator.control.callLog()
        // 3PAY's own view: its creations by its clock, the most in any 15 minutes (its limit is 20).
        const created = log.filter((c) => c.endpoint === "transaction.create" && c.status === 200).map((c) => Date.parse(c.at))
        return summarize(results, SHOPPERS, {
          threepay_most_creates_in_15_min: Math.max(0, ...created.map((t) => created.filter((u) => u >= t && u < t + WINDOW_MS).length)),
          per_client: invoiceQuotas(threepay.getOptions()).per_client,
          share: threepay.getOptions().clientInvoiceShare,
          threepay_creates: log.filter((c) => c.endpoint === "transaction.create" && c.status === 200).length,
          threepay_429: log.filter((c) => c.status === 429).length,
          threepay_calls: bench.emulator.control.calls(),
          simulated_minutes: Math.round(clock.now() / MINUTE),
        })
      }

      const baseline = await scenario(false)
      const attack = await scenario(true)
      const shareBefore = options.clientInvoiceShare
      let whatIf: ReturnType<typeof summarize>
      try {
        // What-if, at run time: each client at most a quarter of the 20 (5), so both attackers together at most 10.
        ;(options as { clientInvoiceShare: number }).clientInvoiceShare = 0.25
        whatIf = await scenario(true)
      } finally {
        ;(options as { clientInvoiceShare: number }).clientInvoiceShare = shareBefore
      }

      // Reconciliation: 10 shoppers' open invoices and 1,000 abandoned ones that expired three days ago.
      await clean()
      const openPcs = await freshPcs(10)
      const opened = await Promise.all(openPcs.map((pc, i) => viaForwarder(pc, `192.0.2.${i + 1}`)))
      await threepay.createThreePayInvoices(abandonedInvoiceRows(1000) as never)
      const runs = []
      for (let i = 0; i < 3; i++) {
        bench.emulator.control.resetCalls()
        const r = await reconcileOpenInvoices(getContainer())
        const c = bench.emulator.control.calls()
        runs.push({
          run: i + 1,
          due: r.open,
          list_calls: c["transaction.list"] ?? 0,
          verify_calls: c["transaction.verify"] ?? 0,
          other_calls: Object.entries(c).filter(([k]) => k !== "transaction.list" && k !== "transaction.verify").reduce((n, [, v]) => n + v, 0),
          closed: r.closed.length,
          errors: r.errors.slice(0, 3),
        })
      }
      const reconciliation = { open_invoices: opened.filter((a) => a.status === 200).length, abandoned: 1000, runs }
      await forwarder.close()

      const data = { settings: { shoppers: SHOPPERS, arrival_every_s: ARRIVAL_EVERY_MS / 1000, lanes_per_attacker: LANES, horizon_minutes: HORIZON_MS / MINUTE }, baseline, attack, what_if_share_0_25: whatIf!, reconciliation }
      console.log(writeSections({ budget: { title: "3PAY's invoice budget under attack", data, markdown: toMarkdown(data) } }))
    })
  },
})
