import { normalizeInvoiceStatus } from "medusa-payment-3pay-client"
import type { EmulatorHandle } from "../index"
import { api, control, createInvoice, startReceiver, startTestEmulator, type Receiver } from "./helpers"

describe("API faults", () => {
  let emu: EmulatorHandle
  beforeEach(async () => {
    emu = await startTestEmulator()
  })
  afterEach(() => emu.stop())

  it("answers the next N calls with a 5xx, then recovers", async () => {
    emu.control.setFaults({ next: { kind: "error", count: 2, status: 503 } })
    const a = await api(emu, "/public/transaction/list")
    const b = await api(emu, "/public/transaction/list")
    const c = await api(emu, "/public/transaction/list")
    expect([a.status, b.status, c.status]).toEqual([503, 503, 200])
    expect(a.json).toEqual({ success: false, error: { code: "INTERNAL_ERROR", message: expect.any(String), details: {} } })
    expect(emu.control.faults().next).toEqual([])
    expect(emu.control.callLog().map((l) => l.fault)).toEqual(["error", "error", null])
  })

  it("can answer with an HTML 502 like a proxy would", async () => {
    emu.control.setFaults({ next: { kind: "error", status: 502, html: true } })
    const r = await api(emu, "/public/transaction/list")
    expect(r.status).toBe(502)
    expect(r.headers.get("content-type")).toMatch(/text\/html/)
    expect(r.json).toBeNull()
  })

  it("targets one endpoint name only", async () => {
    emu.control.setFaults({ next: { kind: "error", endpoint: "transaction.create" } })
    expect((await api(emu, "/public/transaction/list")).status).toBe(200)
    expect((await createInvoice(emu)).status).toBe(500)
    expect((await createInvoice(emu)).status).toBe(200)
    expect(emu.control.invoices()).toHaveLength(1)
  })

  it("429 with Retry-After and RateLimit-* headers", async () => {
    emu.control.setFaults({ next: { kind: "rate_limit", retryAfterSeconds: 42, endpoint: "transaction.verify" } })
    const r = await api(emu, "/public/transaction/verify", { query: { transactionId: "x" } })
    expect(r.status).toBe(429)
    expect(r.headers.get("retry-after")).toBe("42")
    expect(r.headers.get("ratelimit-limit")).toBe("100")
    expect(r.headers.get("ratelimit-remaining")).toBe("0")
    expect(r.headers.get("ratelimit-reset")).toBe("42")
    expect(r.json.error.code).toBe("RATE_LIMITED")
  })

  it("timeout: never answers, the client has to abort", async () => {
    emu.control.setFaults({ next: { kind: "timeout", endpoint: "transaction.verify" } })
    const started = Date.now()
    await expect(api(emu, "/public/transaction/verify", { query: { transactionId: "x" }, signal: AbortSignal.timeout(150) })).rejects.toThrow()
    expect(Date.now() - started).toBeGreaterThanOrEqual(140)
    expect((await api(emu, "/public/transaction/verify", { query: { transactionId: "x" } })).status).toBe(404)
  })

  it("drop: the connection is destroyed", async () => {
    emu.control.setFaults({ next: { kind: "drop" } })
    await expect(api(emu, "/public/transaction/list")).rejects.toThrow(/fetch failed/)
    expect((await api(emu, "/public/transaction/list")).status).toBe(200)
  })

  it("afterHandler: the invoice is created, the answer is lost; search finds it", async () => {
    emu.control.setFaults({ next: { kind: "error", endpoint: "transaction.create", afterHandler: true } })
    const r = await createInvoice(emu, {}, { referenceId: "cart_ambiguous" })
    expect(r.status).toBe(500)
    const found = await api(emu, "/public/transaction/list", { query: { search: "cart_ambiguous" } })
    expect(found.json.data.docs).toHaveLength(1)
    expect(found.json.data.docs[0].referenceId).toBe("cart_ambiguous")
  })

  it("adds latency", async () => {
    emu.control.setFaults({ latencyMs: 120 })
    const started = Date.now()
    expect((await api(emu, "/public/transaction/list")).status).toBe(200)
    expect(Date.now() - started).toBeGreaterThanOrEqual(110)
    emu.control.resetFaults()
    expect(emu.control.faults().latencyMs).toBe(0)
  })

  it("rejects bad fault input over HTTP with 400", async () => {
    expect((await control(emu, "/faults", { next: { kind: "explode" } })).status).toBe(400)
    expect((await control(emu, "/faults", { next: { kind: "error", status: 404 } })).status).toBe(400)
    expect((await control(emu, "/faults", { variants: { bogus: true } })).status).toBe(400)
    const ok = await control(emu, "/faults", { next: [{ kind: "error" }, { kind: "drop", count: 2 }] })
    expect(ok.json.faults.next).toEqual([{ kind: "error", count: 1 }, { kind: "drop", count: 2 }])
    expect((await control(emu, "/faults", undefined, "DELETE")).json.faults.next).toEqual([])
  })
})

describe("response variants", () => {
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

  it("paymentUrl instead of url", async () => {
    emu.control.setFaults({ variants: { paymentUrl: true } })
    const r = await createInvoice(emu)
    expect(r.json.url).toBeUndefined()
    expect(r.json.paymentUrl).toMatch(/\/s\/[A-Za-z0-9]{8}$/)
  })

  it("create fields under data", async () => {
    emu.control.setFaults({ variants: { createUnderData: true, paymentUrl: true } })
    const r = await createInvoice(emu)
    expect(r.json.transactionId).toBeUndefined()
    expect(r.json).toMatchObject({ success: true, message: expect.any(String) })
    expect(Object.keys(r.json.data)).toEqual(
      expect.arrayContaining(["paymentUrl", "transactionId", "invoiceNo", "walletAddress", "expiresAt", "amount", "currencyType"])
    )
  })

  it("verify under date", async () => {
    const c = await createInvoice(emu)
    emu.control.setFaults({ variants: { verifyUnderDate: true } })
    const v = await api(emu, "/public/transaction/verify", { query: { transactionId: c.json.transactionId } })
    expect(v.json.data).toBeUndefined()
    expect(v.json.date.transactionId).toBe(c.json.transactionId)
  })

  it("old status words, also in webhooks and list filters", async () => {
    emu.control.setFaults({ variants: { legacyStatusWords: true } })
    const a = await createInvoice(emu)
    const b = await createInvoice(emu)
    const verify = async (id: string) => (await api(emu, "/public/transaction/verify", { query: { transactionId: id } })).json.data.status
    expect(await verify(a.json.transactionId)).toBe("Initiated")
    await emu.control.pay(a.json.transactionId, { mode: "two_step" })
    expect(await verify(a.json.transactionId)).toBe("Pending")
    await emu.control.advance(emu.control.settings().twoStepDelayMs)
    expect(await verify(a.json.transactionId)).toBe("Successful")
    await emu.control.expire(b.json.transactionId)
    expect(await verify(b.json.transactionId)).toBe("Expired")
    expect(hook.received.map((r) => r.json.data.status)).toEqual(["Pending", "Successful", "Expired"])
    expect(normalizeInvoiceStatus("Successful")).toBe("confirmed")
    const list = await api(emu, "/public/transaction/list", { query: { status: "Successful" } })
    expect(list.json.data.docs.map((d: any) => d.transactionId)).toEqual([a.json.transactionId])
  })

  it("amounts as strings, everywhere", async () => {
    emu.control.setFaults({ variants: { amountsAsStrings: true } })
    const c = await createInvoice(emu, { amount: "100.5" })
    expect(c.json.amount).toBe("100.5")
    await emu.control.pay(c.json.transactionId)
    const v = await api(emu, "/public/transaction/verify", { query: { transactionId: c.json.transactionId } })
    expect(v.json.data).toMatchObject({ amount: "100.5", actualBalance: "100.5", fee: "1.005", netAmount: "99.495" })
    expect(hook.received[0].json.data).toMatchObject({ amount: "100.5", fee: "1.005", netAmount: "99.495" })
  })

  it("flat errors: { success: false, message }", async () => {
    emu.control.setFaults({ variants: { flatErrors: true } })
    const r = await api(emu, "/public/transaction/list", { key: "wrong" })
    expect(r.status).toBe(401)
    expect(r.json).toEqual({ success: false, message: expect.any(String) })
  })
})
