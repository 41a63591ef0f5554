/**
 * 3PAY's call budget as a guarded, shared resource, on a real Medusa and
 * PostgreSQL with the emulator's real limits: one client cannot take the
 * store's invoice capacity (parallel carts included), an SSR storefront's
 * shoppers are told apart by a signed header and unsigned claims are ignored,
 * short waits are absorbed and long ones capped, two plugin instances share
 * one budget, and reconciliation costs what can still change.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { CLIENT_KEY_HEADER, resetSharedRateBudgets, signClientIp } from "medusa-payment-3pay-client"
import { threepayClientHeaders } from "medusa-payment-3pay-storefront/server"
import type { SqlClient } from "../../src/lib/budget-store"
import { PostgresRateBudgetStore } from "../../src/lib/budget-store"
import { createThreePayClient } from "../../src/lib/make-client"
import { reconcileOpenInvoices } from "../../src/lib/reconcile"
import { clientNetworkOf } from "../../src/lib/requester"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { abandonedInvoiceRows } from "../helpers/abandoned-invoices"
import { Shopper } from "../helpers/checkout"
import { createSecretKey } from "../helpers/admin-key"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

const STOREFRONT_SECRET = "test_storefront_secret_0123456789"

export function budgetCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let shopper: Shopper
  let adminAuth: Record<string, string>
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const db = () => getContainer().resolve<SqlClient>("__pg_connection__")

  /** A cart ready to pay, and its payment collection. */
  let carts = 0
  async function readyCart() {
    const cart = await shopper.createCart({ quantity: 1, email: `shopper${++carts}@example.com` })
    return { cart, pc: await shopper.paymentCollection(cart.id) }
  }
  /** n carts at once (the carts are not what is measured; the sessions are created in order). */
  const readyCarts = (n: number) => Promise.all(Array.from({ length: n }, () => readyCart()))
  const createSession = (pc: string, headers: Record<string, string> = {}) =>
    api.post(
      `/store/payment-collections/${pc}/payment-sessions`,
      { provider_id: "pp_3pay_3pay", data: { network: "TRC20" } },
      { headers: { ...shopper.headers, ...headers }, validateStatus: () => true }
    )

  // Before each test, not once: the database is restored from the runner's
  // template (taken before the first case of the file) before every test.
  beforeEach(async () => {
    adminAuth = (await createSecretKey(getContainer(), "budget spec")).headers
  })

  beforeEach(async () => {
    spec.emulator.control.reset()
    resetSharedRateBudgets()
    store = await seedStore(getContainer())
    shopper = new Shopper(api, store)
  })

  it("one client's twenty carts in parallel take at most its share; other shoppers still get invoices", async () => {
    const ready = await readyCarts(20)
    const answers = await Promise.all(ready.map(({ pc }) => createSession(pc)))
    const ok = answers.filter((r) => r.status === 200)
    const refused = answers.filter((r) => r.status === 429)
    expect(ok).toHaveLength(10)
    expect(refused).toHaveLength(10)
    for (const r of refused) expect(r.data).toMatchObject({ code: "threepay_too_many_invoices" })
    expect(spec.emulator.control.calls()["transaction.create"]).toBe(10)

    // The other half of 3PAY's 20 is still there for everyone else.
    const other = await readyCart()
    const res = await createSession(other.pc, { [CLIENT_KEY_HEADER]: signClientIp("203.0.113.7", STOREFRONT_SECRET) })
    expect(res.status).toBe(200)
  })

  it("an SSR storefront's shoppers count apart when their IP is signed by the storefront server", async () => {
    // Eleven shoppers behind one storefront server: more than one client's share, all served.
    const carts = await readyCarts(11)
    for (let i = 1; i <= 11; i++) {
      const { pc } = carts[i - 1]
      const headers = threepayClientHeaders({ "x-forwarded-for": `6.6.6.6, 198.51.100.${i}` }, { secret: STOREFRONT_SECRET })
      expect(Object.keys(headers)).toEqual([CLIENT_KEY_HEADER])
      const res = await createSession(pc, headers)
      expect([i, res.status]).toEqual([i, 200])
    }
  })

  it("unsigned, wrongly signed or forwarded-only claims are ignored: they count as the client that sent them", async () => {
    const forged: Array<Record<string, string>> = [
      { [CLIENT_KEY_HEADER]: signClientIp("198.51.100.200", "not-the-secret-0123456789") },
      { [CLIENT_KEY_HEADER]: "v1.198.51.100.201.1700000000.deadbeef" },
      { [CLIENT_KEY_HEADER]: signClientIp("198.51.100.203", STOREFRONT_SECRET, Date.now() - 3_600_000) },
      { "x-forwarded-for": "198.51.100.202" },
    ]
    const carts = await readyCarts(11)
    for (let i = 0; i < 10; i++) {
      expect((await createSession(carts[i].pc, forged[i % forged.length])).status).toBe(200)
    }
    const { pc } = carts[10]
    const eleventh = await createSession(pc, forged[0])
    expect([eleventh.status, eleventh.data.code]).toEqual([429, "threepay_too_many_invoices"])
  })

  it("an IPv6 client counts per /64: rotating addresses inside it does not give more invoices", async () => {
    expect(clientNetworkOf("2001:db8:1:2:aaaa::1")).toBe(clientNetworkOf("2001:0db8:0001:0002:ffff:1:2:3"))
    expect(clientNetworkOf("2001:db8:1:2::1")).not.toBe(clientNetworkOf("2001:db8:1:3::1"))
    expect(clientNetworkOf("::ffff:203.0.113.9")).toBe("203.0.113.9")
    const statuses: number[] = []
    const carts = await readyCarts(11)
    for (let i = 1; i <= 11; i++) {
      const { pc } = carts[i - 1]
      const ip = `2001:db8:77:1:${i.toString(16)}::${i}`
      statuses.push((await createSession(pc, { [CLIENT_KEY_HEADER]: signClientIp(ip, STOREFRONT_SECRET) })).status)
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(10)
    expect(statuses.at(-1)).toBe(429)
  })

  it("a short Retry-After is waited out inside the request; a week-long one is capped at the window", async () => {
    spec.emulator.control.setFaults({ next: { endpoint: "transaction.create", kind: "rate_limit", retryAfterSeconds: 1 } })
    const a = await readyCart()
    const res = await createSession(a.pc)
    expect(res.status).toBe(200)
    expect(spec.emulator.control.calls()["transaction.create"]).toBe(2)

    spec.emulator.control.setFaults({ next: { endpoint: "transaction.create", kind: "rate_limit", retryAfterSeconds: 604_800 } })
    const b = await readyCart()
    const busy = await createSession(b.pc)
    expect([busy.status, busy.data.code]).toEqual([429, "threepay_busy"])
    expect(busy.data.retry_after).toBeLessThanOrEqual(900)
    const view = await api.get("/admin/3pay/budget", { headers: adminAuth })
    expect(new Date(view.data.tiers.walletGen.blocked_until).getTime() - Date.now()).toBeLessThanOrEqual(900_000)
    expect(view.data.tiers.walletGen.events.map((e: { kind: string }) => e.kind)).toContain("refused")

    // The refusal gave back the quota slots it had taken: the cart that got its invoice holds
    // one, the refused cart none (a shopper retrying after "busy" keeps their cart's quota).
    const slots = async (cartId: string) =>
      Number((await db().raw(`select count(*)::int as n from threepay_rate_call where key = ? and kind = 'quota'`, [`quota:cart:${cartId}`])).rows[0].n)
    expect(await slots(a.cart.id)).toBe(1)
    expect(await slots(b.cart.id)).toBe(0)
  })

  it("two plugin instances draw from one budget, and claim quotas atomically against each other", async () => {
    const options = threepay().getOptions()
    const a = createThreePayClient(options, undefined, db())
    const b = createThreePayClient(options, undefined, db())
    for (let i = 0; i < 60; i++) await a.budget.acquire("standard", { purpose: "checkout" })
    for (let i = 0; i < 40; i++) expect((await b.budget.acquire("standard", { purpose: "webhook" })).allowed).toBe(true)
    expect(await a.budget.acquire("standard", { purpose: "webhook" })).toMatchObject({ allowed: false, used: 100 })
    expect((await b.rateBudgetSnapshot()).tiers.standard).toMatchObject({ used: 100, byPurpose: { checkout: 60, webhook: 40 } })

    // Thirty claims at once on one key, through two stores: exactly the limit passes.
    const s1 = new PostgresRateBudgetStore(db())
    const s2 = new PostgresRateBudgetStore(db())
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, i) => (i % 2 ? s1 : s2).claimQuota([{ key: "quota:client:race", limit: 10, windowMs: 900_000 }], Date.now()))
    )
    expect(claims.filter((c) => c.allowed)).toHaveLength(10)
  })

  it("background work never takes the reserve: reconciliation stops where payments' reserve starts", async () => {
    const options = threepay().getOptions()
    const client = createThreePayClient(options, undefined, db())
    for (let i = 0; i < 60; i++) expect((await client.budget.acquire("standard", { reserve: 40, purpose: "reconciliation" })).allowed).toBe(true)
    expect((await client.budget.acquire("standard", { reserve: 40, purpose: "reconciliation" })).allowed).toBe(false)
    for (let i = 0; i < 25; i++) expect((await client.budget.acquire("standard", { reserve: 15, purpose: "checkout" })).allowed).toBe(true)
    expect((await client.budget.acquire("standard", { reserve: 15, purpose: "checkout" })).allowed).toBe(false)
    for (let i = 0; i < 15; i++) expect((await client.budget.acquire("standard", { purpose: "webhook" })).allowed).toBe(true)
  })

  it("reconciliation with 1,000 abandoned and 10 open invoices: one list call, no verify, abandoned ones closed", async () => {
    const t = threepay()
    await t.createThreePayInvoices(abandonedInvoiceRows(1000) as never)
    const carts = await readyCarts(10)
    for (let i = 0; i < 10; i++) {
      const { pc } = carts[i]
      expect((await createSession(pc, { [CLIENT_KEY_HEADER]: signClientIp(`192.0.2.${i + 1}`, STOREFRONT_SECRET) })).status).toBe(200)
    }
    spec.emulator.control.resetCalls()
    const first = await reconcileOpenInvoices(getContainer())
    expect(first).toMatchObject({ list_calls: 1, verify_calls: 0 })
    expect(first.closed).toHaveLength(1000)
    expect(spec.emulator.control.calls()["transaction.verify"] ?? 0).toBe(0)
    const second = await reconcileOpenInvoices(getContainer())
    expect(second).toMatchObject({ open: 10, list_calls: 1, verify_calls: 0, closed: [] })
  })
}
