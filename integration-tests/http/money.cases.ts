/**
 * One path per job, and every micro-USDT accounted for, on a real Medusa with
 * the emulator over HTTP: the hand-over that opens a session (only the
 * plugin's workflow, bound to its cart), partial payments kept and paid to
 * the end with a top-up invoice, amounts 3PAY does not report, the tolerance,
 * overpayment against what was captured, and the webhook test marker.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import { resetSharedRateBudgets, signWebhookBody, ThreePayClient } from "medusa-payment-3pay-client"
import { HANDOFF_FIELD, issueHandoff } from "../../src/lib/handoff"
import { reconcileOpenInvoices } from "../../src/lib/reconcile"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import { activeCodes, flagsOf } from "../../src/modules/threepay/attention"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { countOrdersForCart, orderForCart, orderSummary, Shopper, waitFor } from "../helpers/checkout"
import { createSecretKey } from "../helpers/admin-key"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

const any = { validateStatus: () => true }

export function moneyCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let shopper: Shopper
  let adminAuth: Record<string, string>
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const storeHeaders = () => ({ headers: shopper.headers, ...any })
  const status = async (cartId: string) => (await api.get(`/store/3pay/payment-status?cart_id=${cartId}`, storeHeaders())).data
  const renew = (body: Record<string, unknown>) => api.post("/store/3pay/renew", body, storeHeaders())

  async function openInvoice(network = "TRC20", quantity = 1) {
    const cart = await shopper.createCart({ quantity })
    const pc = await shopper.paymentCollection(cart.id)
    const session = await shopper.session(pc, { network })
    return { cart, pc, session, tx: session.data.transaction_id as string }
  }

  async function ledgerState(tx: string, state: string) {
    return waitFor(async () => {
      const row = await threepay().retrieveInvoiceByTransaction(tx)
      return row?.state === state ? row : null
    }, { what: `invoice ${tx} ${state}` })
  }

  /** The ledger records the order once Medusa made it (the last step of the settlement). */
  const ledgerApplied = (tx: string) =>
    waitFor(async () => (await threepay().retrieveInvoiceByTransaction(tx))?.applied_at, { what: `invoice ${tx} applied` })

  // Before each test, not once: the database is restored from the runner's
  // template (taken before the first case of the file) before every test.
  beforeEach(async () => {
    adminAuth = (await createSecretKey(getContainer(), "money spec")).headers
  })

  beforeEach(async () => {
    spec.emulator.control.reset()
    resetSharedRateBudgets()
    store = await seedStore(getContainer(), { stock: 10 })
    shopper = new Shopper(api, store)
  })

  describe("one path: only the plugin's checkout workflow opens a 3PAY session", () => {
    it("the provider refuses a session without the plugin's hand-over, and no invoice is created", async () => {
      const cart = await shopper.createCart()
      const pc = await shopper.paymentCollection(cart.id)
      const e = await createPaymentSessionsWorkflow(getContainer())
        .run({ input: { payment_collection_id: pc, provider_id: "pp_3pay_3pay", data: { network: "TRC20" } } })
        .then(() => null, (err) => err)
      expect(e).toMatchObject({ code: "threepay_handoff_required" })
      expect(spec.emulator.control.invoices()).toHaveLength(0)
    })

    it("a hand-over for cart A is refused for cart B, through the admin and store routes and through Medusa's workflow", async () => {
      const a = await shopper.paymentCollection((await shopper.createCart()).id)
      const b = await shopper.paymentCollection((await shopper.createCart()).id)
      const client = new ThreePayClient({ apiKey: spec.emulator.apiKey, apiSecret: spec.emulator.apiSecret, baseUrl: spec.emulator.apiBase })
      const invoice = await client.createInvoice({ network: "TRC20", amount: "26.1", timerMinutes: 30 })
      const handoffForA = () =>
        issueHandoff({
          kind: "checkout",
          payment_collection_id: a,
          cart_id: null,
          network: "TRC20",
          amount_due_usdt: "26.1",
          amount: "26.1",
          currency_code: "usd",
          exchange_rate: "1",
          flow: "pay_first",
          tolerance: "0",
          invoice: {
            transaction_id: invoice.transactionId,
            invoice_no: invoice.invoiceNo,
            payment_url: invoice.paymentUrl,
            wallet_address: invoice.walletAddress,
            expires_at: invoice.expiresAt,
          },
        })

      // A client never sends the hand-over: both of Medusa's routes refuse it.
      for (const [url, headers] of [
        [`/admin/payment-collections/${b}/payment-sessions`, { headers: adminAuth, ...any }],
        [`/store/payment-collections/${b}/payment-sessions`, storeHeaders()],
      ] as const) {
        const res = await api.post(url, { provider_id: "pp_3pay_3pay", data: { [HANDOFF_FIELD]: handoffForA() } }, headers)
        expect([url, res.status, res.data.code]).toEqual([url, 400, "threepay_handoff_invalid"])
      }
      // Another code path that reaches Medusa's workflow with A's hand-over for B: the provider refuses it.
      const e = await createPaymentSessionsWorkflow(getContainer())
        .run({ input: { payment_collection_id: b, provider_id: "pp_3pay_3pay", data: { [HANDOFF_FIELD]: handoffForA() } } })
        .then(() => null, (err) => err)
      expect(e).toMatchObject({ code: "threepay_handoff_invalid" })
      // The same hand-over for A's own collection opens A's session on A's invoice, once.
      const ref = handoffForA()
      const { result } = await createPaymentSessionsWorkflow(getContainer()).run({
        input: { payment_collection_id: a, provider_id: "pp_3pay_3pay", data: { [HANDOFF_FIELD]: ref } },
      })
      expect(result.data).toMatchObject({ transaction_id: invoice.transactionId })
      const again = await createPaymentSessionsWorkflow(getContainer())
        .run({ input: { payment_collection_id: a, provider_id: "pp_3pay_3pay", data: { [HANDOFF_FIELD]: ref } } })
        .then(() => null, (err) => err)
      expect(again).toMatchObject({ code: "threepay_handoff_invalid" })
    })

    it("the admin's payment-session route opens a 3PAY session through the same workflow, with a ledger row", async () => {
      const cart = await shopper.createCart()
      const pc = await shopper.paymentCollection(cart.id)
      const res = await api.post(`/admin/payment-collections/${pc}/payment-sessions`, { provider_id: "pp_3pay_3pay", data: { network: "ERC20" } }, {
        headers: adminAuth,
        ...any,
      })
      expect(res.status).toBe(200)
      const session = res.data.payment_collection.payment_sessions[0]
      expect(session.data).toMatchObject({ network: "ERC20", amount_usdt: "26.1" })
      expect(await threepay().retrieveInvoiceByTransaction(session.data.transaction_id)).toMatchObject({ cart_id: cart.id, network: "ERC20" })
    })

    it("sends 3PAY an opaque reference, never the cart id, and maps it back in the ledger", async () => {
      const { cart, tx } = await openInvoice()
      const remote = spec.emulator.control.invoice(tx)
      const row = (await threepay().retrieveInvoiceByTransaction(tx))!
      expect(remote.referenceId).toBe(row.reference)
      expect(row.reference).toMatch(/^tpref_/)
      expect(JSON.stringify(remote)).not.toContain(cart.id)
    })
  })

  describe("partial payments are kept and can be paid to the end", () => {
    it.each(["TRC20", "ERC20"] as const)(
      "pay_first on %s: part arrives, the invoice expires, the shopper pays exactly the rest, the order is made",
      async (network) => {
        spec.emulator.control.updateSettings({ underpaymentStatus: "amount confirmed" })
        const { cart, tx } = await openInvoice(network)
        await spec.emulator.control.pay(tx, { mode: "under", amount: "10" })
        // The ledger sees the payment detected (10 of 15.55)...
        expect(await ledgerState(tx, "confirming")).toMatchObject({ amount_received: "10" })
        // ...then the timer runs out: 3PAY's expiry reports a balance of 0.
        await spec.emulator.control.expire(tx)
        const row = await ledgerState(tx, "expired_partial")
        // 3PAY's expiry said 0; the ledger keeps the 10 it saw, and flags it.
        expect(row).toMatchObject({ status: "expired", amount_received: "10", amount_missing: "5.55" })
        expect(activeCodes(row.attention)).toContain("expired_partial")
        expect(await orderForCart(getContainer(), cart.id)).toBeNull()

        const before = (await status(cart.id)).payment
        expect(before).toMatchObject({ status: "expired_partial", amount_received: "10", amount_missing: "5.55", can_top_up: true, can_renew: false, qr: null })
        expect(before.payments).toEqual([expect.objectContaining({ transaction_id: tx, amount_received: "10" })])

        // The rest is asked on the same network only; a refusal costs no renewal.
        const other = await renew({ cart_id: cart.id, network: network === "TRC20" ? "ERC20" : "TRC20" })
        expect([other.status, other.data.code]).toEqual([400, "threepay_network_invalid"])
        const topUp = await renew({ cart_id: cart.id })
        expect(topUp.status).toBe(200)
        const p = topUp.data.payment
        expect(p).toMatchObject({ kind: "top_up", network, amount_usdt: "5.55", amount_due: "15.55", amount_received: "10", status: "awaiting_payment" })
        expect(p.transaction_id).not.toBe(tx)
        expect(spec.emulator.control.invoice(p.transaction_id).amount).toBe("5.55")

        await spec.emulator.control.pay(p.transaction_id, { mode: "full" })
        const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
        await ledgerApplied(p.transaction_id)
        const { captures, order } = await orderSummary(getContainer(), orderId)
        expect(captures).toHaveLength(1)
        expect(Number(order.total)).toBeCloseTo(15.55)
        const first = (await threepay().retrieveInvoiceByTransaction(tx))!
        expect(first).toMatchObject({ order_id: orderId, amount_received: "10" })
        expect(activeCodes(first.attention)).toEqual([])
        expect(flagsOf(first.attention).expired_partial?.cleared_at).toBeTruthy()
        expect(await threepay().retrieveInvoiceByTransaction(p.transaction_id)).toMatchObject({ order_id: orderId, kind: "top_up" })
        expect((await status(cart.id)).payment).toMatchObject({ status: "paid", order_id: orderId, amount_received: "15.55", amount_missing: "0" })
      }
    )

    it("order_first: a partly paid order is held, not canceled, and the top-up captures it", async () => {
      await threepay().saveSettings({ flow: "order_first" })
      spec.emulator.control.updateSettings({ underpaymentStatus: "amount confirmed" })
      const { cart, tx } = await openInvoice("TRC20")
      const done = await shopper.complete(cart.id)
      expect(done.data.type).toBe("order")
      const orderId = done.data.order.id
      await spec.emulator.control.pay(tx, { mode: "under", amount: "10" })
      await ledgerState(tx, "confirming")
      await spec.emulator.control.expire(tx)
      await ledgerState(tx, "expired_partial")
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      const orderNow = async () => ((await query.graph({ entity: "order", fields: ["status", "payment_status"], filters: { id: orderId } })).data[0] as any)
      expect(await orderNow()).toMatchObject({ status: "pending" })

      const topUp = await renew({ cart_id: cart.id })
      expect(topUp.status).toBe(200)
      expect(topUp.data.payment).toMatchObject({ kind: "top_up", amount_usdt: "5.55" })
      await spec.emulator.control.pay(topUp.data.payment.transaction_id, { mode: "full" })
      const captured = await waitFor(async () => {
        const sum = await orderSummary(getContainer(), orderId)
        return sum.captures.length ? sum : null
      }, { what: "the capture" })
      expect(captured.captures).toHaveLength(1)
      expect(Number(captured.captures[0].amount)).toBeCloseTo(15.55)
      expect(await orderNow()).toMatchObject({ status: "pending" })
      expect(await countOrdersForCart(getContainer(), cart.id)).toBe(1)
    })

    it("order_first: an invoice that expires with nothing received cancels the waiting order", async () => {
      await threepay().saveSettings({ flow: "order_first" })
      const { cart, tx } = await openInvoice("TRC20")
      const orderId = (await shopper.complete(cart.id)).data.order.id
      await spec.emulator.control.expire(tx)
      const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
      await waitFor(async () => {
        const o = (await query.graph({ entity: "order", fields: ["status"], filters: { id: orderId } })).data[0] as any
        return o.status === "canceled" ? o : null
      }, { what: "the cancellation" })
    })
  })

  describe("fail closed, tolerance, overpayment", () => {
    it("'confirmed' without the amount received makes no order; it is flagged and completed once 3PAY reports the amount", async () => {
      const { cart, tx } = await openInvoice()
      spec.emulator.control.setFaults({ variants: { omitActualBalance: true } })
      await spec.emulator.control.pay(tx, { mode: "full" })
      const row = await waitFor(async () => {
        const r = await threepay().retrieveInvoiceByTransaction(tx)
        return r?.status === "confirmed" ? r : null
      }, { what: "the confirmed status" })
      expect(row).toMatchObject({ state: "confirming", received_known: false, paid_at: null })
      expect(activeCodes(row.attention)).toEqual(["amount_unreadable"])
      expect(await orderForCart(getContainer(), cart.id)).toBeNull()

      spec.emulator.control.resetFaults()
      const report = await reconcileOpenInvoices(getContainer())
      expect(report.changed).toContain(tx)
      expect(await orderForCart(getContainer(), cart.id)).toBeTruthy()
    })

    it("the tolerance is the smaller of its basis points and its cap, and the admin cannot raise it above the options", async () => {
      const raise = await api.post("/admin/3pay/settings", { underpayment_tolerance_bps: 200 }, { headers: adminAuth, ...any })
      expect([raise.status, raise.data.code]).toEqual([400, "threepay_settings_invalid"])
      expect(raise.data.message).toContain("at most 100")
      const cap = await api.post("/admin/3pay/settings", { underpayment_tolerance: "2.5" }, { headers: adminAuth, ...any })
      expect(cap.status).toBe(400)
      const ok = await api.post("/admin/3pay/settings", { underpayment_tolerance_bps: 50 }, { headers: adminAuth, ...any })
      expect(ok.status).toBe(200)

      // 15.55 USDT due: 50 bps is 0.07775 USDT, below the 2 USDT cap, so 0.07775 is forgiven.
      const within = await openInvoice()
      await spec.emulator.control.pay(within.tx, { mode: "under", amount: "15.47225" })
      await waitFor(() => orderForCart(getContainer(), within.cart.id), { what: "the order within the tolerance" })
      const beyond = await openInvoice()
      await spec.emulator.control.pay(beyond.tx, { mode: "under", amount: "15.472249" })
      await ledgerState(beyond.tx, "underpaid")
      expect(await orderForCart(getContainer(), beyond.cart.id)).toBeNull()
    })

    it("an invoice paid in full after the cart got cheaper captures the new total, and flags the excess against it", async () => {
      const { cart, tx, pc } = await openInvoice("TRC20", 2)
      expect(spec.emulator.control.invoice(tx).amount).toBe("26.1")
      // The shopper removes one item: Medusa refreshes the collection and deletes the session.
      const line = (await api.get(`/store/carts/${cart.id}`, storeHeaders())).data.cart.items[0]
      const cheaper = await api.post(`/store/carts/${cart.id}/line-items/${line.id}`, { quantity: 1 }, storeHeaders())
      expect(cheaper.status).toBe(200)
      void pc
      // ...then pays the invoice still on screen.
      await spec.emulator.control.pay(tx, { mode: "full" })
      const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
      await ledgerApplied(tx)
      const { order, captures } = await orderSummary(getContainer(), orderId)
      expect(Number(order.total)).toBeCloseTo(15.55)
      expect(captures).toHaveLength(1)
      const row = (await threepay().retrieveInvoiceByTransaction(tx))!
      expect(row).toMatchObject({ order_id: orderId, captured_usdt: "15.55", amount_excess: "10.55" })
      expect(activeCodes(row.attention)).toContain("overpaid")
      expect(flagsOf(row.attention).overpaid?.detail).toContain("10.55 USDT more than the 15.55 USDT captured")
      const view = await api.get(`/admin/3pay/orders/${orderId}`, { headers: adminAuth, ...any })
      expect(view.data.invoice).toMatchObject({ transaction_id: tx, amount_excess: "10.55", captured_usdt: "15.55" })
      expect(view.data.invoice.attention).toEqual(expect.arrayContaining([expect.objectContaining({ code: "overpaid" })]))
    })
  })

  describe("the webhook test marker", () => {
    it("a signed body replayed first with X-Webhook-Test does not stop the genuine delivery from completing the order", async () => {
      const { cart, tx } = await openInvoice()
      spec.emulator.control.setFaults({ webhookDrop: { mode: "skip", count: null } })
      await spec.emulator.control.pay(tx, { mode: "full" })
      const remote = spec.emulator.control.invoice(tx)
      const body = JSON.stringify({
        success: true,
        message: "Transaction status update",
        data: {
          type: "deposit",
          transactionId: tx,
          id: tx,
          amount: Number(remote.amount),
          actualBalance: Number(remote.actualBalance),
          currencyType: "USDT-TRC20",
          network: "USDT-TRC20",
          status: "confirmed",
          blockchainTxHash: remote.blockchainTxHash,
        },
      })
      const post = (headers: Record<string, string>) =>
        api.post("/hooks/3pay", body, {
          headers: { "content-type": "application/json", "x-webhook-signature": signWebhookBody(body, spec.emulator.webhookSecret), ...headers },
          transformRequest: [(d: unknown) => d],
          ...any,
        })
      const marked = await post({ "x-webhook-test": "true" })
      expect(marked.data).toMatchObject({ received: true, test: true })
      const [testEvent] = await threepay().listThreePayWebhookEvents({ id: marked.data.event_id })
      expect(testEvent).toMatchObject({ is_test: true, processing_status: "ignored" })
      expect(await orderForCart(getContainer(), cart.id)).toBeNull()

      const genuine = await post({})
      expect(genuine.data).toMatchObject({ received: true, test: false, duplicate: false })
      expect(genuine.data.event_id).not.toBe(marked.data.event_id)
      await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
    })
  })
}
