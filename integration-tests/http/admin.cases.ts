/**
 * The admin API (/admin/3pay/*) on a real Medusa and PostgreSQL, with the
 * emulator playing 3PAY over HTTP and delivering its webhooks (including the
 * test webhook) to the plugin's /hooks/3pay. Authenticated both ways Medusa
 * allows: a secret API key and an admin user's JWT.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { Modules } from "@medusajs/framework/utils"
import type { AxiosResponse } from "axios"
import jwt from "jsonwebtoken"
import { ThreePayClient } from "medusa-payment-3pay-client"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { signWebhookBody } from "medusa-payment-3pay-client"
import { reconcileOpenInvoices } from "../../src/lib/reconcile"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { orderForCart, Shopper, waitFor } from "../helpers/checkout"
import { createSecretKey } from "../helpers/admin-key"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

const API_KEY = "emu_test_key"
const API_SECRET = "emu_test_secret"
const WEBHOOK_SECRET = "emu_webhook_secret"
const SECRETS = [API_KEY, API_SECRET, WEBHOOK_SECRET]
const JWT_SECRET = "supersecret" // medusa-config.ts projectConfig.http.jwtSecret



const ROUTES: Array<["get" | "post", string]> = [
  ["get", "/admin/3pay/settings"],
  ["post", "/admin/3pay/settings"],
  ["get", "/admin/3pay/connection"],
  ["get", "/admin/3pay/health"],
  ["post", "/admin/3pay/webhook-test"],
  ["get", "/admin/3pay/attention"],
  ["get", "/admin/3pay/orders/order_123"],
  ["post", "/admin/3pay/invoices/abc/recheck"],
  ["post", "/admin/3pay/invoices/abc/resolve"],
]

export function adminCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let shopper: Shopper
  let keyAuth: Record<string, string>
  let userAuth: Record<string, string>
  let apiKeyId: string
  let userId: string
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)

  /** Every admin answer goes through here: none may carry a key or secret. */
  function noSecrets(res: AxiosResponse) {
    const text = JSON.stringify(res.data) + JSON.stringify(res.headers)
    for (const s of SECRETS) expect(text).not.toContain(s)
    return res
  }
  const admin = {
    get: async (url: string, headers = keyAuth) => noSecrets(await api.get(url, { headers, validateStatus: () => true })),
    post: async (url: string, body: unknown = {}, headers = keyAuth) =>
      noSecrets(await api.post(url, body, { headers, validateStatus: () => true })),
  }

  async function openInvoice(network = "TRC20") {
    const cart = await shopper.createCart({ quantity: 1 })
    const pc = await shopper.paymentCollection(cart.id)
    const session = await shopper.session(pc, { network })
    return { cart, pc, tx: session.data.transaction_id as string }
  }

  // Seeded before each test: the runner restores the database from its template
  // (taken before the file's first case) before every test.
  beforeEach(async () => {
    const container = getContainer()
    store = await seedStore(container)
    const key = await createSecretKey(container, "admin spec")
    apiKeyId = key.id
    keyAuth = key.headers
    const user = await container.resolve(Modules.USER).createUsers({ email: "owner@example.com" })
    userId = user.id
    const token = jwt.sign(
      { actor_id: user.id, actor_type: "user", auth_identity_id: "authid_admin_spec", app_metadata: { user_id: user.id } },
      JWT_SECRET,
      { expiresIn: "1h" }
    )
    userAuth = { authorization: `Bearer ${token}` }
  })

  beforeEach(() => {
    spec.emulator.control.reset()
    resetSharedRateBudgets()
    shopper = new Shopper(api, store)
  })

  it("answers 401 without authentication on every route", async () => {
    for (const [method, url] of ROUTES) {
      const res = await api.request({ method, url, data: method === "post" ? {} : undefined, validateStatus: () => true })
      expect([method, url, res.status]).toEqual([method, url, 401])
    }
    const forged = jwt.sign({ actor_id: "user_x", actor_type: "user", auth_identity_id: "x" }, "not-the-secret")
    expect((await api.get("/admin/3pay/settings", { headers: { authorization: `Bearer ${forged}` }, validateStatus: () => true })).status).toBe(401)
  })

  it("shows settings, bounds, connection facts and the webhook URL to a secret API key and to an admin user", async () => {
    const byKey = await admin.get("/admin/3pay/settings")
    expect(byKey.status).toBe(200)
    const byUser = await admin.get("/admin/3pay/settings", userAuth)
    expect(byUser.status).toBe(200)
    expect(byUser.data).toEqual(byKey.data)
    expect(byKey.data.settings).toMatchObject({
      networks: ["TRC20", "ERC20"],
      default_network: "TRC20",
      invoice_timer_minutes: 30,
      // Until the admin narrows it: the ceiling medusa-config.ts sets (2 USDT, 100 bps).
      underpayment_tolerance: "2",
      underpayment_tolerance_bps: 100,
      flow: "pay_first",
    })
    expect(byKey.data.limits.networks.map((n: { allowed: boolean }) => n.allowed)).toEqual([true, true])
    expect(byKey.data.connection).toEqual({
      environment: "sandbox",
      base_url: spec.emulator.apiBase,
      backend_url: `${spec.backendUrl}`,
      api_key_set: true,
      api_key_last4: API_KEY.slice(-4),
      api_secret_set: true,
      webhook_secret_set: true,
      // operator.spec.ts runs with a previous secret (a rotation in progress).
      previous_webhook_secret_set: true,
    })
    expect(byKey.data.webhook).toMatchObject({ url: `${spec.backendUrl}/hooks/3pay`, source: "backend_url" })
  })

  it("refuses invalid settings with 400 and saves a valid one", async () => {
    const bad: Array<[unknown, string]> = [
      [{ networks: [] }, "networks"],
      [{ networks: ["TRC20"], default_network: "ERC20" }, "defaultNetwork"],
      [{ networks: ["BEP20"] }, "networks"],
      [{ underpayment_tolerance: "-1" }, "underpaymentTolerance"],
      [{ underpayment_tolerance: "1000" }, "underpaymentTolerance"],
      [{ invoice_timer_minutes: 2 }, "invoiceTimerMinutes"],
      [{ flow: "pay_later" }, "flow"],
    ]
    for (const [body, field] of bad) {
      const res = await admin.post("/admin/3pay/settings", body)
      expect([body, res.status, res.data.code]).toEqual([body, 400, "threepay_settings_invalid"])
      expect(res.data.message).toContain(field)
    }
    // Shape errors are caught by zod before the module sees them.
    for (const body of [{ invoice_timer_minutes: "thirty" }, { networks: "TRC20" }, { apiKey: "x" }]) {
      const res = await admin.post("/admin/3pay/settings", body)
      expect([body, res.status, res.data.type]).toEqual([body, 400, "invalid_data"])
    }
    // A network the options do not allow cannot be switched on from the admin.
    const options = threepay().getOptions()
    const allowed = [...options.networks]
    options.networks.splice(0, options.networks.length, "TRC20")
    try {
      const res = await admin.post("/admin/3pay/settings", { networks: ["TRC20", "ERC20"] })
      expect(res.status).toBe(400)
      expect(res.data.message).toContain("not enabled in the plugin options")
      const view = await admin.get("/admin/3pay/settings")
      const erc = view.data.limits.networks.find((n: { network: string }) => n.network === "ERC20")
      expect(erc).toMatchObject({ allowed: false })
      expect(erc.reason).toContain("medusa-config.ts")
    } finally {
      options.networks.splice(0, options.networks.length, ...allowed)
    }
    expect((await threepay().getEffectiveSettings()).networks).toEqual(["TRC20", "ERC20"])

    const ok = await admin.post(
      "/admin/3pay/settings",
      { networks: ["ERC20"], default_network: "ERC20", invoice_timer_minutes: 45, underpayment_tolerance: "0.50", flow: "order_first" },
      userAuth
    )
    expect(ok.status).toBe(200)
    expect(ok.data.settings).toMatchObject({
      networks: ["ERC20"],
      default_network: "ERC20",
      invoice_timer_minutes: 45,
      underpayment_tolerance: "0.5",
      flow: "order_first",
      updated_by: `user:${userId}`,
    })
    const byKey = await admin.post("/admin/3pay/settings", { flow: "pay_first" })
    expect(byKey.data.settings).toMatchObject({ networks: ["ERC20"], flow: "pay_first", updated_by: `api-key:${apiKeyId}` })
  })

  it("changes what the store accepts: a network switched off is refused at checkout, and on again accepted", async () => {
    expect((await admin.post("/admin/3pay/settings", { networks: ["TRC20"] })).status).toBe(200)
    const cart = await shopper.createCart()
    const pc = await shopper.paymentCollection(cart.id)
    const refused = await shopper.createSession(pc, { network: "ERC20" })
    expect(refused.status).toBe(400)
    expect(refused.data.code).toBe("threepay_network_disabled")
    expect(spec.emulator.control.invoices()).toHaveLength(0)

    expect((await admin.post("/admin/3pay/settings", { networks: ["TRC20", "ERC20"] })).status).toBe(200)
    const accepted = await shopper.createSession(pc, { network: "ERC20" })
    expect(accepted.status).toBe(200)
    expect(accepted.data.payment_collection.payment_sessions[0].data.network).toBe("ERC20")
  })

  it("re-check with 3PAY turns a payment whose webhook was lost into an order, and the order shows its invoice", async () => {
    spec.emulator.control.setFaults({ webhookDrop: { mode: "skip", count: null } })
    const { cart, tx } = await openInvoice("TRC20")
    await spec.emulator.control.pay(tx, { mode: "full" })
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()

    const res = await admin.post(`/admin/3pay/invoices/${tx}/recheck`, {}, userAuth)
    expect(res.status).toBe(200)
    expect(res.data.result).toMatchObject({ state: "paid", changed: true })
    const orderId = await orderForCart(getContainer(), cart.id)
    expect(orderId).toBeTruthy()
    expect(res.data.invoice).toMatchObject({ transaction_id: tx, state: "paid", status_label: "Paid", paid_via: "admin" })
    expect((await threepay().retrieveInvoiceByTransaction(tx))!.order_id).toBe(orderId)

    const view = await admin.get(`/admin/3pay/orders/${orderId}`)
    expect(view.status).toBe(200)
    const inv = view.data.invoice
    const paid = spec.emulator.control.invoice(tx)
    expect(inv).toMatchObject({ transaction_id: tx, network: "TRC20", environment: "sandbox", amount_usdt: "15.55" })
    expect(inv.tx_hash).toBe(paid.blockchainTxHash)
    expect(inv.wallet_address).toBe(paid.walletAddress)
    expect(inv.fee).toBe(paid.fee)
    expect(inv.tx_explorer_url).toBe(`https://nile.tronscan.org/#/transaction/${inv.tx_hash}`)
    expect(inv.address_explorer_url).toContain("https://nile.tronscan.org/#/address/T")
    expect(inv.timeline.length).toBeGreaterThanOrEqual(2)
    expect(inv.timeline[0]).toMatchObject({ source: "checkout", state: "awaiting_payment", label: "Awaiting payment" })
    expect(inv.timeline).toContainEqual(
      expect.objectContaining({ source: "admin", state: "paid", label: "Paid", tx_hash: inv.tx_hash, received: "15.55" })
    )
    expect(inv.timeline.at(-1).note).toBe(`applied to order ${orderId}`)
    expect(view.data.other_invoices).toEqual([])
  })

  it("answers our error shape for an unknown invoice, and an empty answer for an order without 3PAY", async () => {
    const missing = await admin.post("/admin/3pay/invoices/no-such-invoice/recheck")
    expect(missing.status).toBe(404)
    expect(missing.data).toMatchObject({ code: "threepay_invoice_not_found", type: "not_found" })
    const none = await admin.get("/admin/3pay/orders/order_01NOTANORDER")
    expect(none.status).toBe(200)
    expect(none.data).toEqual({ order_id: "order_01NOTANORDER", invoice: null, other_invoices: [] })
  })

  it("lists an underpaid invoice under 'needs attention' with its cart and what to do", async () => {
    const { cart, tx } = await openInvoice("TRC20")
    await spec.emulator.control.pay(tx, { mode: "under" })
    await waitFor(async () => (await threepay().retrieveInvoiceByTransaction(tx))?.state === "underpaid", {
      what: "the underpayment in the ledger",
    })
    const res = await admin.get("/admin/3pay/attention?limit=10")
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({ count: 1, limit: 10, offset: 0 })
    const [item] = res.data.items
    expect(item).toMatchObject({ kind: "invoice", transaction_id: tx, cart_id: cart.id, order_id: null })
    expect(item.reasons).toEqual([expect.objectContaining({ code: "underpaid", label: "Underpaid" })])
    expect(item.reasons[0].advice).toContain("missing amount")
    expect(item.invoice.status_label).toBe(`Underpaid by ${item.invoice.amount_missing} USDT`)
    expect(item.invoice.amount_missing).toBe("1")
    expect(item.invoice.timeline).toBeUndefined()
    expect(item.invoice.attention_resolved).toBeNull()
    expect((await admin.get("/admin/3pay/attention?limit=0")).status).toBe(400)

    // "Mark as handled" takes it off the list and says who did what, on the timeline.
    expect((await admin.post(`/admin/3pay/invoices/${tx}/resolve`, { note: "x".repeat(501) })).status).toBe(400)
    expect((await admin.post("/admin/3pay/invoices/unknown-tx/resolve", {})).status).toBe(404)
    const done = await admin.post(`/admin/3pay/invoices/${tx}/resolve`, { note: "customer sent the missing 1 USDT by hand" })
    expect(done.status).toBe(200)
    expect(done.data.invoice.attention_resolved).toMatchObject({ note: "customer sent the missing 1 USDT by hand" })
    expect(done.data.invoice.attention_resolved.by).toMatch(/^(user|api-key):/)
    expect(done.data.invoice.timeline.at(-1).note).toContain("marked handled")
    expect((await admin.get("/admin/3pay/attention?limit=10")).data.count).toBe(0)
  })

  it("health counts accepted and forged deliveries and payments only reconciliation saw", async () => {
    const before = await admin.get("/admin/3pay/health")
    expect(before.data).toMatchObject({ status: "never", last_delivery_at: null })

    const { tx } = await openInvoice("TRC20")
    await spec.emulator.control.pay(tx, { mode: "full" })
    const body = JSON.stringify({ data: { type: "deposit", transactionId: tx, status: "confirmed" } })
    const forged = await api.post("/hooks/3pay", body, {
      headers: { "content-type": "application/json", "x-webhook-signature": signWebhookBody(body, "not-the-secret") },
      transformRequest: [(d: unknown) => d],
      validateStatus: () => true,
    })
    expect(forged.status).toBe(401)

    // A second invoice is paid with its webhook lost; reconciliation finds it.
    spec.emulator.control.setFaults({ webhookDrop: { mode: "skip", count: null } })
    const lost = await openInvoice("TRC20")
    await spec.emulator.control.pay(lost.tx, { mode: "full" })
    const report = await reconcileOpenInvoices(getContainer())
    expect(report.paid_without_webhook).toContain(lost.tx)

    const res = await admin.get("/admin/3pay/health", userAuth)
    expect(res.status).toBe(200)
    const h = res.data
    expect(h.deliveries.last_24h).toMatchObject({ recorded: 1, rejected_signature: 1, total: 2 })
    expect(h.deliveries.last_7d.total).toBe(2)
    expect(h.last_delivery_at).toBeTruthy()
    expect(h.last_valid_delivery_at).toBeTruthy()
    expect(h.last_rejected_at).toBeTruthy()
    expect(h.paid_without_webhook).toMatchObject({ total: 1, last_7d: 1 })
    expect(h.paid_without_webhook.recent[0].transaction_id).toBe(lost.tx)
    expect(h.reconciliation).toMatchObject({ paid_without_webhook: 1 })
    expect(h.status).toBe("warning")
    expect(h.messages.join(" ")).toContain("no webhook reported")
  })

  it("sends a test webhook through 3PAY and sees it arrive; a different secret is diagnosed", async () => {
    // No body at all is fine too (curl -X POST).
    const res = noSecrets(await api.post("/admin/3pay/webhook-test", undefined, { headers: keyAuth, validateStatus: () => true }))
    expect(res.status).toBe(200)
    expect(res.data).toMatchObject({
      arrived: true,
      verdict: "arrived",
      webhook_url: `${spec.backendUrl}/hooks/3pay`,
      threepay: { requested: true, delivered: true, status_code: 200 },
      delivery: { outcome: "test", signature: "valid", http_status: 200 },
    })
    const [event] = await threepay().listThreePayWebhookEvents({ is_test: true })
    expect(event.processing_status).toBe("ignored")

    // 3PAY's secret is rotated, the store still has the old one.
    await new ThreePayClient({ apiKey: API_KEY, apiSecret: API_SECRET, baseUrl: spec.emulator.apiBase }).rotateWebhookSecret()
    const mismatch = await admin.post("/admin/3pay/webhook-test", { wait_ms: 2000 }, userAuth)
    expect(mismatch.data).toMatchObject({
      arrived: false,
      verdict: "secret_mismatch",
      delivery: { outcome: "rejected_signature", http_status: 401 },
    })
    expect(mismatch.data.likely_causes.join(" ")).toContain("THREEPAY_WEBHOOK_SECRET")
  })

  it("reports whether the API key works, and an unreachable 3PAY in words", async () => {
    const ok = await admin.get("/admin/3pay/connection")
    expect(ok.status).toBe(200)
    expect(ok.data).toMatchObject({ status: "ok", ok: true, environment: "sandbox", base_url: spec.emulator.apiBase })
    expect(ok.data.rate_budget.standard).toMatchObject({ used: 1, limit: 100 })

    spec.emulator.control.setFaults({ next: { kind: "drop", endpoint: "transaction.list", count: 3 } })
    const down = await admin.get("/admin/3pay/connection", userAuth)
    expect(down.data).toMatchObject({ status: "unreachable", ok: false })
    expect(down.data.message).toContain("cannot reach 3PAY")
  })
}
