/**
 * `npm run bench` (wallets section, issue #15): what a returning customer
 * paying from their USDT balance costs in 3PAY calls, against a checkout with
 * an invoice, and how many such checkouts fit in one 15-minute window at
 * 3PAY's real limits (the emulator's defaults: 20 invoice creations, 100
 * standard calls per 15 minutes), on a real Medusa and PostgreSQL.
 *
 * 1. One invoice checkout (a guest): the session, 3PAY's paid webhook, the
 *    order, the storefront's complete; 3PAY calls by endpoint.
 * 2. One wallet checkout (a logged-in customer whose balance covers the
 *    cart): 3PAY calls by endpoint.
 * 3. Returning customers whose balances cover many carts check out one after
 *    the other from a fresh budget until the plugin refuses or CAP checkouts
 *    are done, all within minutes of real time (one 15-minute window).
 * The customers' wallets and deposits are made before the window and not
 * counted. It measures; it asserts nothing about time.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { CLIENT_KEY_HEADER, signClientIp } from "medusa-payment-3pay-client"
import { THREEPAY_WALLET_PROVIDER_ID } from "medusa-payment-3pay-client/store-api"
import type { SqlClient } from "../../src/lib/budget-store"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { expectOk, orderForCart, Shopper, waitFor } from "../helpers/checkout"
import { loginCustomer } from "../helpers/customer"
import { seedStore, THREEPAY_PROVIDER_ID } from "../helpers/seed-store"
import { BENCH_STOREFRONT_SECRET, freshBudgetWindow, useRealLimitsEmulator } from "./real-limits"
import { writeSections } from "./report"
import { toMarkdown } from "./wallets-report"

/** Returning customers, and the most checkouts tried in the window. */
const CUSTOMERS = Number(process.env.BENCH_WALLET_CUSTOMERS ?? 10)
const CAP = Number(process.env.BENCH_WALLET_CAP ?? 150)

const bench = useRealLimitsEmulator({ seed: "bench-wallets", webhooks: true })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("measures checkouts from customers' balances", async () => {
      const threepay = getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
      const db = getContainer().resolve<SqlClient>("__pg_connection__")
      const store = await seedStore(getContainer(), { providers: [THREEPAY_PROVIDER_ID, THREEPAY_WALLET_PROVIDER_ID] })
      const control = bench.emulator.control
      const freshWindow = () => freshBudgetWindow(db, bench.emulator)
      const total = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0)

      // 1. One invoice checkout, as a guest.
      await freshWindow()
      const guest = new Shopper(api, store)
      const gCart = await guest.createCart({ quantity: 1 })
      const session = await guest.session(await guest.paymentCollection(gCart.id), { network: "TRC20" })
      await control.pay(session.data.transaction_id, { mode: "full" })
      await waitFor(() => orderForCart(getContainer(), gCart.id), { timeoutMs: 60_000, what: "the invoice order" })
      await guest.complete(gCart.id)
      await new Promise((r) => setTimeout(r, 1000))
      const invoiceCalls = control.calls()

      // Returning customers: a wallet each and a balance for many carts, before the window.
      const customers: Array<{ id: string; headers: Record<string, string>; shopper: Shopper }> = []
      for (let i = 0; i < CUSTOMERS; i++) {
        const c = await loginCustomer(api, store.publishableKey, `returning${i + 1}@example.com`)
        // Each from their own address (as an SSR storefront vouches for it): wallets count against the per-client quota.
        const from = { [CLIENT_KEY_HEADER]: signClientIp(`198.51.100.${i + 1}`, BENCH_STOREFRONT_SECRET) }
        expectOk(await api.post("/store/3pay/wallet", {}, { headers: { ...c.headers, ...from }, validateStatus: () => true }))
        const shopper = new Shopper(api, store)
        Object.assign(shopper.headers, c.headers)
        customers.push({ ...c, shopper })
      }
      for (const w of control.wallets()) await control.depositToWallet(w.userId, { amount: "10000", currencyType: "USDT-TRC20" })
      for (const c of customers) {
        await waitFor(
          async () => (await api.get("/store/3pay/wallet", { headers: c.headers })).data.wallet.balance.available === "10000",
          { timeoutMs: 60_000, what: "the deposit credited" }
        )
      }

      /** One checkout from the balance: the order, or the answer that refused it. */
      const walletCheckout = async (c: (typeof customers)[number]) => {
        const cart = await c.shopper.createCart({ quantity: 1 })
        const pc = await c.shopper.paymentCollection(cart.id)
        const res = await api.post(
          `/store/payment-collections/${pc}/payment-sessions`,
          { provider_id: THREEPAY_WALLET_PROVIDER_ID, data: { network: "TRC20" } },
          { headers: c.shopper.headers, validateStatus: () => true }
        )
        if (res.status !== 200) return { order: null, status: res.status, code: res.data?.code as string | undefined }
        const order = await orderForCart(getContainer(), cart.id)
        return { order, status: res.status, code: order ? undefined : "no order" }
      }

      // 2. One wallet checkout.
      await freshWindow()
      const one = await walletCheckout(customers[0])
      const walletCalls = control.calls()

      // 3. As many as fit in one window.
      await freshWindow()
      const t0 = Date.now()
      let done = 0
      let refused: { at: number; status: number; code?: string } | null = null
      for (let i = 0; i < CAP && !refused; i++) {
        const r = await walletCheckout(customers[i % customers.length])
        if (r.order) done++
        else refused = { at: i + 1, status: r.status, code: r.code }
      }
      const window = {
        checkouts: done,
        tried: done + (refused ? 1 : 0),
        refused,
        real_seconds: Math.round((Date.now() - t0) / 1000),
        threepay_calls: control.calls(),
        budget: (await threepay.getClient().rateBudgetSnapshot()).tiers,
      }

      const data = {
        customers: CUSTOMERS,
        cap: CAP,
        invoice_checkout: { calls: invoiceCalls, total: total(invoiceCalls) },
        wallet_checkout: { ordered: Boolean(one.order), calls: walletCalls, total: total(walletCalls) },
        window,
      }
      console.log(writeSections({ wallets: { title: "Returning customers paying from their balance", data, markdown: toMarkdown(data) } }))
    })
  },
})
