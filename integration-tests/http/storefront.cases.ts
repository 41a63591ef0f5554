/**
 * The store API of the payment step (/store/3pay/...) on a real Medusa and
 * PostgreSQL, with the emulator as 3PAY delivering signed webhooks to the
 * plugin's own /hooks/3pay: configuration, the status a storefront polls
 * (ownership, every status, ETag/304, a QR code that decodes to the payment
 * page), "I have paid" re-checks, invoice renewal, and error codes.
 */
import Medusa from "@medusajs/js-sdk"
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import type { AxiosResponse } from "axios"
import jsQR from "jsqr"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { createApi } from "medusa-payment-3pay-storefront"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { orderForCart, Shopper, waitFor } from "../helpers/checkout"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

// pngjs ships no types; this is all the test needs of it.
const { PNG } = require("pngjs") as {
  PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } }
}

const SECRETS = ["emu_test_key", "emu_test_secret", "emu_webhook_secret"]


function decodeQr(dataUrl: string): string | null {
  const m = /^data:image\/png;base64,(.+)$/.exec(dataUrl)
  if (!m) return null
  const png = PNG.sync.read(Buffer.from(m[1], "base64"))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data ?? null
}

const randomHex = () => Array.from({ length: 64 }, () => "0123456789abcdef"[Math.floor(Math.random() * 16)]).join("")

export function storefrontCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let shopper: Shopper
  /** Every answer of the store routes, checked for secrets after each test. */
  let seen: AxiosResponse[]
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)

  const opts = (headers: Record<string, string> = {}) => ({
    headers: { "x-publishable-api-key": store.publishableKey, ...headers },
    validateStatus: () => true,
  })
  const keep = (r: AxiosResponse) => {
    seen.push(r)
    return r
  }
  const getConfig = async () => keep(await api.get("/store/3pay/config", opts()))
  const status = async (query: Record<string, string>, headers: Record<string, string> = {}) =>
    keep(await api.get(`/store/3pay/payment-status?${new URLSearchParams(query)}`, opts(headers)))
  const check = async (body: Record<string, unknown>) => keep(await api.post("/store/3pay/payment-status/check", body, opts()))
  const renew = async (body: Record<string, unknown>) => keep(await api.post("/store/3pay/renew", body, opts()))

  async function openInvoice(network = "TRC20", quantity = 1) {
    const cart = await shopper.createCart({ quantity })
    const pc = await shopper.paymentCollection(cart.id)
    const session = await shopper.session(pc, { network })
    return { cart, pc, session, tx: session.data.transaction_id as string }
  }

  async function statusUntil(cartId: string, pred: (p: any) => boolean, what: string) {
    return waitFor(
      async () => {
        const r = await status({ cart_id: cartId })
        return r.status === 200 && pred(r.data.payment) ? r.data.payment : null
      },
      { what }
    )
  }

  beforeEach(async () => {
    seen = []
    spec.emulator.control.reset()
    resetSharedRateBudgets()
    store = await seedStore(getContainer())
    shopper = new Shopper(api, store)
  })
  afterEach(() => {
    const json = JSON.stringify(seen.map((r) => ({ headers: r.headers, data: r.data })))
    for (const s of SECRETS) expect(json).not.toContain(s)
    expect(json).not.toContain("shopper@example.com")
  })

  describe("GET /store/3pay/config", () => {
    it("lists the enabled networks with chain, token, explorer and the wrong-network warning", async () => {
      const res = await getConfig()
      expect(res.status).toBe(200)
      expect(res.headers["cache-control"]).toContain("max-age")
      const c = res.data.config
      expect(c).toMatchObject({
        provider_id: "pp_3pay_3pay",
        environment: "sandbox",
        flow: "pay_first",
        default_network: "TRC20",
        invoice_timer_minutes: 30,
      })
      expect(c.wrong_network_warning).toMatch(/cannot be recovered/)
      expect(c.networks.map((n: any) => n.network)).toEqual(["TRC20", "ERC20"])
      expect(c.networks[0]).toMatchObject({
        currency_type: "USDT-TRC20",
        label: "USDT on TRON (TRC20)",
        chain: "TRON",
        token: "USDT",
        decimals: 6,
        contract_address: null,
        testnet: "Nile",
        explorer: { name: "Tronscan (Nile)", url: "https://nile.tronscan.org" },
      })
      expect(c.networks[1]).toMatchObject({ chain: "Ethereum", testnet: "Sepolia", address_hint: expect.stringContaining("0x") })
    })

    it("reflects the admin's settings at once", async () => {
      await threepay().saveSettings({ networks: ["ERC20"], defaultNetwork: "ERC20", invoiceTimerMinutes: 45 })
      const c = (await getConfig()).data.config
      expect(c.networks.map((n: any) => n.network)).toEqual(["ERC20"])
      expect(c.default_network).toBe("ERC20")
      expect(c.invoice_timer_minutes).toBe(45)
    })

    it("needs the publishable key like every store route", async () => {
      const res = await api.get("/store/3pay/config", { validateStatus: () => true })
      expect(res.status).toBe(400)
    })
  })

  describe("GET /store/3pay/payment-status", () => {
    it("shows an open invoice with amount, address, expiry and a QR code of the payment page; 304 when unchanged", async () => {
      const { cart, pc, session, tx } = await openInvoice("TRC20")
      const res = await status({ cart_id: cart.id })
      expect(res.status).toBe(200)
      const p = res.data.payment
      expect(p).toMatchObject({
        cart_id: cart.id,
        payment_collection_id: pc,
        session_id: session.id,
        transaction_id: tx,
        status: "awaiting_payment",
        status_label: "Awaiting payment",
        network: "TRC20",
        network_label: "USDT on TRON (TRC20)",
        chain: "TRON",
        currency_type: "USDT-TRC20",
        amount_usdt: "15.55",
        amount_received: "0",
        amount_missing: "15.55",
        order_id: null,
        can_renew: false,
        tx_hash: null,
        environment: "sandbox",
      })
      expect(p.payment_url).toBe(session.data.payment_url)
      expect(p.wallet_address).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/)
      expect(p.address_explorer_url).toBe(`https://nile.tronscan.org/#/address/${p.wallet_address}`)
      expect(new Date(p.expires_at).getTime()).toBeGreaterThan(Date.now() + 25 * 60_000)
      // A TRC20 code holds the deposit address (the component shows the amount beside it).
      expect(p.qr.kind).toBe("address")
      expect(decodeQr(p.qr.data_url)).toBe(p.wallet_address)

      expect(res.headers.etag).toBe(p.etag)
      expect(res.headers["cache-control"]).toBe("private, no-cache")
      const again = await status({ cart_id: cart.id }, { "if-none-match": p.etag })
      expect(again.status).toBe(304)
      expect(again.data).toBe("")
      const byWeakTag = await status({ cart_id: cart.id, session_id: session.id }, { "if-none-match": `"x", W/${p.etag}` })
      expect(byWeakTag.status).toBe(304)
      const stale = await status({ cart_id: cart.id }, { "if-none-match": '"tp1-old"' })
      expect(stale.status).toBe(200)
      // Small enough to poll every few seconds.
      expect(JSON.stringify(stale.data).length).toBeLessThan(8_000)
    })

    it("refuses another cart's session, unknown carts, carts without a 3PAY session, and bad queries, with stable codes", async () => {
      const a = await openInvoice("TRC20")
      const other = await shopper.createCart()

      const foreign = await status({ cart_id: other.id, session_id: a.session.id })
      expect(foreign.status).toBe(404)
      expect(foreign.data).toMatchObject({ type: "not_found", code: "threepay_session_not_found" })
      expect(JSON.stringify(foreign.data)).not.toContain(a.tx)

      const none = await status({ cart_id: other.id })
      expect(none.status).toBe(404)
      expect(none.data.code).toBe("threepay_session_not_found")

      const unknown = await status({ cart_id: "cart_does_not_exist" })
      expect(unknown.status).toBe(404)
      expect(unknown.data.code).toBe("threepay_cart_not_found")

      const bad = await keep(await api.get("/store/3pay/payment-status", opts()))
      expect(bad.status).toBe(400)
      expect(bad.data).toMatchObject({ type: "invalid_data", code: "threepay_request_invalid" })

      // The shopper's own session, named explicitly, is fine.
      expect((await status({ cart_id: a.cart.id, session_id: a.session.id })).status).toBe(200)
    })

    it("shows a payment being confirmed (two-step), with the received amount and the tx hash link", async () => {
      spec.emulator.control.updateSettings({ twoStepDelayMs: 600_000 })
      const { cart, tx } = await openInvoice("ERC20")
      const before = (await status({ cart_id: cart.id })).data.payment
      await spec.emulator.control.pay(tx, { mode: "two_step" })
      const p = await statusUntil(cart.id, (p) => p.status === "confirming", "confirming")
      const hash = spec.emulator.control.invoice(tx).blockchainTxHash!
      expect(p).toMatchObject({ status_label: "Payment detected, confirming", amount_received: "15.55", tx_hash: hash, order_id: null })
      expect(p.tx_explorer_url).toBe(`https://sepolia.etherscan.io/tx/${hash}`)
      expect(p.qr).toBeNull()
      expect(p.etag).not.toBe(before.etag)
      expect((await status({ cart_id: cart.id }, { "if-none-match": before.etag })).status).toBe(200)
    })

    it("shows a paid invoice with the order id once the webhook made the order", async () => {
      const { cart, tx } = await openInvoice("TRC20")
      await spec.emulator.control.pay(tx, { mode: "full" })
      const p = await statusUntil(cart.id, (p) => !!p.order_id, "the order id")
      expect(p).toMatchObject({ status: "paid", amount_received: "15.55", amount_missing: "0", can_renew: false, qr: null })
      expect(p.order_id).toBe(await orderForCart(getContainer(), cart.id))
      expect(p.paid_at).toBeTruthy()
    })

    it("shows an underpaid invoice with how much is missing", async () => {
      const { cart, tx } = await openInvoice("TRC20")
      await spec.emulator.control.pay(tx, { mode: "under", amount: "10" })
      const p = await statusUntil(cart.id, (p) => p.status === "underpaid", "underpaid")
      expect(p).toMatchObject({ amount_received: "10", amount_missing: "5.55", order_id: null, can_renew: false })
      expect(p.status_label).toBe("Underpaid by 5.55 USDT")
    })
  })

  describe("POST /store/3pay/renew", () => {
    it("replaces an expired invoice with a fresh one for the same cart and network", async () => {
      const { cart, tx } = await openInvoice("TRC20")
      const open = await renew({ cart_id: cart.id })
      expect(open.status).toBe(409)
      expect(open.data.code).toBe("threepay_invoice_not_expired")

      await spec.emulator.control.expire(tx)
      const expired = await statusUntil(cart.id, (p) => p.status === "expired", "expired")
      expect(expired).toMatchObject({ can_renew: true, qr: null })

      const res = await renew({ cart_id: cart.id })
      expect(res.status).toBe(200)
      const p = res.data.payment
      expect(p.transaction_id).not.toBe(tx)
      expect(p).toMatchObject({ status: "awaiting_payment", network: "TRC20", amount_usdt: "15.55", can_renew: false })
      expect(decodeQr(p.qr.data_url)).toBe(p.wallet_address)
      expect(spec.emulator.control.invoice(tx).status).toBe("expired")
      expect(spec.emulator.control.invoice(p.transaction_id).status).toBe("initiated")
      expect((await status({ cart_id: cart.id })).data.payment.transaction_id).toBe(p.transaction_id)

      // The new invoice works: paying it makes the order.
      await spec.emulator.control.pay(p.transaction_id, { mode: "full" })
      const paid = await statusUntil(cart.id, (x) => !!x.order_id, "the order")
      expect(paid.transaction_id).toBe(p.transaction_id)

      const after = await renew({ cart_id: cart.id })
      expect(after.status).toBe(409)
      expect(after.data.code).toBe("threepay_invoice_paid")
    })

    it("switches an open invoice to another network, and refuses unknown, disabled and busy cases with codes", async () => {
      const { cart, tx } = await openInvoice("TRC20")
      const unknown = await renew({ cart_id: cart.id, network: "BEP20" })
      expect(unknown.status).toBe(400)
      expect(unknown.data.code).toBe("threepay_network_invalid")

      const switched = await renew({ cart_id: cart.id, network: "usdt-erc20" })
      expect(switched.status).toBe(200)
      expect(switched.data.payment).toMatchObject({ network: "ERC20", currency_type: "USDT-ERC20" })
      expect(switched.data.payment.transaction_id).not.toBe(tx)

      const tooSoon = await renew({ cart_id: cart.id, network: "TRC20" })
      expect(tooSoon.status).toBe(429)
      expect(tooSoon.data.code).toBe("threepay_too_many_renewals")
      expect(tooSoon.data.retry_after).toBeGreaterThanOrEqual(1)
      expect(tooSoon.headers["retry-after"]).toBe(String(tooSoon.data.retry_after))

      await threepay().saveSettings({ networks: ["ERC20"] })
      const disabled = await renew({ cart_id: cart.id, network: "TRC20" })
      expect(disabled.status).toBe(400)
      expect(disabled.data.code).toBe("threepay_network_disabled")

      const none = await renew({ cart_id: (await shopper.createCart()).id })
      expect(none.status).toBe(404)
      expect(none.data.code).toBe("threepay_session_not_found")
    })

    it("answers 'busy, retry in N s' when 3PAY's invoice budget is spent", async () => {
      const { cart, tx } = await openInvoice("TRC20")
      await spec.emulator.control.expire(tx)
      await statusUntil(cart.id, (p) => p.status === "expired", "expired")
      spec.emulator.control.setFaults({ next: { endpoint: "transaction.create", kind: "rate_limit", retryAfterSeconds: 120 } })
      const res = await renew({ cart_id: cart.id })
      expect(res.status).toBe(429)
      expect(res.data.code).toBe("threepay_busy")
      expect(res.data.retry_after).toBeGreaterThanOrEqual(100)
      expect(res.data.message).toMatch(/retry in \d+ s/)
    })
  })

  describe("the component's client on a real @medusajs/js-sdk", () => {
    it("creates the session, reads config and status (304 included), and completes into the order", async () => {
      const cart = await shopper.createCart({ quantity: 1 })
      const sdk = new Medusa({ baseUrl: spec.backendUrl, publishableKey: store.publishableKey })
      const client = createApi(sdk, cart.id)

      const config = await client.config()
      expect(config.networks.map((n) => n.network)).toEqual(["TRC20", "ERC20"])
      await expect(client.status()).rejects.toMatchObject({ status: 404 })

      // No payment collection yet: the js-sdk makes it, then our middleware the invoice.
      await client.createSession("ERC20")
      const open = (await client.status())!
      expect(open).toMatchObject({ status: "awaiting_payment", network: "ERC20", amount_usdt: "15.55" })
      expect(await client.status(open.etag)).toBeNull()

      await client.createSession("TRC20", open.payment_collection_id)
      const trc = (await client.status(open.etag))!
      expect(trc.network).toBe("TRC20")

      const checked = await client.check(randomHex())
      expect(checked.check.matched).toBeNull()

      await spec.emulator.control.pay(trc.transaction_id, { mode: "full" })
      const paid = await waitFor(async () => {
        const p = await client.status()
        return p && p.status === "paid" ? p : null
      })
      const done = await client.complete()
      expect(done.type).toBe("order")
      expect(done.type === "order" && done.order.id).toBe(await orderForCart(getContainer(), cart.id))
      expect(paid.order_id === null || paid.order_id === (done.type === "order" && done.order.id)).toBe(true)
    })
  })

  describe("POST /store/3pay/payment-status/check", () => {
    it("re-checks with 3PAY and completes the order when the webhook never came", async () => {
      spec.emulator.control.setFaults({ webhookDrop: { mode: "skip", count: null } })
      const { cart, tx } = await openInvoice("TRC20")
      await spec.emulator.control.pay(tx, { mode: "full" })
      const hash = spec.emulator.control.invoice(tx).blockchainTxHash!
      await new Promise((r) => setTimeout(r, 500))
      expect((await status({ cart_id: cart.id })).data.payment.status).toBe("awaiting_payment")
      expect(await orderForCart(getContainer(), cart.id)).toBeNull()

      const res = await check({ cart_id: cart.id, tx_hash: `  ${hash.toUpperCase()} ` })
      expect(res.status).toBe(200)
      expect(res.data.check).toMatchObject({ tx_hash: hash, matched: true, message: "Your payment is confirmed." })
      const orderId = await orderForCart(getContainer(), cart.id)
      expect(orderId).toBeTruthy()
      expect(res.data.payment).toMatchObject({ status: "paid", order_id: orderId, tx_hash: hash })

      const row = (await threepay().retrieveInvoiceByTransaction(tx))!
      expect(row.paid_via).toBe("storefront")
      const entries = (row.history as { entries: Array<{ source: string; tx_hash?: string; note?: string }> }).entries
      expect(entries.some((e) => e.source === "storefront" && e.tx_hash === hash && /shopper reported/.test(e.note ?? ""))).toBe(true)
    })

    it("refuses a hash that does not fit the invoice's network", async () => {
      const trc = await openInvoice("TRC20")
      for (const bad of [`0x${randomHex()}`, "abc", randomHex().slice(1)]) {
        const res = await check({ cart_id: trc.cart.id, tx_hash: bad })
        expect(res.status).toBe(400)
        expect(res.data.code).toBe("threepay_tx_hash_invalid")
      }
      const erc = await openInvoice("ERC20")
      const res = await check({ cart_id: erc.cart.id, tx_hash: randomHex() })
      expect(res.status).toBe(400)
      expect(res.data).toMatchObject({ type: "invalid_data", code: "threepay_tx_hash_invalid" })
      expect(res.data.message).toMatch(/0x/)
      const missing = await check({ cart_id: erc.cart.id })
      expect(missing.status).toBe(400)
      expect(missing.data.code).toBe("threepay_request_invalid")
    })

    it("limits checks per cart and answers 429 with retry_after", async () => {
      const { cart } = await openInvoice("TRC20")
      const first = await check({ cart_id: cart.id, tx_hash: randomHex() })
      expect(first.status).toBe(200)
      expect(first.data.check.matched).toBeNull()
      expect(first.data.payment.status).toBe("awaiting_payment")
      const verifies = spec.emulator.control.calls()["transaction.verify"]

      const second = await check({ cart_id: cart.id, tx_hash: randomHex() })
      expect(second.status).toBe(429)
      expect(second.data).toMatchObject({ code: "threepay_too_many_checks" })
      expect(second.data.retry_after).toBeGreaterThanOrEqual(1)
      expect(second.data.retry_after).toBeLessThanOrEqual(15)
      expect(second.headers["retry-after"]).toBe(String(second.data.retry_after))
      expect(spec.emulator.control.calls()["transaction.verify"]).toBe(verifies)

      // Another cart has its own allowance.
      const other = await openInvoice("TRC20")
      expect((await check({ cart_id: other.cart.id, tx_hash: randomHex() })).status).toBe(200)
    })

    it("allows one order per transaction: a hash that paid another cart is refused", async () => {
      const a = await openInvoice("TRC20")
      await spec.emulator.control.pay(a.tx, { mode: "full" })
      await statusUntil(a.cart.id, (p) => !!p.order_id, "the first order")
      const hash = spec.emulator.control.invoice(a.tx).blockchainTxHash!

      const b = await openInvoice("TRC20")
      const res = await check({ cart_id: b.cart.id, tx_hash: hash })
      expect(res.status).toBe(409)
      expect(res.data).toMatchObject({ code: "threepay_tx_hash_used" })
      expect(await orderForCart(getContainer(), b.cart.id)).toBeNull()

      // Its own cart may still ask: it just gets its order back.
      const own = await check({ cart_id: a.cart.id, tx_hash: hash })
      expect(own.status).toBe(200)
      expect(own.data.check.matched).toBe(true)
      expect(own.data.payment.order_id).toBeTruthy()
    })
  })
}
