import { verifyWebhookSignature } from "medusa-payment-3pay-client"
import { startEmulator, type EmulatorHandle } from "../index"
import { api, createInvoice, startReceiver, startTestEmulator, T0, type Receiver } from "./helpers"

const MIN = 60_000
const HOUR = 60 * MIN

describe("webhook delivery and redelivery", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    hook.state.status = 200
    hook.state.delayMs = 0
    emu = await startTestEmulator({ webhookUrl: hook.url })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  it("retries after 1 min, 5 min, 30 min, 2 h, 12 h on the emulator clock, then stays failed", async () => {
    hook.state.status = 500
    const c = await createInvoice(emu)
    await emu.control.pay(c.json.transactionId)
    let [d] = emu.control.deliveries()
    expect(d).toMatchObject({ deliveryStatus: "pending", attempts: 1, responseStatus: 500, nextAttemptAt: new Date(T0 + MIN).toISOString() })
    await emu.control.advance(MIN - 1)
    expect(hook.received).toHaveLength(1)
    await emu.control.advance(1)
    expect(hook.received).toHaveLength(2)
    await emu.control.advance(5 * MIN + 30 * MIN + 2 * HOUR + 12 * HOUR)
    expect(hook.received).toHaveLength(6)
    ;[d] = emu.control.deliveries()
    expect(d).toMatchObject({ deliveryStatus: "failed", attempts: 6, nextAttemptAt: null })
    const offsets = d.log.map((l) => (Date.parse(l.at) - T0) / MIN)
    expect(offsets).toEqual([0, 1, 6, 36, 156, 876])
    // identical bytes each time
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1)
    await emu.control.advance(72 * HOUR)
    expect(hook.received).toHaveLength(6)

    // listed as failed, then retried by hand
    const failed = await api(emu, "/webhook/events", { query: { deliveryStatus: "failed" } })
    expect(failed.json.data.docs.map((e: any) => e.id)).toEqual([d.id])
    expect(failed.json.data.docs[0]).toMatchObject({ eventType: "deposit", transactionId: c.json.transactionId, attempts: 6, responseStatus: 500 })
    expect((await api(emu, "/webhook/events", { query: { deliveryStatus: "delivered" } })).json.data.docs).toEqual([])
    hook.state.status = 200
    const r = await api(emu, `/webhook/retry/${d.id}`, { method: "POST" })
    expect(r.status).toBe(200)
    expect(r.json.data).toEqual({ id: d.id, deliveryStatus: "delivered" })
    expect(hook.received).toHaveLength(7)
    expect(emu.control.deliveries()[0]).toMatchObject({ deliveryStatus: "delivered", attempts: 7, responseStatus: 200 })
  })

  it("a manual retry that fails leaves the delivery failed, with no new schedule", async () => {
    hook.state.status = 503
    const c = await createInvoice(emu)
    await emu.control.pay(c.json.transactionId)
    const [d] = emu.control.deliveries()
    const r = await api(emu, `/webhook/retry/${d.id}`, { method: "POST" })
    expect(r.json.data.deliveryStatus).toBe("failed")
    await emu.control.advance(24 * HOUR)
    expect(hook.received).toHaveLength(2)
  })

  it("timeScale shrinks the schedule (clock-driven)", async () => {
    await emu.stop()
    emu = await startTestEmulator({ webhookUrl: hook.url, timeScale: 0.001 })
    hook.state.status = 500
    const c = await createInvoice(emu)
    await emu.control.pay(c.json.transactionId)
    expect(emu.control.deliveries()[0].nextAttemptAt).toBe(new Date(T0 + 60).toISOString())
    await emu.control.advance(60)
    await emu.control.advance(300)
    expect(hook.received).toHaveLength(3)
  })

  it("timeScale with real time: retries fire from the background timer", async () => {
    const real = await startEmulator({ webhookUrl: hook.url, timeScale: 0.001, rateLimits: false })
    try {
      hook.state.status = 500
      const c = await createInvoice(real)
      await real.control.pay(c.json.transactionId)
      const [d] = await real.control.waitForDeliveries((ds) => ds[0]?.log.length >= 3, 3000)
      const t = d.log.map((l) => Date.parse(l.at))
      expect(t[1] - t[0]).toBeGreaterThanOrEqual(60)
      expect(t[2] - t[1]).toBeGreaterThanOrEqual(300)
    } finally {
      await real.stop()
    }
  })

  it("a slow endpoint times out and counts as a failure", async () => {
    await emu.stop()
    emu = await startTestEmulator({ webhookUrl: hook.url, webhookTimeoutMs: 50 })
    hook.state.delayMs = 300
    const c = await createInvoice(emu)
    await emu.control.pay(c.json.transactionId)
    expect(emu.control.deliveries()[0]).toMatchObject({ deliveryStatus: "pending", responseStatus: null, error: expect.stringMatching(/timeout/) })
  })

  it("records a failure when no webhook URL is configured", async () => {
    emu.control.setWebhookUrl(null)
    const c = await createInvoice(emu)
    await emu.control.pay(c.json.transactionId)
    expect(emu.control.deliveries()[0]).toMatchObject({ deliveryStatus: "failed", url: null, attempts: 0 })
  })
})

describe("webhook faults", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    hook.state.status = 200
    emu = await startTestEmulator({ webhookUrl: hook.url })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  it("drop (skip): the webhook is never sent but recorded; later ones go out", async () => {
    emu.control.setFaults({ webhookDrop: { mode: "skip", count: 1 } })
    const a = await createInvoice(emu)
    await emu.control.pay(a.json.transactionId)
    expect(hook.received).toHaveLength(0)
    expect(emu.control.deliveries()[0]).toMatchObject({ dropped: "skip", deliveryStatus: "delivered" })
    await emu.control.advance(24 * HOUR)
    expect(hook.received).toHaveLength(0)
    const b = await createInvoice(emu)
    await emu.control.pay(b.json.transactionId)
    expect(hook.received).toHaveLength(1)
    expect(emu.control.faults().webhookDrop).toBeNull()
  })

  it("drop (ignore): sent, the failure is ignored, never retried", async () => {
    emu.control.setFaults({ webhookDrop: { mode: "ignore" } })
    hook.state.status = 500
    const a = await createInvoice(emu)
    await emu.control.pay(a.json.transactionId)
    await emu.control.advance(24 * HOUR)
    expect(hook.received).toHaveLength(1)
    expect(emu.control.deliveries()[0]).toMatchObject({ dropped: "ignore", deliveryStatus: "delivered", attempts: 1, responseStatus: 500 })
  })

  it("duplicates: each webhook is sent N times with identical body and signature", async () => {
    emu.control.setFaults({ webhookDuplicates: 3 })
    const a = await createInvoice(emu)
    await emu.control.pay(a.json.transactionId)
    expect(hook.received).toHaveLength(3)
    expect(new Set(hook.received.map((r) => r.body + r.headers["x-webhook-signature"])).size).toBe(1)
    const ds = emu.control.deliveries()
    expect(ds.map((d) => d.duplicateOf)).toEqual([null, ds[0].id, ds[0].id])
  })

  it("out of order: held until flush, then each invoice's webhooks newest first", async () => {
    emu.control.setFaults({ webhookOutOfOrder: true })
    const a = await createInvoice(emu)
    const b = await createInvoice(emu)
    await emu.control.pay(a.json.transactionId, { mode: "two_step" })
    await emu.control.advance(emu.control.settings().twoStepDelayMs)
    await emu.control.expire(b.json.transactionId)
    expect(hook.received).toHaveLength(0)
    expect(emu.control.deliveries().every((d) => d.held && d.deliveryStatus === "pending")).toBe(true)
    expect(await emu.control.flushWebhooks()).toBe(3)
    expect(hook.received.map((r) => `${r.json.data.transactionId === a.json.transactionId ? "a" : "b"}:${r.json.data.status}`)).toEqual([
      "a:confirmed",
      "a:amount confirmed",
      "b:expired",
    ])
    expect(emu.control.deliveries().every((d) => !d.held && d.deliveryStatus === "delivered")).toBe(true)
  })
})

describe("webhook management endpoints", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeEach(async () => {
    hook = await startReceiver()
    emu = await startTestEmulator({ webhookSecret: "emu_webhook_secret_1234abcd" })
  })
  afterEach(async () => {
    await emu.stop()
    await hook.stop()
  })

  it("sets the URL (400 on a bad one) and sends a test delivery with X-Webhook-Test", async () => {
    expect((await api(emu, "/webhook/test", { method: "POST" })).status).toBe(400)
    expect((await api(emu, "/webhook/url", { body: { webhookUrl: "nope" } })).status).toBe(400)
    const set = await api(emu, "/webhook/url", { body: { webhookUrl: hook.url } })
    expect(set.json.data).toEqual({ webhookUrl: hook.url })
    const t = await api(emu, "/webhook/test", { method: "POST" })
    expect(t.json.data).toEqual({ eventId: expect.stringMatching(/^[0-9a-f]{24}$/), delivered: true, statusCode: 200 })
    expect(hook.received).toHaveLength(1)
    const w = hook.received[0]
    expect(w.headers["x-webhook-test"]).toBe("true")
    expect(verifyWebhookSignature(w.body, w.headers["x-webhook-signature"], ["emu_webhook_secret_1234abcd"]).valid).toBe(true)
    hook.state.status = 500
    const f = await api(emu, "/webhook/test", { method: "POST" })
    expect(f.json.data).toMatchObject({ delivered: false, statusCode: 500 })
    await emu.control.advance(24 * HOUR)
    expect(hook.received).toHaveLength(2)
  })

  it("shows the secret masked to its last 8 characters; rotate returns the new one once and signs with it", async () => {
    const s = await api(emu, "/webhook/secret")
    expect(s.json.data.secret).toBe("••••••••1234abcd")
    expect(s.text).not.toContain("emu_webhook_secret")
    const r = await api(emu, "/webhook/secret/rotate", { method: "POST" })
    const fresh: string = r.json.data.secret
    expect(fresh).toMatch(/^whsec_[0-9a-f]{48}$/)
    expect(emu.webhookSecret).toBe(fresh)
    expect((await api(emu, "/webhook/secret")).json.data.secret).toBe("••••••••" + fresh.slice(-8))
    emu.control.setWebhookUrl(hook.url)
    const c = await createInvoice(emu)
    await emu.control.pay(c.json.transactionId)
    const w = hook.received[0]
    expect(verifyWebhookSignature(w.body, w.headers["x-webhook-signature"], [fresh]).valid).toBe(true)
    expect(verifyWebhookSignature(w.body, w.headers["x-webhook-signature"], ["emu_webhook_secret_1234abcd"]).valid).toBe(false)
  })

  it("lists events with paging and a deliveryStatus filter", async () => {
    emu.control.setWebhookUrl(hook.url)
    for (let i = 0; i < 3; i++) await emu.control.pay((await createInvoice(emu)).json.transactionId)
    hook.state.status = 500
    await emu.control.pay((await createInvoice(emu)).json.transactionId)
    const all = await api(emu, "/webhook/events", { query: { limit: 2 } })
    expect(all.json.data).toMatchObject({ page: 1, limit: 2, totalPages: 2, totalDocs: 4 })
    expect((await api(emu, "/webhook/events", { query: { deliveryStatus: "pending" } })).json.data.totalDocs).toBe(1)
    expect((await api(emu, "/webhook/events", { query: { deliveryStatus: "delivered" } })).json.data.totalDocs).toBe(3)
    expect((await api(emu, "/webhook/events", { query: { deliveryStatus: "lost" } })).status).toBe(400)
  })
})
