/**
 * Every provider method against the plugin's 3PAY emulator over HTTP (no
 * mocks of our own client). Medusa's payment-session service, which the
 * provider consults for the core webhook route, is a small in-memory fake.
 */
import type { Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { startEmulator, type EmulatorHandle } from "medusa-payment-3pay-emulator"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { signWebhookBody } from "medusa-payment-3pay-client"
import { signHandoff, type CheckoutHandoff } from "../../../lib/checkout-handoff"
import { signSnapshot } from "../../../lib/session-snapshot"
import ThreePayProviderService from "../service"

type Row = { id: string; amount: number; data: Record<string, unknown>; payment_collection_id: string }

const SECRETS = ["emu_test_key", "emu_test_secret", "emu_webhook_secret"]
const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as unknown as Logger

let emu: EmulatorHandle
let sessions: Row[]

function provider(extra: Record<string, unknown> = {}) {
  const cradle = {
    logger: silent,
    paymentSessionService: {
      list: async (filters: { data?: { transaction_id?: string } }) =>
        sessions.filter((s) => s.data.transaction_id === filters.data?.transaction_id),
    },
  }
  return new ThreePayProviderService(cradle, {
    apiKey: emu.apiKey,
    apiSecret: emu.apiSecret,
    webhookSecret: "emu_webhook_secret",
    previousWebhookSecret: "old_secret",
    baseUrl: emu.apiBase,
    backendUrl: "https://shop.example.com/",
    returnUrl: "https://shop.example.com/checkout?cart={cart_id}",
    exchangeRates: { eur: "1.08" },
    ...extra,
  })
}

async function initiate(p: ThreePayProviderService, network?: string, amount: unknown = 26.1, currency = "usd") {
  return p.initiatePayment({
    amount: amount as number,
    currency_code: currency,
    data: { session_id: "payses_1", ...(network ? { network } : {}) },
    context: { idempotency_key: "payses_1", customer: { id: "cus_1", email: "ada@example.com" } },
  })
}

async function expectMedusaError(p: Promise<unknown>, code: string) {
  const e = await p.then(
    () => null,
    (err) => err
  )
  expect(e).toBeInstanceOf(MedusaError)
  expect((e as MedusaError).code).toBe(code)
  for (const s of SECRETS) expect((e as Error).message).not.toContain(s)
  return e as MedusaError
}

beforeAll(async () => {
  emu = await startEmulator({ seed: "provider-unit", rateLimits: false })
})
afterAll(() => emu.stop())
beforeEach(() => {
  emu.control.reset()
  resetSharedRateBudgets()
  sessions = []
})

describe("validateOptions", () => {
  const ok = { apiKey: "k", webhookSecret: "w" }
  it.each([
    [{}, "`apiKey`"],
    [{ ...ok, environment: "prod" }, "`environment`"],
    [{ ...ok, networks: [] }, "`networks`"],
    [{ ...ok, networks: ["BEP20"] }, "`networks.0`"],
    [{ ...ok, networks: ["ERC20"], defaultNetwork: "TRC20" }, "`defaultNetwork`"],
    [{ ...ok, underpaymentTolerance: "-1" }, "`underpaymentTolerance`"],
    [{ ...ok, invoiceTimerMinutes: 0 }, "`invoiceTimerMinutes`"],
    [{ ...ok, baseUrl: "not a url" }, "`baseUrl`"],
    [{ ...ok, returnUrl: "nope {cart_id}" }, "`returnUrl`"],
    [{ ...ok, exchangeRates: { eur: "abc" } }, "`exchangeRates.eur`"],
    [{ ...ok, apikey: "typo" }, '"apikey"'],
  ])("stops the boot on %j naming %s", (options, name) => {
    expect(() => ThreePayProviderService.validateOptions(options)).toThrow(name)
  })

  it("accepts Medusa's own keys and env strings for numbers", () => {
    expect(() =>
      ThreePayProviderService.validateOptions({ ...ok, database: {}, invoiceTimerMinutes: "45", networks: ["usdt-trc20"] })
    ).not.toThrow()
  })
})

describe("initiatePayment", () => {
  it("creates the invoice at 3PAY and returns only what a storefront may see", async () => {
    const out = await initiate(provider(), "TRC20")
    expect(out.status).toBe(PaymentSessionStatus.PENDING)
    const data = out.data as Record<string, unknown>
    expect(data).toMatchObject({
      network: "TRC20",
      currency_type: "USDT-TRC20",
      amount_usdt: "26.1",
      currency_code: "usd",
      exchange_rate: "1",
      status: "awaiting_payment",
      amount_missing: "26.1",
      environment: "sandbox",
      flow: "pay_first",
    })
    expect(out.id).toBe(data.transaction_id)
    const inv = emu.control.invoice(String(data.transaction_id))
    expect(inv).toMatchObject({ amount: "26.1", currencyType: "USDT-TRC20", status: "initiated" })
    expect(inv).toMatchObject({
      webhookUrl: "https://shop.example.com/hooks/3pay",
      timerMinutes: 30,
      email: "ada@example.com",
      referenceId: "payses_1",
    })
    const json = JSON.stringify(out)
    for (const s of SECRETS) expect(json).not.toContain(s)
    expect(data.checkout).toBeUndefined()
  })

  it.each([
    ["usdt-erc20", "ERC20", "USDT-ERC20"],
    ["Erc20", "ERC20", "USDT-ERC20"],
    [" trc20 ", "TRC20", "USDT-TRC20"],
    [undefined, "TRC20", "USDT-TRC20"],
  ])("reads network %p as %s", async (input, network, currencyType) => {
    const out = await initiate(provider(), input)
    expect(out.data).toMatchObject({ network })
    expect(emu.control.invoice(String(out.data!.transaction_id)).currencyType).toBe(currencyType)
  })

  it("refuses unknown and disabled networks, listing the allowed ones, without creating an invoice", async () => {
    const e1 = await expectMedusaError(initiate(provider(), "BEP20"), "threepay_network_invalid")
    expect(e1.message).toContain("TRC20, ERC20")
    const e2 = await expectMedusaError(initiate(provider({ networks: ["TRC20"] }), "ERC20"), "threepay_network_disabled")
    expect(e2.message).toContain("TRC20")
    expect(emu.control.invoices()).toHaveLength(0)
  })

  it("converts other currencies with the configured rate, rounding up, and refuses a currency without a rate", async () => {
    const eur = await initiate(provider(), "TRC20", 14.98, "eur")
    expect(eur.data).toMatchObject({ amount_usdt: "16.1784", currency_code: "eur", exchange_rate: "1.08" })
    await expectMedusaError(initiate(provider(), "TRC20", 10, "gbp"), "threepay_currency_not_supported")
    expect(emu.control.invoices()).toHaveLength(1)
  })

  it("reads Medusa's { value, precision } amounts exactly", async () => {
    const out = await initiate(provider(), "TRC20", { value: "12.345678912", precision: 20 })
    expect(out.data!.amount_usdt).toBe("12.345679") // rounded up at 6 decimals
  })

  it("adopts the invoice our checkout middleware prepared, without calling 3PAY", async () => {
    const handoff: CheckoutHandoff = {
      v: 1,
      iat: Date.now(),
      cart_id: "cart_1",
      payment_collection_id: "pay_col_1",
      network: "ERC20",
      amount_usdt: "26.1",
      currency_code: "usd",
      exchange_rate: "1",
      flow: "order_first",
      tolerance: "0.5",
      invoice: {
        transaction_id: "tx-prepared",
        invoice_no: "INV-1",
        payment_url: "https://pay.example/s/abc",
        wallet_address: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        expires_at: new Date(Date.now() + 600_000).toISOString(),
        reused: true,
      },
    }
    const p = provider()
    const token = signHandoff(handoff, emu.apiKey)
    const out = await p.initiatePayment({
      amount: 26.1,
      currency_code: "usd",
      data: { network: "ERC20", checkout: token, session_id: "payses_2" },
    })
    expect(out.status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)
    expect(out.data).toMatchObject({ transaction_id: "tx-prepared", cart_id: "cart_1", underpayment_tolerance: "0.5", flow: "order_first" })
    expect(emu.control.calls()["transaction.create"] ?? 0).toBe(0)

    // A handoff signed with another key, or for another amount, is not trusted.
    const forged = signHandoff(handoff, "someone-else")
    const fresh = await p.initiatePayment({ amount: 26.1, currency_code: "usd", data: { network: "ERC20", checkout: forged } })
    expect(fresh.data!.transaction_id).not.toBe("tx-prepared")
    const other = signHandoff({ ...handoff, amount_usdt: "1" }, emu.apiKey)
    const fresh2 = await p.initiatePayment({ amount: 26.1, currency_code: "usd", data: { network: "ERC20", checkout: other } })
    expect(fresh2.data!.transaction_id).not.toBe("tx-prepared")
    expect(emu.control.calls()["transaction.create"]).toBe(2)
  })

  it("fails with a busy error when 3PAY rate-limits, and with unavailable when it is down", async () => {
    emu.control.setFaults({ next: { endpoint: "transaction.create", kind: "rate_limit", retryAfterSeconds: 90 } })
    const busy = await expectMedusaError(initiate(provider(), "TRC20"), "threepay_busy")
    expect(busy.message).toMatch(/retry in (89|90) s/)
    resetSharedRateBudgets()
    emu.control.setFaults({ next: { kind: "error", status: 500, count: 10 } })
    await expectMedusaError(initiate(provider(), "TRC20"), "threepay_unavailable")
  })
})

describe("authorizePayment and friends re-read 3PAY", () => {
  async function paidWith(mode: "full" | "under" | "over" | "two_step" | null, extra: Record<string, unknown> = {}) {
    const p = provider(extra)
    const out = await initiate(p, "TRC20")
    const tx = String(out.data!.transaction_id)
    if (mode) await emu.control.pay(tx, { mode, ...(mode === "under" ? { amount: "20" } : {}) })
    return { p, data: out.data as Record<string, unknown>, tx }
  }

  it("unpaid is pending in pay_first and pending_authorization in order_first", async () => {
    const { p, data } = await paidWith(null)
    expect((await p.authorizePayment({ data })).status).toBe(PaymentSessionStatus.PENDING)
    const ordered = await paidWith(null, { flow: "order_first" })
    expect((await ordered.p.authorizePayment({ data: ordered.data })).status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)
  })

  it("'amount confirmed' is still pending", async () => {
    emu.control.updateSettings({ twoStepDelayMs: 60_000 })
    const { p, data } = await paidWith("two_step")
    const out = await p.authorizePayment({ data })
    expect(out.status).toBe(PaymentSessionStatus.PENDING)
    expect(out.data).toMatchObject({ status: "confirming", threepay_status: "amount confirmed" })
  })

  it("paid in full is captured, with the tx hash and its explorer link", async () => {
    const { p, data } = await paidWith("full")
    const out = await p.authorizePayment({ data })
    expect(out.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(out.data).toMatchObject({ status: "paid", amount_received: "26.1", amount_missing: "0" })
    expect(String(out.data!.tx_explorer_url)).toMatch(/^https:\/\/nile\.tronscan\.org\/#\/transaction\/[0-9a-f]{64}$/)
    expect((await p.getPaymentStatus({ data })).status).toBe(PaymentSessionStatus.CAPTURED)
    expect((await p.capturePayment({ data })).data).toMatchObject({ status: "paid" })
    expect((await p.retrievePayment({ data })).data).toMatchObject({ status: "paid" })
  })

  it("underpaid requires more and says how much is missing; within tolerance it is paid", async () => {
    const { p, data } = await paidWith("under")
    const out = await p.authorizePayment({ data })
    expect(out.status).toBe(PaymentSessionStatus.REQUIRES_MORE)
    expect(out.data).toMatchObject({ status: "underpaid", amount_received: "20", amount_missing: "6.1" })
    await expect(p.capturePayment({ data })).rejects.toThrow("not paid")

    const tolerant = await paidWith("under", { underpaymentTolerance: "6.1" })
    expect((await tolerant.p.authorizePayment({ data: tolerant.data })).status).toBe(PaymentSessionStatus.CAPTURED)
  })

  it("overpaid is captured and the excess is shown", async () => {
    const { p, data } = await paidWith("over")
    const out = await p.authorizePayment({ data })
    expect(out.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(out.data!.status).toBe("overpaid")
    expect(Number(out.data!.amount_excess)).toBeGreaterThan(0)
  })

  it("expired is canceled; a payment reported on the other network is an error", async () => {
    const { p, data, tx } = await paidWith(null)
    await emu.control.expire(tx)
    expect((await p.authorizePayment({ data })).status).toBe(PaymentSessionStatus.CANCELED)

    const wrong = await paidWith(null)
    await emu.control.pay(wrong.tx, { mode: "full", wrongNetwork: true })
    const out = await wrong.p.authorizePayment({ data: wrong.data })
    expect(out.status).toBe(PaymentSessionStatus.ERROR)
    expect(out.data!.status).toBe("wrong_network")
  })

  it("never trusts the storefront's data: a session without our invoice is refused", async () => {
    await expectMedusaError(
      provider().authorizePayment({ data: { status: "paid", amount_usdt: "1" } }),
      "threepay_session_not_found"
    )
  })
})

describe("updatePayment, cancelPayment, deletePayment, refundPayment", () => {
  it("same amount refreshes (from a signed snapshot without a 3PAY call); a new amount cancels the old invoice and creates one", async () => {
    const p = provider()
    const { data } = await initiate(p, "TRC20")
    const tx = String(data!.transaction_id)
    emu.control.resetCalls()
    const snapshot = signSnapshot({ ...(await p["client_"].verifyInvoice(tx)), status: "amount_confirmed", rawStatus: "amount confirmed" }, emu.apiKey)
    emu.control.resetCalls()
    const same = await p.updatePayment({ amount: 26.1, currency_code: "usd", data: { ...data, snapshot } })
    expect(same.data).toMatchObject({ transaction_id: tx, status: "confirming" })
    expect(same.data!.snapshot).toBeUndefined()
    expect(emu.control.calls()["transaction.verify"] ?? 0).toBe(0)

    const changed = await p.updatePayment({ amount: 30, currency_code: "usd", data: data! })
    expect(changed.data!.transaction_id).not.toBe(tx)
    expect(changed.data!.amount_usdt).toBe("30")
    expect(emu.control.invoice(tx).status).toBe("cancelled")
  })

  it("deletePayment keeps the invoice (it may be reused); cancelPayment cancels it, and an invoice already final is fine", async () => {
    const p = provider()
    const { data } = await initiate(p, "TRC20")
    const tx = String(data!.transaction_id)
    await p.deletePayment({ data: data! })
    expect(emu.control.invoice(tx).status).toBe("initiated")
    await p.cancelPayment({ data: data! })
    expect(emu.control.invoice(tx).status).toBe("cancelled")
    await expect(p.cancelPayment({ data: data! })).resolves.toBeDefined()
  })

  it("refundPayment explains how crypto refunds work with 3PAY", async () => {
    const e = await expectMedusaError(
      provider().refundPayment({ amount: { value: "5.5", precision: 20 } as never, data: {} }),
      "threepay_refund_not_supported"
    )
    expect(e.message).toContain("withdrawal")
  })
})

describe("getWebhookActionAndData (Medusa's core webhook route)", () => {
  async function setup(mode: "full" | "under" | null) {
    const p = provider()
    const out = await initiate(p, "TRC20")
    const tx = String(out.data!.transaction_id)
    sessions.push({ id: "payses_live", amount: 26.1, data: out.data as Record<string, unknown>, payment_collection_id: "pc_1" })
    if (mode) await emu.control.pay(tx, { mode, ...(mode === "under" ? { amount: "5" } : {}) })
    const body = JSON.stringify({ success: true, data: { type: "deposit", transactionId: tx, status: "confirmed", amount: 26.1 } })
    return { p, tx, body }
  }
  const payload = (body: string, headers: Record<string, string>) => ({
    data: JSON.parse(body),
    rawData: Buffer.from(body),
    headers,
  })

  it("maps a paid invoice of a live session to SUCCESSFUL with the session's amount", async () => {
    const { p, body } = await setup("full")
    const r = await p.getWebhookActionAndData(payload(body, { "x-webhook-signature": signWebhookBody(body, "emu_webhook_secret") }))
    expect(r).toEqual({ action: PaymentActions.SUCCESSFUL, data: { session_id: "payses_live", amount: 26.1 } })
  })

  it("re-reads 3PAY: a body that claims 'confirmed' for an unpaid invoice maps to PENDING; underpaid to REQUIRES_MORE", async () => {
    const pending = await setup(null)
    const r1 = await pending.p.getWebhookActionAndData(payload(pending.body, { "x-webhook-signature": signWebhookBody(pending.body, "emu_webhook_secret") }))
    expect(r1.action).toBe(PaymentActions.PENDING)
    sessions = []
    const under = await setup("under")
    const r2 = await under.p.getWebhookActionAndData(payload(under.body, { "x-webhook-signature": signWebhookBody(under.body, "emu_webhook_secret") }))
    expect(r2.action).toBe(PaymentActions.REQUIRES_MORE)
  })

  it("accepts the previous secret during a rotation", async () => {
    const { p, body } = await setup("full")
    const r = await p.getWebhookActionAndData(payload(body, { "X-Webhook-Signature": signWebhookBody(body, "old_secret") }))
    expect(r.action).toBe(PaymentActions.SUCCESSFUL)
  })

  it.each([
    ["a wrong secret", (b: string) => ({ "x-webhook-signature": signWebhookBody(b, "wrong") })],
    ["no header", () => ({})],
    ["a wrong prefix", (b: string) => ({ "x-webhook-signature": signWebhookBody(b, "emu_webhook_secret").replace("sha256=", "sha512=") })],
    ["a bare hex digest", (b: string) => ({ "x-webhook-signature": signWebhookBody(b, "emu_webhook_secret").slice(7) })],
  ])("throws on %s", async (_name, headers) => {
    const { p, body } = await setup("full")
    await expectMedusaError(p.getWebhookActionAndData(payload(body, headers(body))), "threepay_signature_invalid")
  })

  it("throws on a tampered body", async () => {
    const { p, body } = await setup("full")
    const sig = signWebhookBody(body, "emu_webhook_secret")
    const tampered = body.replace("26.1", "2610")
    await expectMedusaError(p.getWebhookActionAndData(payload(tampered, { "x-webhook-signature": sig })), "threepay_signature_invalid")
  })

  it("maps test deliveries, other event types and invoices of no live session to NOT_SUPPORTED", async () => {
    const { p, body } = await setup("full")
    const sig = { "x-webhook-signature": signWebhookBody(body, "emu_webhook_secret") }
    expect((await p.getWebhookActionAndData(payload(body, { ...sig, "x-webhook-test": "true" }))).action).toBe(PaymentActions.NOT_SUPPORTED)
    const withdrawal = body.replace('"deposit"', '"withdrawal"')
    expect(
      (await p.getWebhookActionAndData(payload(withdrawal, { "x-webhook-signature": signWebhookBody(withdrawal, "emu_webhook_secret") }))).action
    ).toBe(PaymentActions.NOT_SUPPORTED)
    sessions = []
    expect((await p.getWebhookActionAndData(payload(body, sig))).action).toBe(PaymentActions.NOT_SUPPORTED)
  })
})
