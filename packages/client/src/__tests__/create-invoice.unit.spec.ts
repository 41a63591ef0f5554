import nock from "nock"
import { ThreePayClient } from "../client"
import { isAmbiguousCreateFailure, pickRecoveredInvoice } from "../create-recovery"
import {
  ThreePayAmbiguousCreateError,
  ThreePayBadResponseError,
  ThreePayRateLimitError,
  ThreePayUnavailableError,
  ThreePayValidationError,
} from "../errors"
import { getSharedRateBudget, resetSharedRateBudgets } from "../rate-budget"
import type { InvoiceDetails } from "../types"
import { createAnswer, invoiceData, listAnswer, TX } from "./fixtures"
import { API, api, connError, FakeClock, installNock, KEY, makeClient, newBudget, ORIGIN, registerLeakScan, rejectionOf, SECRET, T0 } from "./helpers"

installNock()

const CREATE = `${API}/transaction/create`
const LIST = `${API}/public/transaction/list`
const input = { network: "TRC20" as const, amount: "12.5", email: "alice@example.com", referenceId: "cart_1" }

/**
 * Counts POSTs to transaction/create whatever the outcome: on the scopes it
 * watches, and any that match no interceptor at all.
 */
function countCreates(): { watch: (s: nock.Scope) => nock.Scope; count: () => number; stop: () => void } {
  let n = 0
  const onNoMatch = (req: { method?: string; path?: string }) => {
    if (req.method === "POST" && req.path?.startsWith(CREATE)) n++
  }
  nock.emitter.on("no match", onNoMatch)
  return {
    watch: (scope) => scope.on("request", (req: { method: string; path: string }) => onNoMatch(req)),
    count: () => n,
    stop: () => {
      nock.emitter.removeListener("no match", onNoMatch)
    },
  }
}

describe("rate budget on createInvoice (Wallet Gen tier: 20 per 15 min)", () => {
  it("the 21st create in the window fails fast, without an HTTP call, with the time to wait", async () => {
    const { client, clock } = makeClient()
    const scope = api().post(CREATE).query(true).times(20).reply(200, createAnswer())
    for (let i = 0; i < 20; i++) {
      await client.createInvoice({ network: "TRC20", amount: "1" })
      clock.advance(10_000) // one create every 10 s
    }
    scope.done()
    const extra = api().post(CREATE).query(true).reply(200, createAnswer())
    const e = (await rejectionOf(client.createInvoice({ network: "TRC20", amount: "1" }))) as ThreePayRateLimitError
    expect(e).toBeInstanceOf(ThreePayRateLimitError)
    expect(e).toMatchObject({ source: "budget", tier: "walletGen", retryable: true })
    // First create at T0 leaves the window at T0 + 900 s; now is T0 + 200 s.
    expect(e.retryAfterSeconds).toBe(700)
    expect(extra.isDone()).toBe(false)
    // It is not ambiguous: no search either.
    expect(isAmbiguousCreateFailure(e)).toBe(false)
  })

  it("wallet/generate draws on the same 20", async () => {
    const { client } = makeClient()
    api().post(`${API}/public/wallet/generate`).times(19).reply(200, { success: true, data: { userId: "u", wallets: [{ walletAddress: "x", walletNetwork: "USDT-TRC20" }] } })
    for (let i = 0; i < 19; i++) await client.generateWallet({ userId: `u${i}`, email: "u@example.com" })
    api().post(CREATE).query(true).reply(200, createAnswer())
    await client.createInvoice({ network: "TRC20", amount: "1" })
    expect(await rejectionOf(client.createInvoice({ network: "TRC20", amount: "1" }))).toMatchObject({ source: "budget" })
  })

  it("a remote 429 is not retried, not searched for, and blocks the tier", async () => {
    const { client, clock } = makeClient()
    let lists = 0
    api().get(LIST).query(true).reply(200, () => {
      lists++
      return listAnswer([])
    })
    const scope = api().post(CREATE).query(true).reply(429, { message: "Too many requests" }, { "Retry-After": "1" })
    const e = (await rejectionOf(client.createInvoice(input))) as ThreePayRateLimitError
    expect(e).toMatchObject({ source: "remote", retryAfterSeconds: 1 })
    scope.done()
    expect(clock.sleeps).toEqual([])
    expect(lists).toBe(0)
    expect(await rejectionOf(client.createInvoice(input))).toMatchObject({ source: "budget", retryAfterSeconds: 1 })
    clock.advance(1000)
    api().post(CREATE).query(true).reply(200, createAnswer())
    expect((await client.createInvoice(input)).transactionId).toBe(TX)
  })

  it("reserve: a background caller stops early and leaves room for checkout", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).times(20).reply(200, createAnswer())
    for (let i = 0; i < 15; i++) await client.createInvoice({ network: "TRC20", amount: "1" }, { reserve: 5 })
    expect(await rejectionOf(client.createInvoice({ network: "TRC20", amount: "1" }, { reserve: 5 }))).toMatchObject({ source: "budget" })
    for (let i = 0; i < 5; i++) await client.createInvoice({ network: "TRC20", amount: "1" })
  })

  it("two clients sharing one budget share the 20", async () => {
    const budget = newBudget("sandbox.pay.3pa-y.com")
    const clock = new FakeClock()
    const a = makeClient({ budget }, clock).client
    const b = makeClient({ budget, apiKey: KEY, apiSecret: SECRET }, clock).client
    api().post(CREATE).query(true).times(20).reply(200, createAnswer())
    for (let i = 0; i < 10; i++) {
      await a.createInvoice({ network: "TRC20", amount: "1" })
      await b.createInvoice({ network: "ERC20", amount: "1" })
    }
    expect(await rejectionOf(a.createInvoice({ network: "TRC20", amount: "1" }))).toMatchObject({ source: "budget" })
    expect(await rejectionOf(b.createInvoice({ network: "TRC20", amount: "1" }))).toMatchObject({ source: "budget" })
    const snap = await a.rateBudgetSnapshot()
    expect(snap.tiers.walletGen).toMatchObject({ used: 20, limit: 20, remaining: 0 })
  })

  describe("process-wide default budget", () => {
    beforeEach(() => resetSharedRateBudgets())
    afterAll(() => resetSharedRateBudgets())

    it("clients built without a budget share the one for their host", async () => {
      const clock = new FakeClock()
      const opts = { apiKey: KEY, now: clock.now, sleep: clock.sleep }
      const a = new ThreePayClient(opts)
      const b = new ThreePayClient(opts)
      const live = new ThreePayClient({ ...opts, environment: "live" })
      expect(a.budget).toBe(b.budget)
      expect(a.budget).toBe(getSharedRateBudget("sandbox.pay.3pa-y.com"))
      expect(live.budget).not.toBe(a.budget)
      nock(ORIGIN).post(CREATE).query(true).times(20).reply(200, createAnswer())
      for (let i = 0; i < 20; i++) await (i % 2 ? a : b).createInvoice({ network: "TRC20", amount: "1" })
      expect(await rejectionOf(b.createInvoice({ network: "TRC20", amount: "1" }))).toMatchObject({ source: "budget" })
      nock("https://pay.3pa-y.com").post(CREATE).query(true).reply(200, createAnswer())
      expect((await live.createInvoice({ network: "TRC20", amount: "1" })).transactionId).toBe(TX)
    })
  })
})

describe("ambiguous create: look before creating again", () => {
  const match = (o: Record<string, unknown> = {}) =>
    invoiceData({ amount: 12.5, referenceId: "cart_1", createdAt: new Date(T0 + 1000).toISOString(), paymentUrl: "https://pay.3pa-y.com/s/found", ...o })

  it("timeout -> searches by email and returns the invoice it finds, recovered: true; exactly one POST", async () => {
    const { client } = makeClient({ createTimeoutMs: 40 })
    const counter = countCreates()
    const post = counter.watch(api().post(CREATE).query(true).delay(400).reply(200, createAnswer()))
    const search = api()
      .get(LIST)
      .query({ page: "1", limit: "20", search: "alice@example.com", type: "deposit" })
      .reply(200, listAnswer([invoiceData({ transactionId: "older", createdAt: new Date(T0 - 10 * 60_000).toISOString() }), match()]))
    const created = await client.createInvoice(input)
    expect(created).toMatchObject({ transactionId: TX, paymentUrl: "https://pay.3pa-y.com/s/found", recovered: true, network: "TRC20", amount: "12.5" })
    post.done()
    search.done()
    expect(counter.count()).toBe(1)
    counter.stop()
  })

  it("500 -> nothing found -> ThreePayAmbiguousCreateError, exactly one POST", async () => {
    const { client, clock } = makeClient()
    const counter = countCreates()
    const post = counter.watch(api().post(CREATE).query(true).reply(500, { message: "internal" }))
    // A repeat would succeed here: it must not happen.
    const repeat = counter.watch(api().post(CREATE).query(true).reply(200, createAnswer()))
    const search = api().get(LIST).query(true).reply(200, listAnswer([match({ amount: 13 })]))
    const e = (await rejectionOf(client.createInvoice(input))) as ThreePayAmbiguousCreateError
    expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
    expect(e).toMatchObject({ code: "ambiguous_create", retryable: true, status: 500, candidateTransactionId: null })
    expect(e.cause).toBeInstanceOf(ThreePayUnavailableError)
    expect(e.message).toContain("no second create was sent")
    expect(e.message).not.toContain("alice")
    post.done()
    search.done()
    expect(counter.count()).toBe(1)
    expect(repeat.isDone()).toBe(false)
    expect(clock.sleeps).toEqual([])
    counter.stop()
  })

  it("ECONNRESET after sending is ambiguous too", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).replyWithError(connError("ECONNRESET"))
    api().get(LIST).query(true).reply(200, listAnswer([match()]))
    expect(await client.createInvoice(input)).toMatchObject({ recovered: true })
  })

  it("a 2xx we cannot read is ambiguous (the invoice probably exists)", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).reply(200, { success: true, data: { invoiceNo: "INV-9" } })
    api().get(LIST).query(true).reply(200, listAnswer([]))
    const e = (await rejectionOf(client.createInvoice(input))) as ThreePayAmbiguousCreateError
    expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
    expect(e.cause).toBeInstanceOf(ThreePayBadResponseError)
  })

  it("ECONNREFUSED is not ambiguous: the create is simply sent again", async () => {
    const { client, clock } = makeClient()
    const scope = api().post(CREATE).query(true).replyWithError(connError("ECONNREFUSED")).post(CREATE).query(true).reply(200, createAnswer())
    expect(await client.createInvoice(input)).toMatchObject({ transactionId: TX, recovered: false })
    scope.done()
    expect(clock.sleeps).toEqual([250])
  })

  it("ECONNREFUSED on every attempt: unavailable (not ambiguous), no search", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).times(3).replyWithError(connError("ECONNREFUSED"))
    const list = api().get(LIST).query(true).reply(200, listAnswer([match()]))
    const e = (await rejectionOf(client.createInvoice(input))) as ThreePayUnavailableError
    expect(e).toBeInstanceOf(ThreePayUnavailableError)
    expect(e.requestNotSent).toBe(true)
    expect(list.isDone()).toBe(false)
  })

  it("a 400 is not ambiguous: no search", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).reply(400, { message: "Amount must be at least 1" })
    const list = api().get(LIST).query(true).reply(200, listAnswer([match()]))
    expect(await rejectionOf(client.createInvoice(input))).toBeInstanceOf(ThreePayValidationError)
    expect(list.isDone()).toBe(false)
  })

  it("without an email, the search lists recent deposits", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).reply(502, {})
    const search = api().get(LIST).query({ page: "1", limit: "20", type: "deposit" }).reply(200, listAnswer([match()]))
    expect(await client.createInvoice({ network: "TRC20", amount: "12.5" })).toMatchObject({ recovered: true })
    search.done()
  })

  it("asks verify for the payment URL when the list omits it", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).reply(503, {})
    api().get(LIST).query(true).reply(200, listAnswer([match({ paymentUrl: undefined })]))
    const verify = api()
      .get(`${API}/public/transaction/verify`)
      .query({ transactionId: TX })
      .reply(200, { success: true, data: match({ paymentUrl: "https://pay.3pa-y.com/s/verified" }) })
    expect(await client.createInvoice(input)).toMatchObject({ recovered: true, paymentUrl: "https://pay.3pa-y.com/s/verified" })
    verify.done()
  })

  it("a match without any payment URL is reported with its id, to be cancelled", async () => {
    const { client } = makeClient({ maxAttempts: 1 })
    api().post(CREATE).query(true).reply(503, {})
    api().get(LIST).query(true).reply(200, listAnswer([match({ paymentUrl: undefined })]))
    api().get(`${API}/public/transaction/verify`).query(true).reply(200, { success: true, data: match({ paymentUrl: undefined }) })
    const e = (await rejectionOf(client.createInvoice(input))) as ThreePayAmbiguousCreateError
    expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
    expect(e.candidateTransactionId).toBe(TX)
  })

  it("a failing search ends in ThreePayAmbiguousCreateError too", async () => {
    const { client } = makeClient({ maxAttempts: 1 })
    api().post(CREATE).query(true).reply(503, {})
    api().get(LIST).query(true).reply(503, {})
    const e = (await rejectionOf(client.createInvoice(input))) as ThreePayAmbiguousCreateError
    expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
    expect(e.message).toContain("search for it failed")
  })

  it("logs the ambiguity and the recovery", async () => {
    const { client, logger } = makeClient()
    api().post(CREATE).query(true).reply(500, {})
    api().get(LIST).query(true).reply(200, listAnswer([match()]))
    await client.createInvoice(input)
    const text = logger.lines.map((l) => l.message).join("\n")
    expect(text).toMatch(/POST \/transaction\/create failed ambiguously \(server_error\)/)
    expect(text).toContain(`recovered invoice ${TX}`)
    expect(text).not.toContain("alice")
  })
})

describe("pickRecoveredInvoice rules", () => {
  const target = { currencyType: "USDT-TRC20" as const, amount: "12.5", referenceId: "cart_1", startedAt: T0 }
  const inv = (o: Partial<InvoiceDetails> = {}): InvoiceDetails => ({
    transactionId: "t1",
    invoiceNo: null,
    type: "deposit",
    status: "initiated",
    rawStatus: "initiated",
    currencyType: "USDT-TRC20",
    network: "TRC20",
    amount: "12.5",
    actualBalance: null,
    fee: null,
    netAmount: null,
    walletAddress: null,
    blockchainTxHash: null,
    paymentUrl: "https://pay.3pa-y.com/s/x",
    referenceId: null,
    createdAt: new Date(T0).toISOString(),
    confirmedAt: null,
    expiresAt: null,
    ...o,
  })

  it("takes the one initiated invoice with same currency, amount and a fresh createdAt", () => {
    expect(pickRecoveredInvoice([inv()], target)).toEqual({ kind: "found", invoice: inv() })
    expect(pickRecoveredInvoice([inv({ amount: "12.500000" })], target).kind).toBe("found")
  })

  it.each<[string, Partial<InvoiceDetails>]>([
    ["another amount", { amount: "12.49" }],
    ["another network", { currencyType: "USDT-ERC20" }],
    ["not initiated", { status: "confirmed" }],
    ["created before start - 2 min", { createdAt: new Date(T0 - 2 * 60_000 - 1).toISOString() }],
    ["no createdAt", { createdAt: null }],
    ["another echoed referenceId", { referenceId: "cart_2" }],
    ["no amount", { amount: null }],
  ])("refuses %s", (_n, o) => {
    expect(pickRecoveredInvoice([inv(o)], target)).toEqual({ kind: "none" })
  })

  it("accepts createdAt up to 2 minutes before the start (clock skew)", () => {
    expect(pickRecoveredInvoice([inv({ createdAt: new Date(T0 - 2 * 60_000).toISOString() })], target).kind).toBe("found")
  })

  it("does not guess between several matches, unless exactly one echoes our referenceId", () => {
    expect(pickRecoveredInvoice([inv({ transactionId: "a" }), inv({ transactionId: "b" })], target)).toEqual({ kind: "several", count: 2 })
    const r = pickRecoveredInvoice([inv({ transactionId: "a" }), inv({ transactionId: "b", referenceId: "cart_1" })], target)
    expect(r).toMatchObject({ kind: "found", invoice: { transactionId: "b" } })
  })

  it("several matches through the client end in ThreePayAmbiguousCreateError", async () => {
    const { client } = makeClient()
    api().post(CREATE).query(true).reply(500, {})
    const fresh = (id: string) => invoiceData({ transactionId: id, amount: 12.5, createdAt: new Date(T0).toISOString() })
    api().get(LIST).query(true).reply(200, listAnswer([fresh("a"), fresh("b")]))
    const e = (await rejectionOf(client.createInvoice(input))) as Error
    expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
    expect(e.message).toContain("2 invoices match")
  })
})

registerLeakScan()
