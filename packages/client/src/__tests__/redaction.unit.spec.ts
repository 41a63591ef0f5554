/**
 * A hostile 3PAY: every error answer echoes the API key and secret (in the
 * message, the error code, the status text and headers). Every endpoint is
 * driven through every failure path; then every log line and every error
 * (message, stack, own fields, cause) is scanned for the two credentials.
 */
import nock from "nock"
import type { ThreePayClient } from "../client"
import { ThreePayError } from "../errors"
import { TRON_ADDR, TX } from "./fixtures"
import { API, captured, connError, installNock, KEY, makeClient, ORIGIN, registerLeakScan, rejectionOf, SECRET } from "./helpers"

installNock()

const echo = `apikey=${KEY} x-api-secret=${SECRET}`

const calls: Array<[string, "get" | "post", string, (c: ThreePayClient) => Promise<unknown>]> = [
  ["createInvoice", "post", "/transaction/create", (c) => c.createInvoice({ network: "TRC20", amount: "10", email: "dana@example.com" })],
  ["verifyInvoice", "get", "/public/transaction/verify", (c) => c.verifyInvoice(TX)],
  ["listInvoices", "get", "/public/transaction/list", (c) => c.listInvoices({ search: "dana@example.com" })],
  ["cancelInvoice", "post", "/public/transaction/cancel", (c) => c.cancelInvoice(TX)],
  ["ping", "get", "/public/transaction/list", (c) => c.ping()],
  ["generateWallet", "post", "/public/wallet/generate", (c) => c.generateWallet({ userId: "u1", email: "dana@example.com" })],
  ["viewWallet", "get", "/public/wallet/view/u1", (c) => c.viewWallet("u1")],
  ["getWalletBalance", "get", "/public/wallet/balance/u1", (c) => c.getWalletBalance("u1")],
  ["updateWalletBalance", "post", "/public/wallet/updateBalance", (c) => c.updateWalletBalance({ userId: "u1", amount: "1", operation: "credit" })],
  ["listUserTransactions", "get", "/public/user/transaction/list", (c) => c.listUserTransactions({ userId: "u1" })],
  ["createWithdrawal", "post", "/public/user/withdrawal/create", (c) => c.createWithdrawal({ userId: "u1", walletAddress: TRON_ADDR, amount: "5", network: "TRC20" })],
  ["listWithdrawalRequests", "get", "/public/withdrawal-requests", (c) => c.listWithdrawalRequests()],
  ["approveWithdrawalRequest", "post", "/public/withdrawal-requests/w1/approve", (c) => c.approveWithdrawalRequest("w1")],
  ["rejectWithdrawalRequest", "post", "/public/withdrawal-requests/w1/reject", (c) => c.rejectWithdrawalRequest("w1", { reason: "no" })],
  ["setWebhookUrl", "post", "/webhook/url", (c) => c.setWebhookUrl("https://shop.example/hooks/3pay")],
  ["sendTestWebhook", "post", "/webhook/test", (c) => c.sendTestWebhook()],
  ["getWebhookSecret", "get", "/webhook/secret", (c) => c.getWebhookSecret()],
  ["rotateWebhookSecret", "post", "/webhook/secret/rotate", (c) => c.rotateWebhookSecret()],
  ["listWebhookEvents", "get", "/webhook/events", (c) => c.listWebhookEvents({ deliveryStatus: "failed" })],
  ["retryWebhookEvent", "post", "/webhook/retry/ev1", (c) => c.retryWebhookEvent("ev1")],
]

const failures: Array<[string, (i: nock.Interceptor) => nock.Scope]> = [
  ["400", (i) => i.reply(400, { success: false, error: { code: KEY, message: echo } })],
  ["400 mismatch", (i) => i.reply(400, { success: false, message: `network mismatch ERC20 vs TRC20 for ${SECRET}` })],
  ["401", (i) => i.reply(401, { success: false, error: { code: "INVALID_AUTH", message: echo } })],
  ["403", (i) => i.reply(403, { success: false, error: { code: "FORBIDDEN", message: echo } })],
  ["404", (i) => i.reply(404, { message: echo })],
  ["429", (i) => i.reply(429, { message: echo }, { "Retry-After": "60", "X-Echo": KEY })],
  ["500", (i) => i.reply(500, { error: echo })],
  ["503 html", (i) => i.reply(503, `<html>${echo}</html>`)],
  ["200 success:false", (i) => i.reply(200, { success: false, message: echo })],
  ["200 not JSON", (i) => i.reply(200, `oops ${echo}`)],
  ["200 unreadable", (i) => i.reply(200, { success: true, data: { amount: echo, totalBalance: echo, secret: 42, wallets: echo } })],
  ["timeout", (i) => i.delay(2000).reply(200, {})],
  ["ECONNREFUSED", (i) => i.replyWithError(Object.assign(new Error(`connect ECONNREFUSED ${echo}`), { code: "ECONNREFUSED" }))],
  ["ECONNRESET", (i) => i.replyWithError(connError("ECONNRESET"))],
]

describe("credentials never leak", () => {
  it.each(calls)("%s through every failure path", async (_name, method, path, run) => {
    for (const [kind, fail] of failures) {
      // Short timeouts only where a timeout is the point, so slow machines do not change the path taken.
      const t = kind === "timeout" ? 20 : 10_000
      const { client } = makeClient({ maxAttempts: 2, timeoutMs: t, createTimeoutMs: t })
      const i = () => nock(ORIGIN)[method](new RegExp(`^${API}${path.replace(/[/]/g, "\\/")}`)).query(true)
      fail(i())
      fail(i())
      // The recovery search after an ambiguous create meets the same hostile server.
      nock(ORIGIN).get(new RegExp(`^${API}/public/transaction/`)).query(true).times(3).reply(500, { message: echo })
      if (kind === "200 unreadable") {
        // Some answers have no required field (cancel, withdrawal...): success is fine too.
        await run(client).catch((e: unknown) => captured.errors.push(e))
      } else {
        expect(await rejectionOf(run(client))).toBeInstanceOf(ThreePayError)
      }
      nock.abortPendingRequests()
      nock.cleanAll()
    }
  })

  it("produced plenty to scan", () => {
    expect(captured.errors.length).toBeGreaterThanOrEqual(calls.length * (failures.length - 1))
    expect(captured.lines.length).toBeGreaterThan(calls.length * failures.length)
    // The hostile texts did reach our errors, redacted: the scan below is not vacuous.
    const remote = captured.errors.map((e) => (e as ThreePayError).remoteMessage).filter(Boolean)
    expect(remote.some((m) => m?.includes("[redacted]"))).toBe(true)
  })

  it("the emails in request bodies and queries appear in no log line and no error", () => {
    for (const l of captured.lines) expect(l.message).not.toContain("dana@")
    for (const e of captured.errors) expect((e as Error).message).not.toContain("dana@")
  })
})

registerLeakScan({ minLines: 100, minErrors: 100 })
