import {
  DEFAULT_TIER_LIMITS,
  FIFTEEN_MINUTES_MS,
  getSharedRateBudget,
  InMemoryRateBudgetStore,
  RateBudget,
  resetSharedRateBudgets,
} from "../rate-budget"
import { T0 } from "./helpers"

const MIN = 60_000

describe("InMemoryRateBudgetStore (sliding window)", () => {
  it("allows `limit` calls per window, then says when the oldest leaves", async () => {
    const s = new InMemoryRateBudgetStore()
    for (let i = 0; i < 3; i++) {
      const r = await s.acquire("k", 3, 10 * MIN, T0 + i * MIN)
      expect(r.allowed).toBe(true)
    }
    const refused = await s.acquire("k", 3, 10 * MIN, T0 + 5 * MIN)
    expect(refused).toEqual({ allowed: false, retryAfterMs: 5 * MIN, used: 3, reason: "full" })
    // Exactly when the first call leaves the window, one slot frees.
    expect((await s.acquire("k", 3, 10 * MIN, T0 + 10 * MIN - 1)).allowed).toBe(false)
    expect((await s.acquire("k", 3, 10 * MIN, T0 + 10 * MIN)).allowed).toBe(true)
    expect((await s.acquire("k", 3, 10 * MIN, T0 + 10 * MIN)).allowed).toBe(false)
  })

  it("keeps keys apart", async () => {
    const s = new InMemoryRateBudgetStore()
    expect((await s.acquire("a", 1, MIN, T0)).allowed).toBe(true)
    expect((await s.acquire("a", 1, MIN, T0)).allowed).toBe(false)
    expect((await s.acquire("b", 1, MIN, T0)).allowed).toBe(true)
  })

  it("blocks until a time, and a shorter block does not shorten it", async () => {
    const s = new InMemoryRateBudgetStore()
    await s.block("k", T0 + 30_000)
    await s.block("k", T0 + 10_000)
    expect(await s.acquire("k", 100, MIN, T0)).toEqual({ allowed: false, retryAfterMs: 30_000, used: 0, reason: "blocked" })
    expect((await s.acquire("k", 100, MIN, T0 + 30_000)).allowed).toBe(true)
  })

  it("releases a ticket (a request that never left)", async () => {
    const s = new InMemoryRateBudgetStore()
    const r = await s.acquire("k", 1, MIN, T0)
    if (!r.allowed) throw new Error("expected a slot")
    expect((await s.acquire("k", 1, MIN, T0)).allowed).toBe(false)
    await s.release("k", r.ticket)
    expect((await s.acquire("k", 1, MIN, T0)).allowed).toBe(true)
  })
})

describe("RateBudget", () => {
  it("has 3PAY's tiers: walletGen 20, standard 100, financial 30 per 15 minutes", () => {
    expect(DEFAULT_TIER_LIMITS).toEqual({
      walletGen: { limit: 20, windowMs: FIFTEEN_MINUTES_MS },
      standard: { limit: 100, windowMs: FIFTEEN_MINUTES_MS },
      financial: { limit: 30, windowMs: FIFTEEN_MINUTES_MS },
    })
  })

  it("refuses the 21st walletGen call with the time until the first leaves", async () => {
    const b = new RateBudget({ scope: "h" })
    for (let i = 0; i < 20; i++) expect((await b.acquire("walletGen", { now: T0 + i * 1000 })).allowed).toBe(true)
    const d = await b.acquire("walletGen", { now: T0 + 60_000 })
    expect(d).toMatchObject({ allowed: false, reason: "full", used: 20, limit: 20, retryAfterMs: FIFTEEN_MINUTES_MS - 60_000 })
    // Other tiers are untouched.
    expect((await b.acquire("standard", { now: T0 + 60_000 })).allowed).toBe(true)
  })

  it("`reserve` stops a background caller early and leaves the rest to others", async () => {
    const b = new RateBudget({ scope: "h" })
    for (let i = 0; i < 80; i++) expect((await b.acquire("standard", { reserve: 20, now: T0 + i })).allowed).toBe(true)
    const job = await b.acquire("standard", { reserve: 20, now: T0 + 100 })
    // The 1st call (at T0) must leave for the count to fall below 80.
    expect(job).toMatchObject({ allowed: false, reason: "full", retryAfterMs: FIFTEEN_MINUTES_MS - 100 })
    for (let i = 0; i < 20; i++) expect((await b.acquire("standard", { now: T0 + 200 })).allowed).toBe(true)
    expect((await b.acquire("standard", { now: T0 + 200 })).allowed).toBe(false)
  })

  it("a reserve as large as the tier refuses for a whole window", async () => {
    const b = new RateBudget({ scope: "h" })
    expect(await b.acquire("financial", { reserve: 30, now: T0 })).toMatchObject({ allowed: false, retryAfterMs: FIFTEEN_MINUTES_MS })
  })

  it("block() after a remote 429 refuses the tier until then", async () => {
    const b = new RateBudget({ scope: "h" })
    await b.block("standard", T0 + 42_000)
    expect(await b.acquire("standard", { now: T0 })).toMatchObject({ allowed: false, reason: "blocked", retryAfterMs: 42_000 })
    expect((await b.acquire("walletGen", { now: T0 })).allowed).toBe(true)
    expect((await b.acquire("standard", { now: T0 + 42_000 })).allowed).toBe(true)
  })

  it("snapshot gives used/limit/remaining/resetAt per tier", async () => {
    const b = new RateBudget({ scope: "pay.example", now: () => T0 + 2 * MIN })
    await b.acquire("walletGen", { now: T0, purpose: "checkout" })
    await b.acquire("walletGen", { now: T0 + MIN })
    await b.note("walletGen", { kind: "refused", purpose: "reconciliation", waitMs: 1500, now: T0 + MIN })
    await b.block("financial", T0 + 20 * MIN)
    const snap = await b.snapshot()
    expect(snap.scope).toBe("pay.example")
    expect(snap.at).toBe(new Date(T0 + 2 * MIN).toISOString())
    expect(snap.tiers.walletGen).toEqual({
      used: 2,
      limit: 20,
      remaining: 18,
      windowMs: FIFTEEN_MINUTES_MS,
      nextSlotAt: new Date(T0 + 15 * MIN).toISOString(),
      resetAt: new Date(T0 + 16 * MIN).toISOString(),
      blockedUntil: null,
      byPurpose: { checkout: 1, other: 1 },
      events: [{ at: new Date(T0 + MIN).toISOString(), kind: "refused", purpose: "reconciliation", waitMs: 1500 }],
    })
    expect(snap.tiers.standard).toMatchObject({ used: 0, limit: 100, remaining: 100, resetAt: null, nextSlotAt: null })
    expect(snap.tiers.financial).toMatchObject({
      used: 0,
      remaining: 0,
      blockedUntil: new Date(T0 + 20 * MIN).toISOString(),
      resetAt: new Date(T0 + 20 * MIN).toISOString(),
    })
  })

  it("custom tier limits (e.g. a stricter contract) are honoured", async () => {
    const b = new RateBudget({ scope: "h", tiers: { walletGen: { limit: 1, windowMs: MIN } } })
    expect((await b.acquire("walletGen", { now: T0 })).allowed).toBe(true)
    expect(await b.acquire("walletGen", { now: T0 })).toMatchObject({ allowed: false, retryAfterMs: MIN })
  })
})

describe("getSharedRateBudget", () => {
  beforeEach(() => resetSharedRateBudgets())

  it("is one budget per scope for the whole process", async () => {
    const a = getSharedRateBudget("pay.3pa-y.com")
    const b = getSharedRateBudget("pay.3pa-y.com")
    const other = getSharedRateBudget("sandbox.pay.3pa-y.com")
    expect(a).toBe(b)
    expect(other).not.toBe(a)
    for (let i = 0; i < 20; i++) await a.acquire("walletGen", { now: T0 })
    expect((await b.acquire("walletGen", { now: T0 })).allowed).toBe(false)
    expect((await other.acquire("walletGen", { now: T0 })).allowed).toBe(true)
  })

  it("reset forgets the counters (tests only)", async () => {
    const a = getSharedRateBudget("x")
    for (let i = 0; i < 20; i++) await a.acquire("walletGen", { now: T0 })
    resetSharedRateBudgets()
    expect((await getSharedRateBudget("x").acquire("walletGen", { now: T0 })).allowed).toBe(true)
  })
})

describe("waits absorbed inside a call, and Retry-After capped (maxAbsorbedWaitMs)", () => {
  const TX = "11111111-2222-4333-8444-555555555555"
  const nock = require("nock") as typeof import("nock")
  const { ThreePayClient } = require("../client") as typeof import("../client")
  const base = "https://absorb.example"
  afterEach(() => nock.cleanAll())

  function client(maxAbsorbedWaitMs: number) {
    let now = T0
    const sleeps: number[] = []
    const c = new ThreePayClient({
      apiKey: "k",
      baseUrl: `${base}/api/v1`,
      budget: new RateBudget({ scope: `absorb-${maxAbsorbedWaitMs}-${Math.random()}`, now: () => now }),
      maxAbsorbedWaitMs,
      now: () => now,
      sleep: async (ms: number) => {
        sleeps.push(ms)
        now += ms
      },
      random: () => 0,
    })
    return { c, sleeps }
  }
  const created = { success: true, url: `${base}/s/abc`, transactionId: TX, invoiceNo: "INV-1" }

  it("a 429 with a short Retry-After is waited out: the shopper gets the invoice, not a 429", async () => {
    const { c, sleeps } = client(2000)
    nock(base).post("/api/v1/transaction/create").query(true).reply(429, {}, { "Retry-After": "1" })
    nock(base).post("/api/v1/transaction/create").query(true).reply(200, created)
    expect((await c.createInvoice({ network: "TRC20", amount: "10" })).transactionId).toBe(TX)
    expect(sleeps).toEqual([1000])
  })

  it("a longer wait is not absorbed: a 429 with retry_after", async () => {
    const { c } = client(2000)
    nock(base).post("/api/v1/transaction/create").query(true).reply(429, {}, { "Retry-After": "30" })
    await expect(c.createInvoice({ network: "TRC20", amount: "10" })).rejects.toMatchObject({ retryAfterSeconds: 30 })
  })

  it("Retry-After is capped at the tier's window: a week becomes 15 minutes", async () => {
    const { c } = client(2000)
    nock(base).post("/api/v1/transaction/create").query(true).reply(429, {}, { "Retry-After": "604800" })
    await expect(c.createInvoice({ network: "TRC20", amount: "10" })).rejects.toMatchObject({ retryAfterSeconds: 900 })
    const snap = await c.rateBudgetSnapshot()
    expect(new Date(snap.tiers.walletGen.blockedUntil!).getTime() - T0).toBeLessThanOrEqual(15 * MIN)
  })

  it("our own budget's short wait is absorbed and noted; a long one is refused and noted", async () => {
    const { c, sleeps } = client(2000)
    const budget = c.budget
    for (let i = 0; i < 20; i++) await budget.acquire("walletGen", { now: T0 - 15 * MIN + 1000 })
    nock(base).post("/api/v1/transaction/create").query(true).reply(200, created)
    expect((await c.createInvoice({ network: "TRC20", amount: "10" }, { purpose: "checkout" })).transactionId).toBe(TX)
    expect(sleeps).toEqual([1000])
    for (let i = 0; i < 19; i++) await budget.acquire("walletGen", { now: T0 + 1000 })
    await expect(c.createInvoice({ network: "TRC20", amount: "10" }, { purpose: "checkout" })).rejects.toMatchObject({ source: "budget" })
    const events = (await c.rateBudgetSnapshot()).tiers.walletGen.events
    expect(events.map((e) => [e.kind, e.purpose])).toEqual([["refused", "checkout"], ["waited", "checkout"]])
  })
})
