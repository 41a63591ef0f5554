/**
 * Customer wallets (issue #15) on a real Medusa and PostgreSQL, with the
 * emulator's per-user wallets over HTTP: the first wallet, deposits
 * completing waiting carts on each network, a checkout paid from the
 * balance alone, partial deposits, two carts and one deposit, duplicate and
 * forged webhooks, reconciliation, the 3PAY-balance comparison, admin
 * adjustments, and each of the emulator's answers to 3PAY's open questions.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resetSharedRateBudgets, signWebhookBody } from "medusa-payment-3pay-client"
import { THREEPAY_WALLET_PROVIDER_ID } from "medusa-payment-3pay-client/store-api"
import { reconcileWallets } from "../../src/lib/reconcile-wallets"
import { walletUserIdFor } from "../../src/lib/wallet-user-id"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { createSecretKey } from "../helpers/admin-key"
import { expectOk, orderForCart, orderSummary, Shopper, waitFor } from "../helpers/checkout"
import { loginCustomer } from "../helpers/customer"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, THREEPAY_PROVIDER_ID, type SeededStore } from "../helpers/seed-store"

const any = { validateStatus: () => true }
/** 2 × 10.55 + 5 shipping, in USD = USDT. */
const CART_TOTAL = "26.1"

export function walletsCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let admin: { headers: Record<string, string> }
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const emu = () => spec.emulator.control

  beforeEach(async () => {
    emu().reset()
    resetSharedRateBudgets()
    store = await seedStore(getContainer(), { providers: [THREEPAY_PROVIDER_ID, THREEPAY_WALLET_PROVIDER_ID] })
    admin = await createSecretKey(getContainer(), "wallet-admin")
  })

  let n = 0
  async function customer() {
    const c = await loginCustomer(api, store.publishableKey, `buyer${++n}@example.com`)
    const shopper = new Shopper(api, store)
    Object.assign(shopper.headers, c.headers)
    const get = (path: string) => api.get(path, { headers: c.headers, ...any })
    const post = (path: string, body: unknown = {}) => api.post(path, body, { headers: c.headers, ...any })
    return { ...c, shopper, get, post, userId: walletUserIdFor(c.id) }
  }
  type Customer = Awaited<ReturnType<typeof customer>>

  /** A cart of the customer at the payment step, paying from the balance on `network`. */
  async function walletCart(c: Customer, network = "TRC20") {
    const cart = await c.shopper.createCart()
    const pc = await c.shopper.paymentCollection(cart.id)
    const res = await c.post(`/store/payment-collections/${pc}/payment-sessions`, { provider_id: THREEPAY_WALLET_PROVIDER_ID, data: { network } })
    return { cart, pc, res }
  }
  const checkout = async (c: Customer, cartId: string) => {
    const r = await c.get(`/store/3pay/wallet/checkout?cart_id=${cartId}`)
    expectOk(r)
    return r.data.checkout
  }
  const wallet = async (c: Customer) => (await c.get("/store/3pay/wallet")).data.wallet
  const deposit = (c: Customer, amount: string, currencyType = "USDT-TRC20") => emu().depositToWallet(c.userId, { amount, currencyType })
  /** The cart's order, once the balance paid it (the ledger's debit is written just after Medusa's order). */
  const settled = async (cartId: string) => {
    const orderId = await waitFor(() => orderForCart(getContainer(), cartId), { what: `the order of ${cartId}` })
    await waitFor(async () => (await threepay().listThreePayWalletCheckouts({ cart_id: cartId, status: "paid" })).length > 0, { what: "the debit" })
    return orderId
  }
  const adminWallet = async (customerId: string) => (await api.get(`/admin/3pay/customers/${customerId}/wallet`, admin)).data.wallet

  it("makes a customer's wallet once, both addresses, linked to the customer; guests are refused", async () => {
    const c = await customer()
    expect((await api.get("/store/3pay/wallet", { headers: { "x-publishable-api-key": store.publishableKey }, ...any })).status).toBe(401)
    const before = await wallet(c)
    expect(before).toMatchObject({ created: false, addresses: [], balance: { available: "0", held: "0", total: "0" } })

    const first = await c.post("/store/3pay/wallet")
    expect(first.status).toBe(201)
    const again = await c.post("/store/3pay/wallet")
    expect(again.status).toBe(200)
    expect(again.data.wallet.addresses).toEqual(first.data.wallet.addresses)
    const byNetwork = Object.fromEntries(first.data.wallet.addresses.map((a: any) => [a.network, a.address]))
    const remote = emu().wallets().find((w) => w.userId === c.userId)!
    expect(byNetwork).toEqual({ TRC20: remote.wallets.TRC20.walletAddress, ERC20: remote.wallets.ERC20.walletAddress })
    expect(first.data.wallet.addresses[0].address_explorer_url).toContain(first.data.wallet.addresses[0].address)
    expect(emu().calls()["wallet.generate"]).toBe(1)
    // 3PAY sees an opaque user id, never the customer's.
    expect(c.userId).not.toContain(c.id)

    const { data } = await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "customer",
      fields: ["id", "three_pay_wallet_user.user_id", "three_pay_wallet_user.addresses"],
      filters: { id: c.id },
    })
    expect((data[0] as any).three_pay_wallet_user).toMatchObject({ user_id: c.userId, addresses: byNetwork })
  })

  it.each([
    ["TRC20", "USDT-TRC20"],
    ["ERC20", "USDT-ERC20"],
  ])("a deposit on %s completes the cart waiting on it", async (network, currencyType) => {
    const c = await customer()
    const { cart, res } = await walletCart(c, network)
    expectOk(res)
    expect(res.data.payment_collection.payment_sessions[0]).toMatchObject({ provider_id: THREEPAY_WALLET_PROVIDER_ID, status: "pending" })
    const waiting = await checkout(c, cart.id)
    const address = emu().wallets().find((w) => w.userId === c.userId)!.wallets[network as "TRC20" | "ERC20"].walletAddress
    expect(waiting).toMatchObject({ status: "waiting", network, address, amount_due: CART_TOTAL, balance_available: "0", amount_missing: CART_TOTAL, amount_to_send: CART_TOTAL, order_id: null })
    expect(waiting.qr.data_url).toMatch(/^data:image\/png;base64,/)
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()

    await deposit(c, CART_TOTAL, currencyType)
    const orderId = await settled(cart.id)
    const paid = await checkout(c, cart.id)
    expect(paid).toMatchObject({ status: "paid", order_id: orderId, amount_missing: "0", qr: null })
    expect(paid.entries.map((e: any) => [e.kind, e.amount])).toEqual([
      ["hold", CART_TOTAL],
      ["debit", CART_TOTAL],
    ])
    const { payments, captures } = await orderSummary(getContainer(), orderId)
    expect(payments).toHaveLength(1)
    expect(captures).toHaveLength(1)
    const w = await wallet(c)
    expect(w.balance).toEqual({ available: "0", held: "0", total: "0" })
    expect(w.entries.map((e: any) => e.kind)).toEqual(["debit", "hold", "deposit"])
    expect(w.entries[2]).toMatchObject({ network, amount: CART_TOTAL, change: `+${CART_TOTAL}` })
  })

  it("pays a cart from the existing balance with no deposit, and no 3PAY call but one re-read", async () => {
    const c = await customer()
    expectOk(await c.post("/store/3pay/wallet"))
    await deposit(c, "50")
    await waitFor(async () => (await wallet(c)).balance.available === "50", { what: "the deposit credited" })

    emu().resetCalls()
    const { cart, res } = await walletCart(c)
    expectOk(res)
    const orderId = await orderForCart(getContainer(), cart.id)
    expect(orderId).toBeTruthy()
    // The money path: Medusa's session, hold, order and capture; of 3PAY only the balance re-read.
    expect(emu().calls()).toEqual({ "wallet.balance": 1 })
    expect((await wallet(c)).balance).toEqual({ available: "23.9", held: "0", total: "23.9" })
    const order = await api.get(`/admin/3pay/orders/${orderId}/wallet`, admin)
    expect(order.data).toMatchObject({ paid_from_balance: true, customer_id: c.id })
    expect(order.data.entries.map((e: any) => e.kind)).toEqual(["hold", "debit"])
    // Completing the cart again answers with the same order.
    const again = await c.shopper.complete(cart.id)
    expect(again.data.order?.id ?? again.data.type).toBe(orderId)
  })

  it("a partial deposit waits for the rest; overpayment stays as credit", async () => {
    const c = await customer()
    const { cart } = await walletCart(c)
    await deposit(c, "10")
    await waitFor(async () => (await checkout(c, cart.id)).balance_available === "10", { what: "the first deposit" })
    expect(await checkout(c, cart.id)).toMatchObject({ status: "waiting", amount_missing: "16.1", amount_to_send: "16.1" })
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()
    await deposit(c, "20")
    await settled(cart.id)
    expect((await wallet(c)).balance.available).toBe("3.9")
  })

  it("two carts waiting, one deposit: the oldest is paid, the other waits for its own deposit", async () => {
    const c = await customer()
    const a = await walletCart(c)
    const b = await walletCart(c)
    await deposit(c, "60")
    await settled(a.cart.id)
    // One deposit completes one cart, even when it would cover both.
    await new Promise((r) => setTimeout(r, 1000))
    expect(await orderForCart(getContainer(), b.cart.id)).toBeNull()
    expect(await checkout(c, b.cart.id)).toMatchObject({ status: "waiting", balance_available: "33.9", amount_missing: "0" })
    await deposit(c, "1")
    await settled(b.cart.id)
    expect((await wallet(c)).balance.available).toBe("8.8")
  })

  it("a duplicated webhook credits once; a forged or lying one credits nothing", async () => {
    const c = await customer()
    expectOk(await c.post("/store/3pay/wallet"))
    emu().setFaults({ webhookDuplicates: 5 })
    await deposit(c, "12")
    await emu().idle()
    await waitFor(async () => {
      const events = await threepay().listThreePayWebhookEvents({})
      return events.length === 1 && events[0].delivery_count === 5 && ["applied", "ignored"].includes(events[0].processing_status)
    }, { what: "five deliveries, one event" })
    expect((await wallet(c)).balance.available).toBe("12")
    expect((await wallet(c)).entries).toHaveLength(1)

    const address = (await wallet(c)).addresses[0].address
    const lie = JSON.stringify({
      success: true,
      message: "Transaction status update",
      data: { type: "deposit", transactionId: "forged-1", id: "forged-1", userId: c.userId, amount: 1000, actualBalance: 1000, netAmount: 1000, currencyType: "USDT-TRC20", network: "USDT-TRC20", status: "confirmed", walletAddress: address, blockchainTxHash: "f".repeat(64) },
    })
    const post = (headers: Record<string, string>) =>
      api.post("/hooks/3pay", lie, { headers: { "content-type": "application/json", ...headers }, transformRequest: [(d: unknown) => d], ...any })
    expect((await post({ "x-webhook-signature": signWebhookBody(lie, "not-the-secret") })).status).toBe(401)
    // Signed, but 3PAY's list does not have it: re-read, nothing credited.
    const signed = await post({ "x-webhook-signature": signWebhookBody(lie, emu().webhookSecret()) })
    expect(signed.status).toBe(200)
    await waitFor(async () => {
      const [e] = await threepay().listThreePayWebhookEvents({ id: signed.data.event_id })
      return e && ["applied", "ignored"].includes(e.processing_status)
    })
    expect((await wallet(c)).balance.available).toBe("12")
    expect(emu().calls()["user.transaction.list"]).toBeGreaterThanOrEqual(2)
  })

  it("finds a deposit no webhook reported by reconciliation, and completes the cart", async () => {
    const c = await customer()
    const { cart } = await walletCart(c)
    emu().setFaults({ webhookDrop: { mode: "skip", count: null } })
    await deposit(c, CART_TOTAL)
    await new Promise((r) => setTimeout(r, 500))
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()
    const report = await reconcileWallets(getContainer())
    expect(report.credited).toHaveLength(1)
    expect(report.orders).toHaveLength(1)
    expect(await orderForCart(getContainer(), cart.id)).toBe(report.orders[0])
    // Nothing waits any more: the address shown today is looked at on a decaying schedule, balance first.
    const next = await reconcileWallets(getContainer())
    expect(next).toMatchObject({ looked: 1, calls: 1, credited: [] })
    expect((await reconcileWallets(getContainer())).looked).toBe(0)
  })

  it("flags a difference between 3PAY's balance and the ledger, and trusts neither", async () => {
    const c = await customer()
    expectOk(await c.post("/store/3pay/wallet"))
    await deposit(c, "40")
    await waitFor(async () => (await wallet(c)).balance.available === "40")
    let w = await adminWallet(c.id)
    // The user paid 3PAY's 1 USDT fee: 39 reached 3PAY's balance, and that is what the ledger expects.
    expect(w.threepay).toMatchObject({ balance_model: "running", reported: "39", expected: "39", difference: null })
    expect(w.attention).toEqual([])

    emu().setWalletBalance(c.userId, { amount: "100", currencyType: "USDT-TRC20" })
    const recheck = await api.post(`/admin/3pay/customers/${c.id}/wallet/recheck`, {}, admin)
    expectOk(recheck)
    w = recheck.data.wallet
    expect(recheck.data.result).toMatchObject({ credited: 0, difference: "61" })
    expect(w.threepay).toMatchObject({ reported: "100", expected: "39", difference: "61" })
    expect(w.attention.map((a: any) => a.code)).toEqual(["balance_mismatch"])
    expect(w.balance.available).toBe("40")
    expect((await wallet(c)).balance.available).toBe("40")
  })

  it("admin adjustments need a reason, never take more than is available, and appear in the ledger", async () => {
    const c = await customer()
    expectOk(await c.post("/store/3pay/wallet"))
    const url = `/admin/3pay/customers/${c.id}/wallet/adjustments`
    expect((await api.post(url, { amount: "5" }, { ...admin, ...any })).status).toBe(400)
    expect((await api.post(url, { amount: "5.1234567", reason: "goodwill" }, { ...admin, ...any })).status).toBe(400)
    const short = await api.post(url, { amount: "-1", reason: "correction" }, { ...admin, ...any })
    expect(short.status).toBe(409)
    expect(short.data.code).toBe("threepay_balance_short")
    const ok = await api.post(url, { amount: "7.5", reason: "refund of order 42 to the balance" }, { ...admin, ...any })
    expect(ok.status).toBe(201)
    expect(ok.data.entry).toMatchObject({ kind: "adjustment", amount: "7.5", reason: "refund of order 42 to the balance", actor: expect.stringMatching(/^api-key:/) })
    expect(ok.data.wallet.balance.available).toBe("7.5")
    expect((await wallet(c)).entries[0]).toMatchObject({ kind: "adjustment", change: "+7.5" })
    expect((await api.get(`/admin/3pay/customers/cus_nobody/wallet`, admin)).data).toEqual({ customer_id: "cus_nobody", wallets_enabled: true, wallet: null })
  })

  it("refuses another customer's cart, and a guest", async () => {
    const owner = await customer()
    const other = await customer()
    const cart = await owner.shopper.createCart()
    const pc = await owner.shopper.paymentCollection(cart.id)
    const stolen = await other.post(`/store/payment-collections/${pc}/payment-sessions`, { provider_id: THREEPAY_WALLET_PROVIDER_ID })
    expect(stolen.status).toBe(404)
    expect(stolen.data.code).toBe("threepay_cart_not_found")
    const guest = new Shopper(api, store)
    const gcart = await guest.createCart()
    const gpc = await guest.paymentCollection(gcart.id)
    const r = await api.post(`/store/payment-collections/${gpc}/payment-sessions`, { provider_id: THREEPAY_WALLET_PROVIDER_ID }, { headers: guest.headers, ...any })
    expect(r.status).toBe(401)
    expect(r.data.code).toBe("threepay_login_required")
  })

  describe("3PAY's open questions, each as the emulator can answer them", () => {
    async function creditOf(setup: () => void, amount: string, opts: { model?: "running" | "swept" } = {}) {
      const c = await customer()
      expectOk(await c.post("/store/3pay/wallet"))
      setup()
      const options = threepay().getOptions().wallets
      const model = options.balanceModel
      options.balanceModel = opts.model ?? model
      try {
        await deposit(c, amount)
        await emu().idle()
        await waitFor(async () => {
          const events = await threepay().listThreePayWebhookEvents({})
          return events.length > 0 && events.every((e) => ["applied", "ignored"].includes(e.processing_status))
        }, { what: "the deposit webhook applied" })
        return { c, w: await adminWallet(c.id) }
      } finally {
        options.balanceModel = model
      }
    }

    it("swept balances: credited what arrived; with the swept model configured, 3PAY's 0 is no difference", async () => {
      const { w } = await creditOf(() => emu().updateSettings({ walletBalanceModel: "swept" }), "30", { model: "swept" })
      expect(w.balance.available).toBe("30")
      expect(w.threepay).toMatchObject({ balance_model: "swept", reported: "0", difference: null })
      expect(w.attention).toEqual([])
    })

    it("swept balances under the running model: credited the same, the difference flagged for the admin", async () => {
      const { w } = await creditOf(() => emu().updateSettings({ walletBalanceModel: "swept" }), "30")
      expect(w.balance.available).toBe("30")
      expect(w.threepay).toMatchObject({ reported: "0", expected: "29", difference: "-29" })
      expect(w.attention.map((a: any) => a.code)).toEqual(["balance_mismatch"])
    })

    it("the merchant pays the fee: the customer is credited the same, 3PAY's balance agrees", async () => {
      const { w } = await creditOf(() => emu().updateSettings({ walletFeePayer: "merchant" }), "30")
      expect(w.balance.available).toBe("30")
      expect(w.threepay).toMatchObject({ reported: "30", expected: "30", difference: null })
    })

    it("a deposit below 3PAY's minimum is not credited", async () => {
      const { w } = await creditOf(() => emu().updateSettings({ walletMinDeposit: "5" }), "4")
      expect(w.balance.available).toBe("0")
      expect(w.entries).toEqual([])
      expect(w.threepay.difference).toBeNull()
    })

    it("a webhook without userId is matched by its address; amounts as strings read the same", async () => {
      const { w } = await creditOf(() => emu().setFaults({ variants: { walletWebhookWithoutUserId: true, amountsAsStrings: true } }), "17.25")
      expect(w.balance.available).toBe("17.25")
      expect(w.entries[0]).toMatchObject({ kind: "deposit", amount: "17.25", actor: "webhook" })
    })
  })
}
