/**
 * The provider's checkout lifecycle on a real Medusa and PostgreSQL, with
 * 3PAY played by the plugin's emulator over HTTP. Webhooks in this file go to
 * Medusa's core route (/hooks/payment/3pay_3pay), which waits a fixed 5 s.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { countOrdersForCart, orderForCart, orderSummary, Shopper, waitFor } from "../helpers/checkout"
import { useSpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

jest.setTimeout(180_000)

const SECRETS = ["emu_test_key", "emu_test_secret", "emu_webhook_secret"]

const spec = useSpecEmulator({ seed: "checkout-spec", webhookRoute: "/hooks/payment/3pay_3pay" })

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    let store: SeededStore
    let shopper: Shopper

    beforeEach(async () => {
      spec.emulator.control.reset()
      resetSharedRateBudgets()
      store = await seedStore(getContainer())
      shopper = new Shopper(api, store)
    })

    const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)

    it("registers the provider as pp_3pay_3pay", async () => {
      const providers = await getContainer().resolve(Modules.PAYMENT).listPaymentProviders()
      expect(providers.map((p) => p.id)).toEqual(expect.arrayContaining(["pp_3pay_3pay"]))
    })

    it("completes a USD checkout on TRC20 from a paid webhook, and the storefront's complete returns the same order", async () => {
      const cart = await shopper.createCart({ quantity: 2 })
      expect(cart.total).toBe(26.1) // 2 x 10.55 + 5 shipping
      const pc = await shopper.paymentCollection(cart.id)
      const session = await shopper.session(pc, { network: "TRC20", injected: "ignored", amount_usdt: "0.01" })

      expect(session.status).toBe(PaymentSessionStatus.PENDING)
      expect(session.data).toMatchObject({
        network: "TRC20",
        currency_type: "USDT-TRC20",
        amount_usdt: "26.1",
        status: "awaiting_payment",
        amount_received: "0",
        amount_missing: "26.1",
        cart_id: cart.id,
      })
      expect(session.data.payment_url).toMatch(/\/s\/[A-Za-z0-9]+$/)
      expect(session.data.wallet_address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/)
      expect(session.data.transaction_id).toBeTruthy()
      expect(session.data.invoice_no).toMatch(/^INV-/)
      // Nothing the storefront sent survives, and no secret is exposed.
      expect(session.data.injected).toBeUndefined()
      expect(session.data.checkout).toBeUndefined()
      const json = JSON.stringify(session)
      for (const s of SECRETS) expect(json).not.toContain(s)

      const invoice = spec.emulator.control.invoice(session.data.transaction_id)
      expect(invoice).toMatchObject({ amount: "26.1", currencyType: "USDT-TRC20", status: "initiated" })

      const early = await shopper.complete(cart.id)
      expect(early.status).toBe(400)
      expect(early.data.type).toBe("not_allowed")
      expect(await orderForCart(getContainer(), cart.id)).toBeNull()

      await spec.emulator.control.pay(session.data.transaction_id, { mode: "full" })
      const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
      const { order, payments, captures } = await orderSummary(getContainer(), orderId)
      expect(payments).toHaveLength(1)
      expect(Number(payments[0].amount)).toBe(26.1)
      expect(payments[0].captured_at).toBeTruthy()
      expect(captures).toHaveLength(1)
      expect(Number(captures[0].amount)).toBe(Number(order.total))

      const late = await shopper.complete(cart.id)
      expect(late.status).toBe(200)
      expect(late.data.type).toBe("order")
      expect(late.data.order.id).toBe(orderId)
    })

    it("takes ERC20 in any spelling and bills the invoice on Ethereum", async () => {
      const cart = await shopper.createCart({ quantity: 1 })
      const pc = await shopper.paymentCollection(cart.id)
      const session = await shopper.session(pc, { network: "usdt-erc20" })
      expect(session.data).toMatchObject({ network: "ERC20", currency_type: "USDT-ERC20", amount_usdt: "15.55" })
      expect(session.data.wallet_address).toMatch(/^0x[0-9a-fA-F]{40}$/)
      expect(spec.emulator.control.invoice(session.data.transaction_id).currencyType).toBe("USDT-ERC20")

      await spec.emulator.control.pay(session.data.transaction_id, { mode: "full" })
      const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
      const { payments } = await orderSummary(getContainer(), orderId)
      expect(Number(payments[0].amount)).toBe(15.55)
    })

    it("uses the default network when none is sent, and refuses unknown or disabled ones without creating an invoice", async () => {
      const cart = await shopper.createCart()
      const pc = await shopper.paymentCollection(cart.id)

      const unknown = await shopper.createSession(pc, { network: "BEP20" })
      expect(unknown.status).toBe(400)
      expect(unknown.data.code).toBe("threepay_network_invalid")
      expect(unknown.data.message).toContain("TRC20, ERC20")

      await threepay().saveSettings({ networks: ["TRC20"] })
      const disabled = await shopper.createSession(pc, { network: "ERC20" })
      expect(disabled.status).toBe(400)
      expect(disabled.data.code).toBe("threepay_network_disabled")
      expect(disabled.data.message).toContain("TRC20")
      expect(spec.emulator.control.invoices()).toHaveLength(0)

      const session = await shopper.session(pc)
      expect(session.data.network).toBe("TRC20")
      expect(spec.emulator.control.invoices()).toHaveLength(1)
    })

    it("does not complete an underpaid invoice and says how much is missing", async () => {
      const cart = await shopper.createCart({ quantity: 1 })
      const pc = await shopper.paymentCollection(cart.id)
      const session = await shopper.session(pc, { network: "TRC20" })
      await spec.emulator.control.pay(session.data.transaction_id, { mode: "under", amount: "10" })

      const res = await shopper.complete(cart.id)
      expect(res.status).toBeGreaterThanOrEqual(400)
      expect(await orderForCart(getContainer(), cart.id)).toBeNull()
      const [stored] = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: session.id })
      expect(stored.status).toBe(PaymentSessionStatus.REQUIRES_MORE)
      expect(stored.data).toMatchObject({ status: "underpaid", amount_received: "10", amount_missing: "5.55" })
    })

    it("cancels the session of an expired invoice and creates nothing", async () => {
      const cart = await shopper.createCart({ quantity: 1 })
      const pc = await shopper.paymentCollection(cart.id)
      const session = await shopper.session(pc, { network: "TRC20" })
      await spec.emulator.control.expire(session.data.transaction_id)

      const res = await shopper.complete(cart.id)
      expect(res.status).toBe(400)
      const [stored] = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: session.id })
      expect(stored.status).toBe(PaymentSessionStatus.CANCELED)
      expect(stored.data.status).toBe("expired")
      expect(await orderForCart(getContainer(), cart.id)).toBeNull()
    })

    it("waits through 'amount confirmed' and completes on 'confirmed'; five copies of the webhook make one order and one capture", async () => {
      spec.emulator.control.setFaults({ webhookDuplicates: 5 })
      spec.emulator.control.updateSettings({ twoStepDelayMs: 1500 })
      const cart = await shopper.createCart({ quantity: 1 })
      const pc = await shopper.paymentCollection(cart.id)
      const session = await shopper.session(pc, { network: "TRC20" })

      await spec.emulator.control.pay(session.data.transaction_id, { mode: "two_step" })
      // First webhook: "amount confirmed" (x5). Medusa waits 5 s; nothing may complete.
      await new Promise((r) => setTimeout(r, 6500))
      const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
      await new Promise((r) => setTimeout(r, 6000)) // let every copy be processed
      expect(await countOrdersForCart(getContainer(), cart.id)).toBe(1)
      const { payments, captures } = await orderSummary(getContainer(), orderId)
      expect(payments).toHaveLength(1)
      expect(captures).toHaveLength(1)
      const deliveries = spec.emulator.control.deliveries({ transactionId: session.data.transaction_id })
      expect(deliveries.length).toBeGreaterThanOrEqual(10)
    })

    it("creates at most 2 invoices while a shopper switches network three times and reloads twice", async () => {
      const cart = await shopper.createCart()
      const pc = await shopper.paymentCollection(cart.id)
      const seen = new Set<string>()
      for (const network of ["TRC20", "ERC20", "TRC20", "ERC20"]) {
        const s = await shopper.session(pc, { network })
        seen.add(s.data.transaction_id)
      }
      for (let i = 0; i < 2; i++) {
        const s = await shopper.session(pc, { network: "ERC20" })
        seen.add(s.data.transaction_id)
      }
      expect(seen.size).toBe(2)
      expect(spec.emulator.control.calls()["transaction.create"]).toBe(2)
      expect(spec.emulator.control.invoices()).toHaveLength(2)
    })

    it("cancels the old invoice at 3PAY when the cart total changes, and bills the new total", async () => {
      const cart = await shopper.createCart({ quantity: 1 })
      const pc = await shopper.paymentCollection(cart.id)
      const first = await shopper.session(pc, { network: "TRC20" })
      await shopper.addItem(cart.id, 1)
      const second = await shopper.session(pc, { network: "TRC20" })
      expect(second.data.transaction_id).not.toBe(first.data.transaction_id)
      expect(second.data.amount_usdt).toBe("26.1")
      expect(spec.emulator.control.invoice(first.data.transaction_id).status).toBe("cancelled")
    })

    it("limits fresh invoices per cart, so one visitor cannot spend the store's whole 3PAY budget", async () => {
      const cart = await shopper.createCart({ quantity: 1 })
      const pc = await shopper.paymentCollection(cart.id)
      for (let i = 0; i < 5; i++) {
        await shopper.session(pc, { network: "TRC20" })
        await shopper.addItem(cart.id, 1) // a new total: the next session needs a new invoice
      }
      const res = await shopper.createSession(pc, { network: "TRC20" })
      expect(res.status).toBe(429)
      expect(res.data.code).toBe("threepay_too_many_invoices")
      expect(res.data.retry_after).toBeGreaterThan(800)
      expect(spec.emulator.control.calls()["transaction.create"]).toBe(5)
      const sessions = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ payment_collection_id: pc })
      expect(sessions).toHaveLength(0) // the cart changed; the refusal created nothing
    })

    it("quotes a EUR region in USDT with the configured rate, rounding up", async () => {
      const eur = await seedStore(getContainer(), { currency: "eur", country: "de", price: 9.99, shippingPrice: 4.99 })
      const s = new Shopper(api, eur)
      const cart = await s.createCart({ quantity: 1 })
      const pc = await s.paymentCollection(cart.id)
      const session = await s.session(pc, { network: "TRC20" })
      // 14.98 EUR x 1.08 = 16.1784 USDT
      expect(session.data).toMatchObject({ amount_usdt: "16.1784", currency_code: "eur", exchange_rate: "1.08" })
    })

    it("answers 'busy, retry in N s' when the invoice budget is spent, and leaves nothing half-made", async () => {
      spec.emulator.control.setFaults({ next: { endpoint: "transaction.create", kind: "rate_limit", retryAfterSeconds: 120 } })
      const cart = await shopper.createCart()
      const pc = await shopper.paymentCollection(cart.id)
      const res = await shopper.createSession(pc, { network: "TRC20" })
      expect(res.status).toBe(429)
      expect(res.data.code).toBe("threepay_busy")
      expect(res.data.retry_after).toBeGreaterThanOrEqual(100)
      expect(res.headers["retry-after"]).toBeDefined()
      const sessions = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ payment_collection_id: pc })
      expect(sessions).toHaveLength(0)
      expect(await threepay().listThreePayInvoices({ cart_id: cart.id })).toHaveLength(0)
    })

    it("answers 503 when 3PAY is down, and leaves no session", async () => {
      spec.emulator.control.setFaults({ next: [{ kind: "error", status: 500, count: 20 }] })
      const cart = await shopper.createCart()
      const pc = await shopper.paymentCollection(cart.id)
      const res = await shopper.createSession(pc, { network: "TRC20" })
      expect(res.status).toBe(503)
      expect(res.data.code).toBe("threepay_unavailable")
      const sessions = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ payment_collection_id: pc })
      expect(sessions).toHaveLength(0)
    })

    it("order_first: the order exists before payment and is captured when the invoice is paid", async () => {
      await threepay().saveSettings({ flow: "order_first" })
      const cart = await shopper.createCart({ quantity: 1 })
      const pc = await shopper.paymentCollection(cart.id)
      const session = await shopper.session(pc, { network: "TRC20" })
      expect(session.status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)

      const res = await shopper.complete(cart.id)
      expect(res.status).toBe(200)
      expect(res.data.type).toBe("order")
      const orderId = res.data.order.id
      const before = await orderSummary(getContainer(), orderId)
      expect(before.payments).toHaveLength(0) // awaiting payment

      await spec.emulator.control.pay(session.data.transaction_id, { mode: "full" })
      await waitFor(
        async () => {
          const { payments } = await orderSummary(getContainer(), orderId)
          return payments[0]?.captured_at ? payments : null
        },
        { what: "the capture" }
      )
      const { payments, captures } = await orderSummary(getContainer(), orderId)
      expect(payments).toHaveLength(1)
      expect(Number(payments[0].amount)).toBe(15.55)
      expect(captures).toHaveLength(1)
    })
  },
})
