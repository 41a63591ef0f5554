import { verifyWebhookSignature } from "medusa-payment-3pay-client"
import type { EmulatorHandle } from "../index"
import { api, createInvoice, startReceiver, startTestEmulator, T0, type Receiver } from "./helpers"

describe("payment simulation", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    emu = await startTestEmulator({ webhookUrl: hook.url, webhookSecret: "whsec_unit" })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  const verify = async (id: string) => (await api(emu, "/public/transaction/verify", { query: { transactionId: id } })).json.data

  it.each([
    // network, amount, mode, actualBalance, fee, netAmount
    ["USDT-TRC20", "100", "full", 100, 1, 99],
    ["USDT-TRC20", "250", "full", 250, 2.5, 247.5],
    ["USDT-ERC20", "100", "full", 100, 1.5, 98.5],
    ["USDT-ERC20", "300", "full", 300, 3, 297],
    ["USDT-TRC20", "100", "under", 99, 1, 98],
    ["USDT-TRC20", "100", "over", 101, 1.01, 99.99],
    ["USDT-TRC20", "123.456789", "full", 123.456789, 1.234568, 122.222221],
    ["USDT-TRC20", "1", "under", 0.5, 0.5, 0],
  ])("%s %s paid %s → actualBalance %s, fee %s, netAmount %s", async (currencyType, amount, mode, actual, fee, net) => {
    const c = await createInvoice(emu, { currencyType, amount })
    await emu.control.pay(c.json.transactionId, { mode: mode as "full" | "under" | "over" })
    const d = await verify(c.json.transactionId)
    expect(d).toMatchObject({ status: "confirmed", amount: Number(amount), actualBalance: actual, fee, netAmount: net })
    expect(d.confirmedAt).toBe(new Date(T0).toISOString())
    expect(d.blockchainTxHash).toMatch(currencyType === "USDT-TRC20" ? /^[0-9a-f]{64}$/ : /^0x[0-9a-f]{64}$/)
    expect(hook.received).toHaveLength(1)
    expect(hook.received[0].json.data).toMatchObject({ status: "confirmed", actualBalance: actual, fee, netAmount: net })
  })

  it("sends the documented webhook body, signed with HMAC-SHA256 over the raw body", async () => {
    const c = await createInvoice(emu, { amount: "100" })
    await emu.control.pay(c.json.transactionId)
    const [w] = hook.received
    expect(w.headers["content-type"]).toBe("application/json")
    expect(w.headers["x-webhook-test"]).toBeUndefined()
    expect(verifyWebhookSignature(w.body, w.headers["x-webhook-signature"], ["whsec_unit"])).toEqual({ valid: true, secretIndex: 0 })
    expect(verifyWebhookSignature(w.body, w.headers["x-webhook-signature"], ["other"]).valid).toBe(false)
    expect(verifyWebhookSignature(w.body + " ", w.headers["x-webhook-signature"], ["whsec_unit"]).valid).toBe(false)
    expect(w.json.success).toBe(true)
    expect(w.json.message).toBe("Transaction status update")
    expect(Object.keys(w.json.data).sort()).toEqual(
      [
        "type", "transactionId", "clientId", "amount", "fee", "netAmount", "actualBalance", "currencyType",
        "status", "createdAt", "confirmedAt", "blockchainTxHash", "walletAddress", "network", "id",
      ].sort()
    )
    expect(w.json.data).toMatchObject({
      type: "deposit",
      transactionId: c.json.transactionId,
      id: c.json.transactionId,
      currencyType: "USDT-TRC20",
      network: "USDT-TRC20",
      walletAddress: c.json.walletAddress,
      clientId: expect.stringMatching(/^[0-9a-f]{24}$/),
    })
    expect(c.json.invoiceNo).toContain(w.json.data.clientId)
    const [d] = emu.control.deliveries()
    expect(d).toMatchObject({ deliveryStatus: "delivered", attempts: 1, responseStatus: 200, url: hook.url, body: w.body })
  })

  it("prefers the invoice's webhookUrl over the account URL", async () => {
    const other = await startReceiver()
    try {
      const c = await createInvoice(emu, { webhookUrl: other.url })
      await emu.control.pay(c.json.transactionId)
      expect(other.received).toHaveLength(1)
      expect(hook.received).toHaveLength(0)
    } finally {
      await other.stop()
    }
  })

  it("two_step: amount confirmed, then confirmed after the configured delay", async () => {
    await emu.stop()
    emu = await startTestEmulator({ webhookUrl: hook.url, twoStepDelayMs: 30_000 })
    const c = await createInvoice(emu, { amount: "50" })
    await emu.control.pay(c.json.transactionId, { mode: "two_step" })
    expect((await verify(c.json.transactionId)).status).toBe("amount confirmed")
    expect(hook.received.map((w) => w.json.data.status)).toEqual(["amount confirmed"])
    expect(hook.received[0].json.data).toMatchObject({ actualBalance: 50, fee: 1, netAmount: 49, confirmedAt: null })
    await emu.control.advance(29_999)
    expect(hook.received).toHaveLength(1)
    await emu.control.advance(1)
    expect(hook.received.map((w) => w.json.data.status)).toEqual(["amount confirmed", "confirmed"])
    expect(hook.received[1].json.data.confirmedAt).toBe(new Date(T0 + 30_000).toISOString())
    expect((await verify(c.json.transactionId)).status).toBe("confirmed")
  })

  it.each([
    ["confirmed", "confirmed"],
    ["underpaid", "underpaid"],
    ["amount confirmed", "amount confirmed"],
  ] as const)("an underpayment gets the configured status %s", async (setting, expected) => {
    emu.control.updateSettings({ underpaymentStatus: setting, underpayShortfall: "10" })
    const c = await createInvoice(emu, { amount: "100" })
    await emu.control.pay(c.json.transactionId, { mode: "under" })
    const d = await verify(c.json.transactionId)
    expect(d).toMatchObject({ status: expected, actualBalance: 90, amount: 100 })
    expect(hook.received[0].json.data.status).toBe(expected)
  })

  it("pays an explicit amount", async () => {
    const c = await createInvoice(emu, { amount: "100" })
    await emu.control.pay(c.json.transactionId, { mode: "full", amount: "37.25" })
    expect(await verify(c.json.transactionId)).toMatchObject({ actualBalance: 37.25, status: "confirmed" })
  })

  it("expires when the timer runs out and sends a deposit webhook with status expired", async () => {
    const c = await createInvoice(emu, { timer: "2" })
    await emu.control.advance(119_999)
    expect((await verify(c.json.transactionId)).status).toBe("initiated")
    expect(hook.received).toHaveLength(0)
    await emu.control.advance(1)
    expect((await verify(c.json.transactionId)).status).toBe("expired")
    expect(hook.received).toHaveLength(1)
    expect(hook.received[0].json.data).toMatchObject({
      type: "deposit",
      status: "expired",
      transactionId: c.json.transactionId,
      actualBalance: 0,
      fee: 0,
      netAmount: 0,
      blockchainTxHash: null,
    })
  })

  it("expire action, and a paid invoice never expires", async () => {
    const a = await createInvoice(emu)
    const b = await createInvoice(emu)
    await emu.control.expire(a.json.transactionId)
    await emu.control.pay(b.json.transactionId)
    await emu.control.advance(3600_000)
    expect((await verify(a.json.transactionId)).status).toBe("expired")
    expect((await verify(b.json.transactionId)).status).toBe("confirmed")
    expect(hook.received.map((w) => w.json.data.status)).toEqual(["expired", "confirmed"])
    await expect(emu.control.expire(b.json.transactionId)).rejects.toThrow(/only initiated/)
    await expect(emu.control.pay(b.json.transactionId)).rejects.toThrow(/only initiated/)
  })

  it("late payment after expiry: refused unless late (or the latePayments fault), then confirmed + webhook", async () => {
    const c = await createInvoice(emu)
    await emu.control.expire(c.json.transactionId)
    await expect(emu.control.pay(c.json.transactionId)).rejects.toThrow(/expired/)
    const inv = await emu.control.pay(c.json.transactionId, { late: true })
    expect(inv).toMatchObject({ status: "confirmed", late: true })
    expect(hook.received.map((w) => w.json.data.status)).toEqual(["expired", "confirmed"])

    const d = await createInvoice(emu)
    await emu.control.expire(d.json.transactionId)
    emu.control.setFaults({ latePayments: true })
    expect((await emu.control.pay(d.json.transactionId)).status).toBe("confirmed")
  })

  it("wrong network: the invoice reports the other network's currencyType, confirmed", async () => {
    const c = await createInvoice(emu, { currencyType: "USDT-TRC20", amount: "100" })
    await emu.control.pay(c.json.transactionId, { wrongNetwork: true })
    const d = await verify(c.json.transactionId)
    expect(d).toMatchObject({ status: "confirmed", currencyType: "USDT-ERC20", network: "USDT-ERC20", fee: 1.5 })
    expect(d.blockchainTxHash).toMatch(/^0x[0-9a-f]{64}$/)
    expect(hook.received[0].json.data.currencyType).toBe("USDT-ERC20")
    expect(emu.control.invoice(c.json.transactionId)).toMatchObject({ currencyType: "USDT-TRC20", paidCurrencyType: "USDT-ERC20" })

    emu.control.setFaults({ wrongNetwork: true })
    const e = await createInvoice(emu, { currencyType: "USDT-ERC20" })
    await emu.control.pay(e.json.transactionId)
    expect((await verify(e.json.transactionId)).currencyType).toBe("USDT-TRC20")
  })

  it("credits the merchant balance with the net amount", async () => {
    const start = Number(emu.control.account().totalAmt)
    const c = await createInvoice(emu, { amount: "100" })
    await emu.control.pay(c.json.transactionId)
    expect(Number(emu.control.account().totalAmt)).toBe(start + 99)
  })
})
