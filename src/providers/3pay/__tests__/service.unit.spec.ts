/**
 * Every provider method against the plugin's 3PAY emulator over HTTP (no
 * mocks of our own client). The payment module's session service, which the
 * provider consults to check what a hand-over is bound to, is a small
 * in-memory fake. Invoices are made at the emulator directly: the provider
 * itself never creates one.
 */
import type { Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { resetSharedRateBudgets, ThreePayClient } from "medusa-payment-3pay-client"
import { startEmulator, type EmulatorHandle } from "medusa-payment-3pay-emulator"
import { HANDOFF_FIELD, issueHandoff, type CheckoutHandoff } from "../../../lib/handoff"
import ThreePayProviderService from "../service"

const SECRETS = ["emu_test_key", "emu_test_secret", "emu_webhook_secret"]
const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as unknown as Logger

let emu: EmulatorHandle
/** session id -> payment collection id, as the payment module's own table would say. */
let sessions: Record<string, string>

function provider(extra: Record<string, unknown> = {}) {
  const cradle = {
    logger: silent,
    paymentSessionService: {
      retrieve: async (id: string) => {
        if (!sessions[id]) throw new MedusaError(MedusaError.Types.NOT_FOUND, `PaymentSession with id: ${id} was not found`)
        return { id, payment_collection_id: sessions[id] }
      },
    },
  }
  return new ThreePayProviderService(cradle, {
    apiKey: emu.apiKey,
    apiSecret: emu.apiSecret,
    webhookSecret: "emu_webhook_secret",
    baseUrl: emu.apiBase,
    exchangeRates: { eur: "1.08" },
    ...extra,
  })
}

async function emulatorInvoice(amount = "26.1", network: "TRC20" | "ERC20" = "TRC20") {
  const client = new ThreePayClient({ apiKey: emu.apiKey, apiSecret: emu.apiSecret, baseUrl: emu.apiBase })
  return client.createInvoice({ network, amount, timerMinutes: 30 })
}

async function handoffFor(collection: string, over: Partial<CheckoutHandoff> = {}) {
  const inv = await emulatorInvoice(over.amount_due_usdt ?? "26.1", over.network ?? "TRC20")
  const h: CheckoutHandoff = {
    kind: "checkout",
    payment_collection_id: collection,
    cart_id: "cart_1",
    network: "TRC20",
    amount_due_usdt: "26.1",
    amount: "26.1",
    currency_code: "usd",
    exchange_rate: "1",
    flow: "pay_first",
    tolerance: "0",
    invoice: {
      transaction_id: inv.transactionId,
      invoice_no: inv.invoiceNo,
      payment_url: inv.paymentUrl,
      wallet_address: inv.walletAddress,
      expires_at: inv.expiresAt,
    },
    ...over,
  }
  return { ref: issueHandoff(h), handoff: h }
}

function initiate(p: ThreePayProviderService, session: string, data: Record<string, unknown>, amount: unknown = 26.1, currency = "usd") {
  return p.initiatePayment({
    amount: amount as number,
    currency_code: currency,
    data: { session_id: session, ...data },
    context: { idempotency_key: session },
  })
}

async function expectCode(p: Promise<unknown>, code: string) {
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
  sessions = { payses_a: "pay_col_A", payses_b: "pay_col_B" }
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
    [{ ...ok, underpaymentToleranceBps: 10_001 }, "`underpaymentToleranceBps`"],
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

describe("initiatePayment: only the checkout workflow's hand-over opens a session", () => {
  it("refuses without a hand-over, and creates no invoice at 3PAY", async () => {
    const before = emu.control.invoices().length
    await expectCode(initiate(provider(), "payses_a", { network: "TRC20" }), "threepay_handoff_required")
    expect(emu.control.invoices()).toHaveLength(before)
    expect(emu.control.calls()["POST /transaction/create"] ?? 0).toBe(0)
  })

  it("shows the handed-over invoice, only what a storefront may see, without calling 3PAY", async () => {
    const { ref, handoff } = await handoffFor("pay_col_A")
    emu.control.resetCalls()
    const out = await initiate(provider(), "payses_a", { network: "TRC20", [HANDOFF_FIELD]: ref })
    expect(Object.keys(emu.control.calls())).toHaveLength(0)
    expect(out.id).toBe(handoff.invoice.transaction_id)
    expect(out.status).toBe(PaymentSessionStatus.PENDING)
    expect(out.data).toMatchObject({
      network: "TRC20",
      currency_type: "USDT-TRC20",
      amount_usdt: "26.1",
      transaction_id: handoff.invoice.transaction_id,
      payment_url: handoff.invoice.payment_url,
      status: "awaiting_payment",
      amount_missing: "26.1",
    })
    expect(out.data![HANDOFF_FIELD]).toBeUndefined()
    const text = JSON.stringify(out.data)
    for (const s of SECRETS) expect(text).not.toContain(s)
  })

  it("a hand-over is bound to its payment collection: cart A's is refused in a session of cart B", async () => {
    const { ref } = await handoffFor("pay_col_A")
    await expectCode(initiate(provider(), "payses_b", { network: "TRC20", [HANDOFF_FIELD]: ref }), "threepay_handoff_invalid")
  })

  it("a hand-over works once", async () => {
    const { ref } = await handoffFor("pay_col_A")
    await initiate(provider(), "payses_a", { [HANDOFF_FIELD]: ref })
    await expectCode(initiate(provider(), "payses_a", { [HANDOFF_FIELD]: ref }), "threepay_handoff_invalid")
  })

  it("refuses a forged or unknown reference, and one for another amount than Medusa's", async () => {
    await expectCode(initiate(provider(), "payses_a", { [HANDOFF_FIELD]: "tph_forged" }), "threepay_handoff_invalid")
    const { ref } = await handoffFor("pay_col_A")
    await expectCode(initiate(provider(), "payses_a", { [HANDOFF_FIELD]: ref }, 30), "threepay_handoff_invalid")
  })

  it("reads Medusa's { value, precision } amounts and other currencies exactly", async () => {
    const eur = await handoffFor("pay_col_A", { amount_due_usdt: "16.1784", amount: "14.98", currency_code: "eur", exchange_rate: "1.08" })
    const out = await initiate(provider(), "payses_a", { [HANDOFF_FIELD]: eur.ref }, { value: "14.98", precision: 20 }, "EUR")
    expect(out.data).toMatchObject({ amount_usdt: "16.1784", currency_code: "eur", exchange_rate: "1.08" })
  })
})

describe("authorizePayment and friends: the settlement hand-over, or a fresh read of 3PAY", () => {
  async function session(opts: { flow?: "pay_first" | "order_first"; tolerance?: string } = {}) {
    const { ref } = await handoffFor("pay_col_A", { flow: opts.flow ?? "pay_first", tolerance: opts.tolerance ?? "0" })
    const out = await initiate(provider(), "payses_a", { [HANDOFF_FIELD]: ref })
    return { data: { ...(out.data as Record<string, unknown>), session_id: "payses_a" }, tx: String(out.data!.transaction_id) }
  }

  it("unpaid is pending in pay_first and pending_authorization in order_first", async () => {
    const a = await session()
    expect((await provider().authorizePayment({ data: a.data })).status).toBe(PaymentSessionStatus.PENDING)
    const b = await session({ flow: "order_first" })
    expect((await provider().authorizePayment({ data: b.data })).status).toBe(PaymentSessionStatus.PENDING_AUTHORIZATION)
  })

  it("'amount confirmed' is still pending", async () => {
    emu.control.updateSettings({ twoStepDelayMs: 60_000 })
    const { data, tx } = await session()
    await emu.control.pay(tx, { mode: "two_step" })
    const out = await provider().authorizePayment({ data })
    expect(out.status).toBe(PaymentSessionStatus.PENDING)
    expect(out.data).toMatchObject({ status: "confirming" })
  })

  it("paid in full is captured, with the tx hash and its explorer link", async () => {
    const { data, tx } = await session()
    await emu.control.pay(tx, { mode: "full" })
    const out = await provider().authorizePayment({ data })
    expect(out.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(out.data).toMatchObject({ status: "paid", amount_received: "26.1", amount_missing: "0" })
    expect(String(out.data!.tx_explorer_url)).toContain("nile.tronscan.org")
  })

  it("underpaid requires more and says how much is missing; within the tolerance it is paid", async () => {
    const a = await session()
    await emu.control.pay(a.tx, { mode: "under", amount: "20" })
    const out = await provider().authorizePayment({ data: a.data })
    expect(out.status).toBe(PaymentSessionStatus.REQUIRES_MORE)
    expect(out.data).toMatchObject({ status: "underpaid", amount_missing: "6.1" })
    const b = await session({ tolerance: "6.1" })
    await emu.control.pay(b.tx, { mode: "under", amount: "20" })
    expect((await provider().authorizePayment({ data: b.data })).status).toBe(PaymentSessionStatus.CAPTURED)
  })

  it("fails closed: 'confirmed' without the amount received is not captured", async () => {
    const { data, tx } = await session()
    emu.control.setFaults({ variants: { omitActualBalance: true } })
    await emu.control.pay(tx, { mode: "full" })
    const out = await provider().authorizePayment({ data })
    expect(out.status).toBe(PaymentSessionStatus.PENDING)
    expect(out.data).toMatchObject({ status: "confirming" })
  })

  it("expired is canceled; a payment reported on the other network is an error", async () => {
    const a = await session()
    await emu.control.expire(a.tx)
    expect((await provider().authorizePayment({ data: a.data })).status).toBe(PaymentSessionStatus.CANCELED)
    const b = await session()
    await emu.control.pay(b.tx, { mode: "full", wrongNetwork: true })
    expect((await provider().authorizePayment({ data: b.data })).status).toBe(PaymentSessionStatus.ERROR)
  })

  it("a settlement handed over by the sync workflow is captured without asking 3PAY", async () => {
    const { data, tx } = await session()
    issueHandoff({ kind: "settlement", session_id: "payses_a", transaction_ids: [tx], received_usdt: "26.1", data: { status: "paid" } })
    emu.control.resetCalls()
    const out = await provider().authorizePayment({ data, context: { idempotency_key: "payses_a" } })
    expect(out.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(Object.keys(emu.control.calls())).toHaveLength(0)
  })

  it("never trusts the storefront's data: a session without our invoice is refused", async () => {
    await expectCode(provider().authorizePayment({ data: { status: "paid", network: "TRC20" } }), "threepay_session_not_found")
  })
})

describe("updatePayment, cancelPayment, deletePayment, refundPayment, webhooks", () => {
  it("updatePayment takes only the sync workflow's hand-over; anything else changes nothing", async () => {
    expect(await provider().updatePayment({ amount: 1, currency_code: "usd", data: { status: "paid" } })).toEqual({})
    const ref = issueHandoff({ kind: "session_update", session_id: "payses_a", data: { status: "underpaid", amount_missing: "6.1" } })
    const out = await provider().updatePayment({ amount: 26.1, currency_code: "usd", data: { [HANDOFF_FIELD]: ref } })
    expect(out.data).toMatchObject({ status: "underpaid", amount_missing: "6.1" })
  })

  it("deletePayment keeps the invoice (it may be reused); cancelPayment cancels it, and an invoice already final is fine", async () => {
    const { ref, handoff } = await handoffFor("pay_col_A")
    const out = await initiate(provider(), "payses_a", { [HANDOFF_FIELD]: ref })
    await provider().deletePayment({ data: out.data })
    expect(emu.control.invoice(handoff.invoice.transaction_id).status).toBe("initiated")
    await provider().cancelPayment({ data: out.data })
    expect(emu.control.invoice(handoff.invoice.transaction_id).status).toBe("cancelled")
    await expect(provider().cancelPayment({ data: out.data })).resolves.toBeDefined()
  })

  it("refundPayment refuses a refund without a destination and points to the order's USDT refund", async () => {
    const e = await expectCode(provider().refundPayment({ amount: 1, data: {} }), "threepay_refund_not_supported")
    expect(e.message).toContain("Refund in USDT")
  })

  it("refundPayment returns, sending nothing, for a refund the refund workflow handed over (once)", async () => {
    const data = { transaction_id: "tx_refunded", network: "TRC20", amount_usdt: "10", environment: "sandbox", status: "paid" }
    issueHandoff({ kind: "refund", transaction_id: "tx_refunded", refund_id: "tpref_1" })
    await expect(provider().refundPayment({ amount: 1, data })).resolves.toEqual({ data })
    await expectCode(provider().refundPayment({ amount: 1, data }), "threepay_refund_not_supported")
  })

  it("Medusa's core webhook route settles nothing through the provider (the plugin's intake does)", async () => {
    const out = await provider().getWebhookActionAndData({ data: {}, rawData: Buffer.from("{}"), headers: {} })
    expect(out.action).toBe(PaymentActions.NOT_SUPPORTED)
  })
})
