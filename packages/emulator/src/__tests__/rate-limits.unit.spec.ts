import type { EmulatorHandle } from "../index"
import { api, control, createInvoice, startTestEmulator } from "./helpers"

const as = (ip: string) => ({ "x-forwarded-for": ip })

describe("rate limits (per tier, per IP, sliding 15 minutes)", () => {
  let emu: EmulatorHandle
  beforeEach(async () => {
    emu = await startTestEmulator({ rateLimits: true })
  })
  afterEach(() => emu.stop())

  it("walletGen: 20 shared by transaction/create and wallet/generate, then 429 with Retry-After", async () => {
    for (let i = 0; i < 10; i++) expect((await createInvoice(emu)).status).toBe(200)
    for (let i = 0; i < 10; i++) {
      const r = await api(emu, "/public/wallet/generate", { body: { userId: `u${i}`, email: `u${i}@x.io` } })
      expect(r.status).toBe(201)
      expect(r.headers.get("ratelimit-remaining")).toBe(String(9 - i))
    }
    const r = await createInvoice(emu)
    expect(r.status).toBe(429)
    expect(r.json.error.code).toBe("RATE_LIMITED")
    expect(r.headers.get("ratelimit-limit")).toBe("20")
    expect(r.headers.get("ratelimit-remaining")).toBe("0")
    expect(r.headers.get("retry-after")).toBe("900")
    expect(r.headers.get("ratelimit-reset")).toBe("900")
    expect(emu.control.invoices()).toHaveLength(10)
    // another tier is unaffected; another IP is unaffected
    expect((await api(emu, "/public/transaction/list")).status).toBe(200)
    expect((await createInvoice(emu, {}, {})).status).toBe(429)
    const other = await api(emu, "/transaction/create", { method: "POST", query: { currencyType: "USDT-TRC20", amount: 5 }, headers: as("10.0.0.2") })
    expect(other.status).toBe(200)
  })

  it("the window slides: a slot frees 15 minutes after the oldest call", async () => {
    await createInvoice(emu)
    await emu.control.advance(5 * 60_000)
    for (let i = 0; i < 19; i++) await createInvoice(emu)
    const blocked = await createInvoice(emu)
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get("retry-after")).toBe("600")
    await emu.control.advance(10 * 60_000 - 1000)
    expect((await createInvoice(emu)).status).toBe(429)
    await emu.control.advance(1000)
    expect((await createInvoice(emu)).status).toBe(200)
    expect((await createInvoice(emu)).status).toBe(429)
  })

  it("standard: 100", async () => {
    for (let i = 0; i < 100; i++) expect((await api(emu, "/public/transaction/list", { headers: as("10.1.1.1") })).status).toBe(200)
    const r = await api(emu, "/public/transaction/list", { headers: as("10.1.1.1") })
    expect(r.status).toBe(429)
    expect(r.headers.get("ratelimit-limit")).toBe("100")
  })

  it("financial: 30 (updateBalance, withdrawals, approve/reject)", async () => {
    await api(emu, "/public/wallet/generate", { body: { userId: "f", email: "f@x.io" } })
    for (let i = 0; i < 30; i++) {
      const r = await api(emu, "/public/wallet/updateBalance", { body: { userId: "f", amount: 1, type: "credit" } })
      expect(r.status).toBe(200)
    }
    const r = await api(emu, "/public/user/withdrawal/create", {
      body: { userId: "f", walletAddress: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", amount: 10, currencyType: "USDT-TRC20" },
    })
    expect(r.status).toBe(429)
    expect(r.headers.get("ratelimit-limit")).toBe("30")
  })

  it("reset clears the counters; off switches them off (programmatic and HTTP)", async () => {
    for (let i = 0; i < 20; i++) await createInvoice(emu)
    expect((await createInvoice(emu)).status).toBe(429)
    emu.control.resetRateLimits()
    expect((await createInvoice(emu)).status).toBe(200)
    for (let i = 0; i < 19; i++) await createInvoice(emu)
    expect((await createInvoice(emu)).status).toBe(429)
    expect((await control(emu, "/rate-limits/reset", {})).status).toBe(200)
    expect((await createInvoice(emu)).status).toBe(200)
    expect((await control(emu, "/rate-limits", { enabled: false })).json.rateLimits.enabled).toBe(false)
    for (let i = 0; i < 25; i++) {
      const r = await createInvoice(emu)
      expect(r.status).toBe(200)
      expect(r.headers.get("ratelimit-limit")).toBeNull()
    }
    emu.control.setRateLimits(true)
    expect(emu.control.rateLimits()).toMatchObject({ enabled: true, limits: { walletGen: 20, standard: 100, financial: 30 } })
  })

  it("limits can be changed at start", async () => {
    const small = await startTestEmulator({ rateLimits: { walletGen: 2 } })
    try {
      expect((await createInvoice(small)).status).toBe(200)
      expect((await createInvoice(small)).status).toBe(200)
      expect((await createInvoice(small)).status).toBe(429)
    } finally {
      await small.stop()
    }
  })
})
