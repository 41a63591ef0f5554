import nock from "nock"
import { ThreePayClient } from "../client"
import {
  ThreePayAmbiguousCreateError,
  ThreePayAuthenticationError,
  ThreePayBadResponseError,
  ThreePayNetworkMismatchError,
  ThreePayNotFoundError,
  ThreePayRateLimitError,
  ThreePayUnavailableError,
  ThreePayValidationError,
  ThreePayWrongEnvironmentError,
} from "../errors"
import { BASE_URLS, resolveBaseUrl } from "../http"
import { parseRetryAfterMs } from "../retry-after"
import { ETH_ADDR, invoiceData, listAnswer, TRON_ADDR, TX } from "./fixtures"
import {
  API,
  api,
  connError,
  installNock,
  KEY,
  makeClient,
  makeLogger,
  ORIGIN,
  registerLeakScan,
  rejectionOf,
  rejectionOfSync,
  SECRET,
  T0,
} from "./helpers"

installNock()

const VERIFY = `${API}/public/transaction/verify`
const verifyOk = { success: true, data: invoiceData() }

describe("base URL", () => {
  it("defaults to sandbox and knows live", () => {
    expect(BASE_URLS).toEqual({ sandbox: "https://sandbox.pay.3pa-y.com/api/v1", live: "https://pay.3pa-y.com/api/v1" })
    expect(new ThreePayClient({ apiKey: KEY }).baseUrl).toBe("https://sandbox.pay.3pa-y.com/api/v1")
    expect(new ThreePayClient({ apiKey: KEY, environment: "live" }).baseUrl).toBe("https://pay.3pa-y.com/api/v1")
  })

  it("takes a baseUrl override and tolerates trailing slashes", async () => {
    expect(resolveBaseUrl("live", "http://localhost:4010/api/v1///")).toBe("http://localhost:4010/api/v1")
    const { client } = makeClient({ baseUrl: "https://api.3pa-y.com/api/v1/" })
    const scope = nock("https://api.3pa-y.com").get("/api/v1/public/transaction/verify").query({ transactionId: TX }).reply(200, verifyOk)
    await client.verifyInvoice(TX)
    scope.done()
  })

  it("refuses a baseUrl that is not http(s) or carries credentials", () => {
    expect(rejectionOfSync(() => resolveBaseUrl("sandbox", "ftp://x.test/api/v1"))).toBeInstanceOf(ThreePayValidationError)
    expect(rejectionOfSync(() => resolveBaseUrl("sandbox", "not a url"))).toBeInstanceOf(ThreePayValidationError)
    const e = rejectionOfSync(() => resolveBaseUrl("sandbox", `https://user:${SECRET}@x.test`)) as Error
    expect(e).toBeInstanceOf(ThreePayValidationError)
  })

  it("refuses to build without an api key", () => {
    expect(rejectionOfSync(() => new ThreePayClient({ apiKey: " " }))).toBeInstanceOf(ThreePayAuthenticationError)
  })
})

describe("headers", () => {
  it("sends apikey, x-api-secret, x-request-id and accept", async () => {
    const { client } = makeClient()
    const scope = api().get(VERIFY).query({ transactionId: TX }).reply(200, verifyOk)
    await client.verifyInvoice(TX)
    scope.done()
  })

  it("omits x-api-secret when none is configured", async () => {
    const { client } = makeClient({ apiSecret: undefined })
    const scope = api({ secret: false }).get(VERIFY).query({ transactionId: TX }).reply(200, verifyOk)
    await client.verifyInvoice(TX)
    scope.done()
  })

  it("sends content-type only with a body", async () => {
    const { client } = makeClient()
    const scope = nock(ORIGIN, { reqheaders: { "content-type": "application/json" } })
      .post(`${API}/public/transaction/cancel`, { transactionId: TX })
      .query({ transactionId: TX })
      .reply(200, { success: true, data: { transactionId: TX, status: "cancelled" } })
    const get = nock(ORIGIN, { badheaders: ["content-type"] }).get(VERIFY).query(true).reply(200, verifyOk)
    await client.cancelInvoice(TX)
    await client.verifyInvoice(TX)
    scope.done()
    get.done()
  })
})

describe("error mapping", () => {
  const one = () => makeClient({ maxAttempts: 1 })
  const failWith = async (status: number, body: unknown, headers: Record<string, string> = {}) => {
    const { client } = one()
    api().get(VERIFY).query(true).reply(status, body as nock.Body, headers)
    return rejectionOf(client.verifyInvoice(TX))
  }

  it("400 -> ThreePayValidationError with error.message", async () => {
    const e = (await failWith(400, { success: false, error: { code: "BAD_INPUT", message: "transactionId is invalid", details: {} } })) as ThreePayValidationError
    expect(e).toBeInstanceOf(ThreePayValidationError)
    expect(e).toMatchObject({ status: 400, remoteCode: "BAD_INPUT", remoteMessage: "transactionId is invalid", retryable: false })
    expect(e.endpoint).toBe("GET /public/transaction/verify")
    expect(e.requestId).toMatch(/^req_/)
    expect(e.message).toContain("transactionId is invalid")
  })

  it("400 reads a top-level message, then the status text", async () => {
    expect(await failWith(400, { success: false, message: "Amount must be at least 1" })).toMatchObject({ remoteMessage: "Amount must be at least 1" })
    const e = (await failWith(400, "")) as ThreePayValidationError
    expect(e).toBeInstanceOf(ThreePayValidationError)
    expect(e.remoteMessage).toBe("Bad Request")
  })

  it("400 naming the other network -> ThreePayNetworkMismatchError", async () => {
    const e = (await failWith(400, { success: false, message: "Wallet address does not match network TRC20 (looks like ERC20)" })) as ThreePayNetworkMismatchError
    expect(e).toBeInstanceOf(ThreePayNetworkMismatchError)
    expect(e.code).toBe("network_mismatch")
    expect([e.expected, e.actual].sort()).toEqual(["ERC20", "TRC20"])
  })

  it("a network mismatch on a withdrawal names the network we asked for as expected", async () => {
    const { client } = one()
    api().post(`${API}/public/user/withdrawal/create`).reply(400, { success: false, message: "Network mismatch: USDT-ERC20 address expected" })
    const e = (await rejectionOf(
      client.createWithdrawal({ userId: "u1", walletAddress: ETH_ADDR, amount: "5", network: "ERC20" })
    )) as ThreePayNetworkMismatchError
    expect(e).toBeInstanceOf(ThreePayNetworkMismatchError)
    expect(e).toMatchObject({ expected: "ERC20", actual: "TRC20" })
  })

  it("a 400 that names one network without a mismatch word stays a validation error", async () => {
    const e = await failWith(400, { success: false, message: "Invalid TRC20 address checksum" })
    expect(e).toBeInstanceOf(ThreePayValidationError)
  })

  it("401 -> ThreePayAuthenticationError", async () => {
    const e = await failWith(401, { success: false, error: { code: "INVALID_AUTH", message: "Missing or invalid credentials" } })
    expect(e).toBeInstanceOf(ThreePayAuthenticationError)
    expect(e).not.toBeInstanceOf(ThreePayWrongEnvironmentError)
    expect(e).toMatchObject({ code: "authentication", remoteCode: "INVALID_AUTH", status: 401 })
  })

  it("403 -> ThreePayWrongEnvironmentError (also an authentication error)", async () => {
    const e = await failWith(403, { success: false, error: { code: "FORBIDDEN", message: "Key not allowed for this environment" } })
    expect(e).toBeInstanceOf(ThreePayWrongEnvironmentError)
    expect(e).toBeInstanceOf(ThreePayAuthenticationError)
    expect(e).toMatchObject({ code: "wrong_environment", status: 403 })
  })

  it("404 -> ThreePayNotFoundError", async () => {
    const e = await failWith(404, { success: false, message: "Transaction not found" })
    expect(e).toBeInstanceOf(ThreePayNotFoundError)
    expect(e).toMatchObject({ code: "not_found", remoteMessage: "Transaction not found" })
  })

  it("422 and other 4xx -> ThreePayValidationError", async () => {
    expect(await failWith(422, { message: "Unprocessable" })).toBeInstanceOf(ThreePayValidationError)
  })

  it("429 with Retry-After seconds -> remote ThreePayRateLimitError", async () => {
    const e = (await failWith(429, { message: "Too many requests" }, { "Retry-After": "120" })) as ThreePayRateLimitError
    expect(e).toBeInstanceOf(ThreePayRateLimitError)
    expect(e).toMatchObject({ source: "remote", retryAfterSeconds: 120, tier: "standard", status: 429, retryable: true })
  })

  it("429 with Retry-After as an HTTP date", async () => {
    const when = new Date(T0 + 95_500).toUTCString() // whole seconds: 95 s after T0
    const e = (await failWith(429, {}, { "Retry-After": when })) as ThreePayRateLimitError
    expect(e.retryAfterSeconds).toBe(95)
  })

  it("429 with RateLimit-Reset, and without any header (the tier window)", async () => {
    expect(await failWith(429, {}, { "RateLimit-Reset": "42" })).toMatchObject({ retryAfterSeconds: 42 })
    expect(await failWith(429, {})).toMatchObject({ retryAfterSeconds: 900 })
  })

  it("500 and 503 -> ThreePayUnavailableError(server_error)", async () => {
    for (const status of [500, 503]) {
      const e = (await failWith(status, "<html>oops</html>")) as ThreePayUnavailableError
      expect(e).toBeInstanceOf(ThreePayUnavailableError)
      expect(e).toMatchObject({ reason: "server_error", status, retryable: true, requestNotSent: false })
      expect(e.message).not.toContain("<html>")
    }
  })

  it("timeout -> ThreePayUnavailableError(timeout)", async () => {
    const { client } = one()
    api().get(VERIFY).query(true).delay(500).reply(200, verifyOk)
    const e = (await rejectionOf(client.verifyInvoice(TX, { timeoutMs: 30 }))) as ThreePayUnavailableError
    expect(e).toBeInstanceOf(ThreePayUnavailableError)
    expect(e).toMatchObject({ reason: "timeout", requestNotSent: false })
    expect(e.message).toContain("30ms")
  })

  it("ECONNREFUSED -> connection error, provably not sent", async () => {
    const { client } = one()
    api().get(VERIFY).query(true).replyWithError(connError("ECONNREFUSED"))
    const e = (await rejectionOf(client.verifyInvoice(TX))) as ThreePayUnavailableError
    expect(e).toMatchObject({ reason: "connection", causeCode: "ECONNREFUSED", requestNotSent: true })
  })

  it("ECONNRESET -> connection error that may have been sent", async () => {
    const { client } = one()
    api().get(VERIFY).query(true).replyWithError(connError("ECONNRESET"))
    const e = (await rejectionOf(client.verifyInvoice(TX))) as ThreePayUnavailableError
    expect(e).toMatchObject({ reason: "connection", causeCode: "ECONNRESET", requestNotSent: false })
  })

  it("reads undici's shape: TypeError('fetch failed') with a cause, or an AggregateError cause", async () => {
    const undici = (cause: unknown) => async () => {
      throw Object.assign(new TypeError("fetch failed"), { cause })
    }
    const a = makeClient({ maxAttempts: 1, fetch: undici(connError("ENOTFOUND")) }).client
    expect(await rejectionOf(a.verifyInvoice(TX))).toMatchObject({ causeCode: "ENOTFOUND", requestNotSent: true })
    const agg = new AggregateError([connError("ECONNREFUSED"), connError("ECONNREFUSED")], "connect failed")
    const b = makeClient({ maxAttempts: 1, fetch: undici(agg) }).client
    expect(await rejectionOf(b.verifyInvoice(TX))).toMatchObject({ causeCode: "ECONNREFUSED", requestNotSent: true })
    const c = makeClient({ maxAttempts: 1, fetch: undici(connError("UND_ERR_SOCKET")) }).client
    expect(await rejectionOf(c.verifyInvoice(TX))).toMatchObject({ causeCode: "UND_ERR_SOCKET", requestNotSent: false })
  })

  it("success:false with 200 is an error", async () => {
    const e = (await failWith(200, { success: false, message: "Invalid transaction" })) as ThreePayBadResponseError
    expect(e).toBeInstanceOf(ThreePayBadResponseError)
    expect(e).toMatchObject({ status: 200, unreadable: false, remoteMessage: "Invalid transaction" })
  })

  it("a 2xx that is not JSON is a bad response (body not quoted)", async () => {
    const e = (await failWith(200, "<html>maintenance page with a@b.example</html>")) as ThreePayBadResponseError
    expect(e).toBeInstanceOf(ThreePayBadResponseError)
    expect(e.unreadable).toBe(true)
    expect(e.message).not.toContain("a@b.example")
  })

  it("a redirect is reported, not followed (a POST must not become a GET elsewhere)", async () => {
    const e = (await failWith(302, "", { Location: "https://elsewhere.example/login" })) as ThreePayBadResponseError
    expect(e).toBeInstanceOf(ThreePayBadResponseError)
    expect(e.message).toContain("baseUrl")
  })
})

describe("Retry-After parsing", () => {
  const h = (o: Record<string, string>) => new Headers(o)
  it("reads seconds, HTTP dates, RateLimit-Reset (delta or unix) and the combined RateLimit header", () => {
    expect(parseRetryAfterMs(h({ "retry-after": "7" }), T0)).toBe(7000)
    expect(parseRetryAfterMs(h({ "retry-after": new Date(T0 + 30_000).toUTCString() }), T0)).toBe(30_000)
    expect(parseRetryAfterMs(h({ "retry-after": new Date(T0 - 30_000).toUTCString() }), T0)).toBe(0)
    expect(parseRetryAfterMs(h({ "ratelimit-reset": "12" }), T0)).toBe(12_000)
    expect(parseRetryAfterMs(h({ "x-ratelimit-reset": String(T0 / 1000 + 60) }), T0)).toBe(60_000)
    expect(parseRetryAfterMs(h({ ratelimit: "limit=100, remaining=0, reset=33" }), T0)).toBe(33_000)
    expect(parseRetryAfterMs(h({}), T0)).toBeNull()
    expect(parseRetryAfterMs(h({ "retry-after": "soon" }), T0)).toBeNull()
  })
})

describe("retries", () => {
  it("a GET is retried on 503 with full-jitter backoff (sleeps asserted)", async () => {
    const { client, clock } = makeClient()
    const scope = api().get(VERIFY).query(true).twice().reply(503, {}).get(VERIFY).query(true).reply(200, verifyOk)
    const inv = await client.verifyInvoice(TX)
    expect(inv.transactionId).toBe(TX)
    // random() = 0.5; base 500 ms, doubling: 0.5*500, 0.5*1000.
    expect(clock.sleeps).toEqual([250, 500])
    scope.done()
  })

  it("backoff is capped and uses the injected random", async () => {
    const { client, clock } = makeClient({ maxAttempts: 5, random: () => 0.999, backoffBaseMs: 1000, backoffCapMs: 3000 })
    api().get(VERIFY).query(true).times(4).reply(500, {}).get(VERIFY).query(true).reply(200, verifyOk)
    await client.verifyInvoice(TX)
    expect(clock.sleeps).toEqual([999, 1998, 2997, 2997])
  })

  it("gives up after maxAttempts and throws the last error", async () => {
    const { client, clock } = makeClient()
    const scope = api().get(VERIFY).query(true).times(3).reply(500, {})
    const e = await rejectionOf(client.verifyInvoice(TX))
    expect(e).toBeInstanceOf(ThreePayUnavailableError)
    expect(clock.sleeps).toHaveLength(2)
    scope.done()
  })

  it("a GET is retried after a timeout and after ECONNRESET", async () => {
    const { client, clock } = makeClient()
    api()
      .get(VERIFY).query(true).delay(3000).reply(200, verifyOk)
      .get(VERIFY).query(true).replyWithError(connError("ECONNRESET"))
      .get(VERIFY).query(true).reply(200, verifyOk)
    // Wide margins: the quick answers must beat the timeout even on a loaded machine.
    await client.verifyInvoice(TX, { timeoutMs: 250 })
    expect(clock.sleeps).toHaveLength(2)
  })

  it("a short remote 429 is slept through (exactly Retry-After), then retried", async () => {
    const { client, clock } = makeClient()
    const scope = api().get(VERIFY).query(true).reply(429, {}, { "Retry-After": "2" }).get(VERIFY).query(true).reply(200, verifyOk)
    await client.verifyInvoice(TX)
    expect(clock.sleeps).toEqual([2000])
    scope.done()
  })

  it("a long remote 429 throws at once and blocks the tier for later calls", async () => {
    const { client, clock } = makeClient()
    const scope = api().get(VERIFY).query(true).reply(429, {}, { "Retry-After": "60" })
    const e = (await rejectionOf(client.verifyInvoice(TX))) as ThreePayRateLimitError
    expect(e).toMatchObject({ source: "remote", retryAfterSeconds: 60 })
    expect(clock.sleeps).toEqual([])
    scope.done()
    // No interceptor left: the next call must fail in the budget, before any HTTP.
    clock.advance(10_000)
    const again = (await rejectionOf(client.verifyInvoice(TX))) as ThreePayRateLimitError
    expect(again).toMatchObject({ source: "budget", retryAfterSeconds: 50, tier: "standard" })
  })

  it("a 503 with a short Retry-After waits at least that long; a long one is not retried", async () => {
    const a = makeClient()
    api().get(VERIFY).query(true).reply(503, {}, { "Retry-After": "3" }).get(VERIFY).query(true).reply(200, verifyOk)
    await a.client.verifyInvoice(TX)
    expect(a.clock.sleeps).toEqual([3000])

    const b = makeClient()
    const scope = api().get(VERIFY).query(true).reply(503, {}, { "Retry-After": "30" })
    expect(await rejectionOf(b.client.verifyInvoice(TX))).toBeInstanceOf(ThreePayUnavailableError)
    expect(b.clock.sleeps).toEqual([])
    scope.done()
  })

  it("4xx answers are never retried", async () => {
    const { client, clock } = makeClient()
    const scope = api().get(VERIFY).query(true).reply(400, { message: "bad id" })
    await rejectionOf(client.verifyInvoice(TX))
    expect(clock.sleeps).toEqual([])
    scope.done()
  })

  it("cancel is retried like a read", async () => {
    const { client, clock } = makeClient()
    const path = `${API}/public/transaction/cancel`
    const scope = api()
      .post(path).query(true).reply(502, {})
      .post(path).query(true).reply(200, { success: true, data: { transactionId: TX, status: "cancelled" } })
    expect(await client.cancelInvoice(TX)).toMatchObject({ status: "cancelled" })
    expect(clock.sleeps).toEqual([250])
    scope.done()
  })

  describe("money-moving and non-idempotent calls are sent once", () => {
    const cases: Array<[string, string, (c: ThreePayClient) => Promise<unknown>]> = [
      ["createWithdrawal", "/public/user/withdrawal/create", (c) => c.createWithdrawal({ userId: "u1", walletAddress: TRON_ADDR, amount: "5", network: "TRC20" })],
      ["updateWalletBalance", "/public/wallet/updateBalance", (c) => c.updateWalletBalance({ userId: "u1", amount: "5", operation: "credit" })],
      ["approveWithdrawalRequest", "/public/withdrawal-requests/w1/approve", (c) => c.approveWithdrawalRequest("w1")],
      ["rejectWithdrawalRequest", "/public/withdrawal-requests/w1/reject", (c) => c.rejectWithdrawalRequest("w1")],
      ["rotateWebhookSecret", "/webhook/secret/rotate", (c) => c.rotateWebhookSecret()],
      ["generateWallet", "/public/wallet/generate", (c) => c.generateWallet({ userId: "u1", email: "u1@example.com" })],
      ["sendTestWebhook", "/webhook/test", (c) => c.sendTestWebhook()],
      ["retryWebhookEvent", "/webhook/retry/ev1", (c) => c.retryWebhookEvent("ev1")],
    ]
    const failures: Array<[string, (i: nock.Interceptor) => nock.Scope, new (...a: never[]) => Error]> = [
      ["503", (i) => i.reply(503, {}), ThreePayUnavailableError],
      ["timeout", (i) => i.delay(300).reply(200, {}), ThreePayUnavailableError],
      ["ECONNRESET", (i) => i.replyWithError(connError("ECONNRESET")), ThreePayUnavailableError],
      ["short 429", (i) => i.reply(429, {}, { "Retry-After": "1" }), ThreePayRateLimitError],
    ]
    it.each(cases)("%s: not repeated after 503, timeout, ECONNRESET or a short 429", async (_name, path, run) => {
      for (const [kind, fail, errorClass] of failures) {
        // Only the timeout case gets a short timeout: a slow test machine must not turn a 429 into a timeout.
        const { client, clock } = makeClient({ timeoutMs: kind === "timeout" ? 30 : 10_000 })
        const failing = fail(api().post(`${API}${path}`).query(true))
        // A second attempt would consume this one.
        const second = api().post(`${API}${path}`).query(true).reply(200, { success: true, data: { id: "x", secret: "s", wallets: [{ walletAddress: TRON_ADDR, walletNetwork: "USDT-TRC20" }] } })
        // createWithdrawal reports the failures after sending as ambiguous (its `cause` is the same error).
        const e = await rejectionOf(run(client))
        if (_name === "createWithdrawal" && kind !== "short 429") {
          expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
          expect((e as ThreePayAmbiguousCreateError).cause).toBeInstanceOf(errorClass)
        } else expect(e).toBeInstanceOf(errorClass)
        expect(failing.isDone()).toBe(true)
        expect(second.isDone()).toBe(false)
        expect(clock.sleeps).toEqual([])
        nock.abortPendingRequests()
        nock.cleanAll()
      }
    })

    it.each(cases)("%s: repeated after ECONNREFUSED (the request never left), and the slot is given back", async (_name, path, run) => {
      const { client, clock, budget } = makeClient()
      const scope = api()
        .post(`${API}${path}`).query(true).replyWithError(connError("ECONNREFUSED"))
        .post(`${API}${path}`).query(true)
        .reply(200, { success: true, data: { id: "x", status: "completed", secret: "s", wallets: [{ walletAddress: TRON_ADDR, walletNetwork: "USDT-TRC20" }] } })
      await run(client)
      scope.done()
      expect(clock.sleeps).toEqual([250])
      const snap = await budget.snapshot(clock.now())
      const used = snap.tiers.walletGen.used + snap.tiers.standard.used + snap.tiers.financial.used
      expect(used).toBe(1)
    })
  })
})

describe("caller abort", () => {
  it("an already aborted signal sends nothing and re-throws the reason", async () => {
    const { client } = makeClient()
    const ac = new AbortController()
    const reason = new Error("shopper left")
    ac.abort(reason)
    const scope = api().get(VERIFY).query(true).reply(200, verifyOk)
    expect(await rejectionOf(client.verifyInvoice(TX, { signal: ac.signal }))).toBe(reason)
    expect(scope.isDone()).toBe(false)
  })

  it("an abort during the request stops it without retries", async () => {
    const { client, clock } = makeClient()
    const ac = new AbortController()
    api().get(VERIFY).query(true).delay(300).reply(200, verifyOk)
    setTimeout(() => ac.abort(), 20)
    const e = (await rejectionOf(client.verifyInvoice(TX, { signal: ac.signal }))) as Error
    expect(e.name).toBe("AbortError")
    expect(clock.sleeps).toEqual([])
  })
})

describe("logging", () => {
  it("writes one line per attempt: id, method, path, status, time, attempt", async () => {
    const { client, logger } = makeClient()
    api().get(VERIFY).query(true).reply(503, {}).get(VERIFY).query(true).reply(200, verifyOk)
    await client.verifyInvoice(TX)
    const attempts = logger.lines.filter((l) => l.message.includes("(attempt"))
    expect(attempts).toHaveLength(2)
    expect(attempts[0].level).toBe("warn")
    expect(attempts[0].message).toMatch(/^\[3pay\] req_[0-9a-f]{10} GET \/public\/transaction\/verify -> 503 in \d+ms \(attempt 1\/3\)$/)
    expect(attempts[1].level).toBe("debug")
    expect(attempts[1].message).toMatch(/^\[3pay\] req_[0-9a-f]{10} GET \/public\/transaction\/verify -> 200 in \d+ms \(attempt 2\/3\)$/)
    // Same request id for every attempt of one call.
    expect(attempts[0].message.split(" ")[1]).toBe(attempts[1].message.split(" ")[1])
  })

  it("falls back to info when the logger has no debug", async () => {
    const lines: string[] = []
    const { client } = makeClient({ logger: { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) } })
    api().get(VERIFY).query(true).reply(200, verifyOk)
    await client.verifyInvoice(TX)
    expect(lines).toHaveLength(1)
  })

  it("never logs query strings, ids in paths, or bodies (they may carry emails)", async () => {
    const { client, logger } = makeClient({ maxAttempts: 1 })
    api().get(`${API}/public/transaction/list`).query(true).reply(200, listAnswer([invoiceData({ email: "alice@example.com" })]))
    api().get(`${API}/public/wallet/view/alice%40example.com`).reply(404, { message: "no wallet for alice@example.com" })
    await client.listInvoices({ search: "alice@example.com" })
    const e = (await rejectionOf(client.viewWallet("alice@example.com"))) as Error
    const all = logger.lines.map((l) => l.message).join("\n")
    expect(all).not.toContain("alice")
    expect(all).toContain("GET /public/wallet/view/{userId}")
    expect(e.message).toContain("{userId}")
  })

  it("redacts a key or secret that 3PAY echoes back in an error", async () => {
    const { client } = makeClient({ maxAttempts: 1 })
    api().get(VERIFY).query(true).reply(401, { success: false, error: { code: "INVALID_AUTH", message: `Invalid apikey ${KEY} / secret ${SECRET}` } })
    const e = (await rejectionOf(client.verifyInvoice(TX))) as ThreePayAuthenticationError
    expect(e.remoteMessage).toBe("Invalid apikey [redacted] / secret [redacted]")
    expect(e.message).not.toContain(KEY)
  })

  it("a budget refusal is logged too", async () => {
    const lines: string[] = []
    const { client, budget, clock } = makeClient({ logger: { ...makeLogger(), warn: (m) => lines.push(m) } })
    await budget.block("standard", clock.now() + 5000)
    await rejectionOf(client.verifyInvoice(TX))
    expect(lines[0]).toMatch(/^\[3pay\] req_\w+ GET \/public\/transaction\/verify -> refused by rate budget \(standard: 3PAY answered 429 recently\); retry in 5s$/)
  })
})

registerLeakScan()
