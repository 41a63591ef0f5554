import { parseCliArgs, banner } from "../cli"
import { startEmulator, type EmulatorHandle } from "../index"
import { api, control, createInvoice, startReceiver, startTestEmulator, T0, type Receiver } from "./helpers"

describe("control API over HTTP", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    emu = await startTestEmulator({ webhookUrl: hook.url })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  it("indexes every route", async () => {
    const r = await control(emu, "")
    expect(r.json.apiBase).toBe(emu.apiBase)
    const names = r.json.endpoints.api.map((e: any) => e.name)
    expect(names).toEqual(
      expect.arrayContaining(["transaction.create", "transaction.verify", "transaction.list", "transaction.cancel", "wallet.generate", "webhook.events"])
    )
    expect((await fetch(emu.url + "/")).status).toBe(200)
  })

  it("lists invoices, pays, expires, advances the clock", async () => {
    const a = await createInvoice(emu)
    const b = await createInvoice(emu, { timer: "1" })
    expect((await control(emu, "/invoices")).json.invoices).toHaveLength(2)
    const paid = await control(emu, `/invoices/${a.json.invoiceNo}/pay`, { mode: "over" })
    expect(paid.json.invoice).toMatchObject({ transactionId: a.json.transactionId, status: "confirmed", actualBalance: "101" })
    expect((await control(emu, `/invoices/${a.json.transactionId}/pay`, { mode: "full" })).status).toBe(400)
    expect((await control(emu, `/invoices/${b.json.transactionId}/pay`, { mode: "sideways" })).status).toBe(400)
    expect((await control(emu, `/invoices/${b.json.transactionId}/pay`, { amount: "-1" })).status).toBe(400)
    expect((await control(emu, "/invoices/unknown/pay", {})).status).toBe(404)
    const adv = await control(emu, "/advance", { ms: 60_000 })
    expect(adv.json.iso).toBe(new Date(T0 + 60_000).toISOString())
    expect((await control(emu, `/invoices/${b.json.transactionId}`)).json.invoice.status).toBe("expired")
    expect((await control(emu, "/invoices?status=expired")).json.invoices.map((i: any) => i.transactionId)).toEqual([b.json.transactionId])
    const c = await createInvoice(emu)
    expect((await control(emu, `/invoices/${c.json.transactionId}/expire`, {})).json.invoice.status).toBe("expired")
    expect((await control(emu, "/advance", { ms: -1 })).status).toBe(400)
  })

  it("lists deliveries and activity, and counts calls per endpoint name", async () => {
    const a = await createInvoice(emu)
    await api(emu, "/public/transaction/verify", { query: { transactionId: a.json.transactionId } })
    const v = await api(emu, "/public/transaction/verify", { query: { transactionId: a.json.transactionId }, headers: { "x-request-id": "req-7" } })
    expect(v.headers.get("x-request-id")).toBe("req-7")
    expect(emu.control.callLog()[2].requestId).toBe("req-7")
    await control(emu, `/invoices/${a.json.transactionId}/pay`, {})
    const d = await control(emu, `/deliveries?transactionId=${a.json.transactionId}`)
    expect(d.json.deliveries).toHaveLength(1)
    expect(d.json.deliveries[0]).toMatchObject({ eventType: "deposit", deliveryStatus: "delivered", payload: { data: { status: "confirmed" } } })
    const calls = await control(emu, "/calls")
    expect(calls.json.counts).toEqual({ "transaction.create": 1, "transaction.verify": 2 })
    expect(calls.json.log.map((c: any) => c.status)).toEqual([200, 200, 200])
    await control(emu, "/calls/reset", {})
    expect(emu.control.calls()).toEqual({})
    const events = (await control(emu, "/events")).json.events.map((e: any) => e.type)
    expect(events).toEqual(expect.arrayContaining(["invoice.created", "invoice.paid", "invoice.status", "webhook.delivered"]))
  })

  it("sets and resets faults, settings; flushes held webhooks", async () => {
    await control(emu, "/faults", { webhookOutOfOrder: true })
    const a = await createInvoice(emu)
    await control(emu, `/invoices/${a.json.transactionId}/pay`, { mode: "two_step" })
    await control(emu, "/advance", { ms: 5000 })
    expect(hook.received).toHaveLength(0)
    expect((await control(emu, "/webhooks/flush", {})).json.sent).toBe(2)
    expect(hook.received.map((r) => r.json.data.status)).toEqual(["confirmed", "amount confirmed"])
    expect((await control(emu, "/faults/reset", {})).json.faults.webhookOutOfOrder).toBe(false)

    const s = await control(emu, "/settings", { depositFeePercent: "2", depositMinFee: { TRC20: "3" } })
    expect(s.json.settings).toMatchObject({ depositFeePercent: "2", depositMinFee: { TRC20: "3", ERC20: "1.5" } })
    expect((await control(emu, "/settings", { underpaymentStatus: "lost" })).status).toBe(400)
    expect((await control(emu, "/settings", { timeScale: -1 })).status).toBe(400)
    const b = await createInvoice(emu, { amount: "100" })
    expect((await control(emu, `/invoices/${b.json.transactionId}/pay`, {})).json.invoice.fee).toBe("3")
  })

  it("reset forgets everything and restarts the seeded sequence", async () => {
    const first = await createInvoice(emu)
    emu.control.setFaults({ latencyMs: 5, webhookDuplicates: 2 })
    emu.control.updateSettings({ minInvoiceAmount: "50" })
    await control(emu, "/reset", {})
    expect(emu.control.invoices()).toEqual([])
    expect(emu.control.deliveries()).toEqual([])
    expect(emu.control.faults()).toMatchObject({ latencyMs: 0, webhookDuplicates: 1 })
    expect(emu.control.settings().minInvoiceAmount).toBe("1")
    const again = await createInvoice(emu)
    expect(again.json.transactionId).toBe(first.json.transactionId)
    expect(again.json.invoiceNo).toBe(first.json.invoiceNo)
    expect(again.json.walletAddress).toBe(first.json.walletAddress)
  })

  it("account, wallets deposit endpoint, clock", async () => {
    const acc = await control(emu, "/account")
    expect(acc.json).toMatchObject({ account: { webhookUrl: hook.url, totalAmt: "10000", pendingAmt: "0" }, webhookSecret: "emu_webhook_secret" })
    await api(emu, "/public/wallet/generate", { body: { userId: "z", email: "z@z.io" } })
    const dep = await control(emu, "/wallets/z/deposit", { amount: "10", currencyType: "USDT-ERC20" })
    expect(dep.json.transaction).toMatchObject({ type: "deposit", amount: "10", fee: "1.5", netAmount: "8.5" })
    expect((await control(emu, "/wallets/ghost/deposit", { amount: "10" })).status).toBe(404)
    const clock = await control(emu, "/clock")
    expect(clock.json.now).toBe(T0)
  })
})

describe("determinism", () => {
  it("two emulators with the same seed and clock produce the same ids, addresses and hashes", async () => {
    const run = async () => {
      const emu = await startTestEmulator({ seed: "same" })
      try {
        const a = await createInvoice(emu, { currencyType: "USDT-ERC20" })
        await emu.control.pay(a.json.transactionId)
        const v = await api(emu, "/public/transaction/verify", { query: { transactionId: a.json.transactionId } })
        return { ...a.json, url: new URL(a.json.url).pathname, hash: v.json.data.blockchainTxHash, createdAt: v.json.data.createdAt }
      } finally {
        await emu.stop()
      }
    }
    const [x, y] = [await run(), await run()]
    expect(x).toEqual(y)
    const other = await startTestEmulator({ seed: "different" })
    try {
      expect((await createInvoice(other)).json.transactionId).not.toBe(x.transactionId)
    } finally {
      await other.stop()
    }
  })

  it("without a seed, ids differ between runs", async () => {
    const a = await startEmulator({ rateLimits: false })
    const b = await startEmulator({ rateLimits: false })
    try {
      expect((await createInvoice(a)).json.transactionId).not.toBe((await createInvoice(b)).json.transactionId)
    } finally {
      await a.stop()
      await b.stop()
    }
  })

  it("stop() ends hanging requests and is idempotent", async () => {
    const emu = await startTestEmulator()
    emu.control.setFaults({ next: { kind: "timeout" } })
    const hanging = api(emu, "/public/transaction/list").then(
      () => "answered",
      () => "closed"
    )
    await new Promise((r) => setTimeout(r, 30))
    await Promise.all([emu.stop(), emu.stop()])
    expect(await hanging).toBe("closed")
  })
})

describe("CLI", () => {
  it("parses flags with the documented defaults", () => {
    expect(parseCliArgs([])).toMatchObject({ port: 4010, rateLimits: true })
    expect(
      parseCliArgs([
        "--port", "0", "--host", "0.0.0.0", "--api-key", "k", "--api-secret", "s", "--webhook-secret", "w",
        "--webhook-url", "http://localhost:9000/hooks/payment/3pay_3pay", "--time-scale", "0.001", "--seed", "42", "--no-rate-limits",
      ])
    ).toMatchObject({
      port: 0,
      host: "0.0.0.0",
      apiKey: "k",
      apiSecret: "s",
      webhookSecret: "w",
      webhookUrl: "http://localhost:9000/hooks/payment/3pay_3pay",
      timeScale: 0.001,
      seed: "42",
      rateLimits: false,
    })
    expect(() => parseCliArgs(["--port", "abc"])).toThrow(/--port/)
    expect(() => parseCliArgs(["--bogus"])).toThrow()
  })

  it("prints the API base, page pattern, control URL and keys", async () => {
    const emu = await startEmulator({ rateLimits: false })
    try {
      const text = banner(emu, false, undefined)
      expect(text).toContain(emu.apiBase)
      expect(text).toContain(`${emu.url}/s/<code>`)
      expect(text).toContain(emu.controlUrl)
      expect(text).toContain('apiKey: "emu_test_key"')
      expect(text).toContain('webhookSecret: "emu_webhook_secret"')
      expect(text).toContain(`THREEPAY_BASE_URL=${emu.apiBase}`)
    } finally {
      await emu.stop()
    }
  })
})
