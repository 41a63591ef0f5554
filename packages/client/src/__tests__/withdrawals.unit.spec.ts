/**
 * createWithdrawal is Financial tier and has no idempotency key at 3PAY: it is
 * never sent twice; an ambiguous outcome says so with what was sent, and
 * findWithdrawal resolves it from 3PAY's lists (nock, as 3PAY answers).
 */
import fc from "fast-check"
import nock from "nock"
import { pickRecoveredWithdrawal, RECOVERY_CLOCK_SKEW_MS } from "../create-recovery"
import {
  ThreePayAmbiguousCreateError,
  ThreePayBadResponseError,
  ThreePayNetworkMismatchError,
  ThreePayRateLimitError,
  ThreePayUnavailableError,
  ThreePayValidationError,
} from "../errors"
import { isFinalWithdrawalStatus, normalizeWithdrawalStatus } from "../status"
import type { SentWithdrawal, WithdrawalRequest } from "../types"
import { parseWebhookEvent } from "../webhook-payload"
import { ETH_ADDR, invoiceData, listAnswer, TRON_ADDR } from "./fixtures"
import { API, api, connError, installNock, makeClient, registerLeakScan, rejectionOf, T0 } from "./helpers"

installNock()

const CREATE = `${API}/public/user/withdrawal/create`
const REQUESTS = `${API}/public/withdrawal-requests`
const USER_TX = `${API}/public/user/transaction/list`
const ETH_LOWER = ETH_ADDR.toLowerCase() // EIP-55's all-caps vector, typed in small letters: no checksum
const EIP55 = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
const input = { userId: "u1", walletAddress: TRON_ADDR, amount: "50.00", network: "TRC20" as const }
const done = { success: true, data: { withdrawalId: "w1", status: "completed", transactionHash: "ab".repeat(32), fee: 2, netAmount: 48 } }

/** POSTs to withdrawal/create, whether an interceptor took them or not. */
function countCreates() {
  let n = 0
  const onRequest = (req: { method?: string; path?: string }) => {
    if (req.method === "POST" && req.path?.startsWith(CREATE)) n++
  }
  nock.emitter.on("no match", onRequest)
  return {
    watch: (scope: nock.Scope) => scope.on("request", onRequest),
    count: () => n,
    stop: () => void nock.emitter.removeListener("no match", onRequest),
  }
}

describe("createWithdrawal: what is sent", () => {
  it("sends the checked address and the canonical amount, and returns what it sent", async () => {
    const { client } = makeClient()
    const scope = api().post(CREATE, { userId: "u1", walletAddress: TRON_ADDR, amount: "50", currencyType: "USDT-TRC20" }).reply(200, done)
    const w = await client.createWithdrawal({ ...input, walletAddress: `  ${TRON_ADDR}\n` })
    scope.done()
    expect(w).toMatchObject({ id: "w1", status: "completed", rawStatus: "completed", fee: "2", netAmount: "48" })
    expect(w.sent).toEqual({ userId: "u1", walletAddress: TRON_ADDR, amount: "50", network: "TRC20", currencyType: "USDT-TRC20", startedAt: T0 })
  })

  it("an Ethereum address without case checksum goes only with addressCaseConfirmed, in its EIP-55 form", async () => {
    const { client } = makeClient()
    const scope = api().post(CREATE, (b) => b.walletAddress === EIP55).reply(200, done)
    const eth = { ...input, network: "ERC20" as const, walletAddress: EIP55.toLowerCase() }
    const refused = await rejectionOf(client.createWithdrawal(eth))
    expect(refused).toBeInstanceOf(ThreePayValidationError)
    expect((refused as Error).message).toMatch(/addressCaseConfirmed/)
    expect(scope.isDone()).toBe(false)
    expect((await client.createWithdrawal({ ...eth, addressCaseConfirmed: true })).sent.walletAddress).toBe(EIP55)
    scope.done()
    // EIP-55's all-caps vector typed in small letters: the same rule
    expect(await rejectionOf(client.createWithdrawal({ ...eth, walletAddress: ETH_LOWER }))).toBeInstanceOf(ThreePayValidationError)
  })

  it("refuses before sending: a broken checksum, the other chain's address, an unknown option", async () => {
    const { client } = makeClient()
    const counter = countCreates()
    try {
      const broken = await rejectionOf(client.createWithdrawal({ ...input, walletAddress: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u" }))
      expect(broken).toBeInstanceOf(ThreePayValidationError)
      expect((broken as Error).message).toMatch(/bad_checksum.*Nothing was sent/)
      const flipped = await rejectionOf(client.createWithdrawal({ ...input, network: "ERC20", walletAddress: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD" }))
      expect((flipped as Error).message).toMatch(/bad_checksum/)
      const other = (await rejectionOf(client.createWithdrawal({ ...input, walletAddress: EIP55 }))) as ThreePayNetworkMismatchError
      expect(other).toMatchObject({ code: "network_mismatch", expected: "TRC20", actual: "ERC20" })
      expect(await rejectionOf(client.createWithdrawal({ ...input, idempotencyKey: "k" } as never))).toBeInstanceOf(ThreePayValidationError)
      expect(counter.count()).toBe(0)
    } finally {
      counter.stop()
    }
  })

  it("an answer without an id (3PAY's documented example) is a withdrawal with id null", async () => {
    const { client } = makeClient()
    api().post(CREATE).reply(200, { success: true, data: { status: "completed", transactionHash: "0xabc", fee: 2, netAmount: 48 } })
    expect(await client.createWithdrawal(input)).toMatchObject({ id: null, status: "completed", transactionHash: "0xabc", sent: { amount: "50" } })
  })
})

describe("createWithdrawal: never sent twice", () => {
  const ambiguous: Array<[string, (i: nock.Interceptor) => nock.Scope]> = [
    ["a timeout", (i) => i.delay(300).reply(200, done)],
    ["a 500", (i) => i.reply(500, { success: false, message: "boom" })],
    ["a 502 from a proxy", (i) => i.reply(502, "<html>Bad Gateway</html>", { "content-type": "text/html" })],
    ["a connection reset after sending", (i) => i.replyWithError(connError("ECONNRESET"))],
    ["a 2xx that is not JSON", (i) => i.reply(200, "<html>ok</html>", { "content-type": "text/html" })],
  ]
  it.each(ambiguous)("%s: ambiguous, with what was sent, one POST only", async (_what, fail) => {
    const { client } = makeClient({ timeoutMs: 50 })
    const counter = countCreates()
    try {
      counter.watch(fail(api().post(CREATE)))
      counter.watch(api().post(CREATE).reply(200, done)) // a repeat would take this
      const e = (await rejectionOf(client.createWithdrawal(input))) as ThreePayAmbiguousCreateError
      expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
      expect(e).toMatchObject({ code: "ambiguous_create", operation: "withdrawal", retryable: false, endpoint: "POST /public/user/withdrawal/create" })
      expect(e.sent).toEqual({ userId: "u1", walletAddress: TRON_ADDR, amount: "50", network: "TRC20", currencyType: "USDT-TRC20", startedAt: T0 })
      expect(e.message).toMatch(/findWithdrawal/)
      expect(counter.count()).toBe(1)
    } finally {
      counter.stop()
    }
  })

  it("not ambiguous, thrown as is: 3PAY said no (400, success:false), a 429", async () => {
    const { client } = makeClient()
    api().post(CREATE).reply(400, { success: false, error: { code: "VALIDATION_ERROR", message: "Insufficient balance" } })
    expect(await rejectionOf(client.createWithdrawal(input))).toBeInstanceOf(ThreePayValidationError)
    api().post(CREATE).reply(200, { success: false, message: "Withdrawals are disabled" })
    const no = await rejectionOf(client.createWithdrawal(input))
    expect(no).toBeInstanceOf(ThreePayBadResponseError)
    expect((no as ThreePayBadResponseError).unreadable).toBe(false)
    api().post(CREATE).reply(429, {}, { "Retry-After": "60" })
    expect(await rejectionOf(client.createWithdrawal(input))).toBeInstanceOf(ThreePayRateLimitError)
  })

  it("a connection refused before sending is repeated (3PAY never saw it)", async () => {
    const { client } = makeClient()
    const scope = api().post(CREATE).replyWithError(connError("ECONNREFUSED")).post(CREATE).reply(200, done)
    expect((await client.createWithdrawal(input)).id).toBe("w1")
    scope.done()
  })

  it("createInvoice's ambiguity stays retryable (look again later), the withdrawal's does not", () => {
    const cause = new ThreePayUnavailableError("t", "timeout")
    expect(new ThreePayAmbiguousCreateError("x", cause)).toMatchObject({ operation: "invoice", retryable: true, sent: null })
  })
})

// ---------------------------------------------------------------- recovery

const sent: SentWithdrawal = { userId: "u1", walletAddress: TRON_ADDR, amount: "50", network: "TRC20", currencyType: "USDT-TRC20", startedAt: T0 }
const at = (msFromT0: number) => new Date(T0 + msFromT0).toISOString()
const item = (o: Record<string, unknown> = {}) => ({
  id: "w1",
  userId: "u1",
  amount: 50,
  fee: 2,
  netAmount: 48,
  currencyType: "USDT-TRC20",
  walletAddress: TRON_ADDR,
  status: "completed",
  transactionHash: "ab".repeat(32),
  createdAt: at(1_000),
  ...o,
})

describe("findWithdrawal", () => {
  it("finds it in the withdrawal requests, leaving aside other users, amounts, addresses, older and known ones", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(REQUESTS)
      .query({ page: "1", limit: "100" })
      .reply(
        200,
        listAnswer([
          item({ id: "other-user", userId: "u2" }),
          item({ id: "other-amount", amount: "50.000001" }),
          item({ id: "other-address", walletAddress: "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7" }),
          item({ id: "other-network", currencyType: "USDT-ERC20" }),
          item({ id: "older", createdAt: at(-RECOVERY_CLOCK_SKEW_MS - 1) }),
          item({ id: "undated", createdAt: null }),
          item({ id: "earlier-refund" }),
          item({ id: "ours", status: "pending_review" }),
        ])
      )
    const r = await client.findWithdrawal({ ...sent, excludeIds: ["earlier-refund"] })
    scope.done()
    expect(r).toMatchObject({ kind: "found", source: "withdrawal-requests", withdrawal: { id: "ours", status: "pending_review", amount: "50" } })
  })

  it("then in the user's transactions (automatic withdrawals may not be 'requests')", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(REQUESTS)
      .query(true)
      .reply(200, listAnswer([]))
      .get(USER_TX)
      .query({ userId: "u1", page: "1", limit: "100" })
      .reply(
        200,
        listAnswer([
          invoiceData({ transactionId: "d1", type: "deposit", amount: 50, walletAddress: TRON_ADDR, createdAt: at(1_000) }),
          invoiceData({ transactionId: "w9", type: "withdrawal", amount: 50, status: "completed", walletAddress: TRON_ADDR, blockchainTxHash: "cd".repeat(32), createdAt: at(2_000) }),
        ])
      )
    const r = await client.findWithdrawal(sent)
    scope.done()
    expect(r).toEqual({
      kind: "found",
      source: "user-transactions",
      withdrawal: expect.objectContaining({ id: "w9", userId: "u1", status: "completed", transactionHash: "cd".repeat(32) }),
    })
  })

  it("Ethereum addresses match whatever their case; several matches are reported, not guessed", async () => {
    const { client } = makeClient()
    const eth = { ...sent, network: "ERC20" as const, currencyType: "USDT-ERC20" as const, walletAddress: EIP55 }
    api()
      .get(REQUESTS)
      .query(true)
      .reply(200, listAnswer([item({ id: "a", currencyType: "USDT-ERC20", walletAddress: EIP55.toLowerCase() })]))
    expect(await client.findWithdrawal(eth)).toMatchObject({ kind: "found", withdrawal: { id: "a" } })
    api()
      .get(REQUESTS)
      .query(true)
      .reply(200, listAnswer([item({ id: "a" }), item({ id: "b" })]))
    expect(await client.findWithdrawal(sent)).toEqual({ kind: "several", ids: ["a", "b"] })
  })

  it("reads further pages; none when neither list has it", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(REQUESTS)
      .query({ page: "1", limit: "100" })
      .reply(200, listAnswer([item({ id: "x", amount: 1 })], { page: 1, limit: 100, totalPages: 2 }))
      .get(REQUESTS)
      .query({ page: "2", limit: "100" })
      .reply(200, listAnswer([item({ id: "y", amount: 2 })], { page: 2, limit: 100, totalPages: 2 }))
      .get(USER_TX)
      .query(true)
      .reply(200, listAnswer([]))
    expect(await client.findWithdrawal(sent)).toEqual({ kind: "none" })
    scope.done()
  })

  it("no requests list at this 3PAY (404): the user's transactions decide", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(REQUESTS)
      .query(true)
      .reply(404, { success: false, message: "Not found" })
      .get(USER_TX)
      .query(true)
      .reply(200, listAnswer([invoiceData({ transactionId: "w9", type: "withdrawal", amount: 50, status: "pending", createdAt: at(0) })]))
    expect(await client.findWithdrawal(sent)).toMatchObject({ kind: "found", withdrawal: { id: "w9", status: "pending_review" } })
    scope.done()
  })

  it("a list that cannot be read is an error, never 'none'", async () => {
    const { client } = makeClient()
    api().get(REQUESTS).query(true).times(3).reply(503, {})
    expect(await rejectionOf(client.findWithdrawal(sent))).toBeInstanceOf(ThreePayUnavailableError)
    api().get(REQUESTS).query(true).reply(200, listAnswer([]))
    api().get(USER_TX).query(true).times(3).reply(500, {})
    expect(await rejectionOf(client.findWithdrawal(sent))).toBeInstanceOf(ThreePayUnavailableError)
  })
})

describe("pickRecoveredWithdrawal (property)", () => {
  // Each candidate differs from the target in any subset of the six things that identify it.
  const variant = fc.record({
    id: fc.constantFrom("a", "b", "c", "d", "known"),
    otherUser: fc.boolean(),
    otherAmount: fc.boolean(),
    otherNetwork: fc.boolean(),
    otherAddress: fc.boolean(),
    created: fc.constantFrom("after" as const, "skew" as const, "before" as const, "none" as const),
    addressCase: fc.boolean(),
  })
  type Variant = {
    id: string
    otherUser: boolean
    otherAmount: boolean
    otherNetwork: boolean
    otherAddress: boolean
    created: "after" | "skew" | "before" | "none"
    addressCase: boolean
  }
  const toItem = (v: Variant, network: "TRC20" | "ERC20"): WithdrawalRequest => {
    const base = network === "TRC20" ? TRON_ADDR : EIP55
    const other = network === "TRC20" ? "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7" : "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
    const address = v.otherAddress ? other : v.addressCase ? base.toLowerCase() : base
    const created = { after: at(5_000), skew: at(-RECOVERY_CLOCK_SKEW_MS), before: at(-RECOVERY_CLOCK_SKEW_MS - 1), none: null }[v.created]
    return {
      id: v.id,
      userId: v.otherUser ? "u2" : "u1",
      amount: v.otherAmount ? "50.000001" : "50",
      fee: null,
      netAmount: null,
      network: v.otherNetwork ? (network === "TRC20" ? "ERC20" : "TRC20") : network,
      walletAddress: address,
      status: "completed",
      rawStatus: "completed",
      transactionHash: null,
      reason: null,
      createdAt: created,
      raw: null,
    }
  }

  it("takes exactly the one candidate that matches on every count, and never a known or differing one", () => {
    fc.assert(
      fc.property(fc.array(variant, { maxLength: 6 }), fc.constantFrom("TRC20" as const, "ERC20" as const), (vs, network) => {
        const target = { ...sent, network, currencyType: network === "TRC20" ? ("USDT-TRC20" as const) : ("USDT-ERC20" as const), walletAddress: network === "TRC20" ? TRON_ADDR : EIP55, excludeIds: ["known"] }
        const items = vs.map((v) => toItem(v, network))
        // The reference, written from the rule: same user, amount, network, address
        // (TRON exactly, Ethereum in any case), dated no earlier than start - skew, not known.
        const matching = vs
          .map((v, i) => ({ v, item: items[i] }))
          .filter(({ v }) => v.id !== "known" && !v.otherUser && !v.otherAmount && !v.otherNetwork && !v.otherAddress && (v.created === "after" || v.created === "skew"))
          .filter(({ v }) => network === "ERC20" || !v.addressCase)
        const ids = [...new Set(matching.map((m) => m.item.id))]
        const pick = pickRecoveredWithdrawal(items, target)
        if (ids.length === 0) expect(pick).toEqual({ kind: "none" })
        else if (ids.length === 1) expect(pick).toEqual({ kind: "found", withdrawal: matching[0].item })
        else expect(pick).toEqual({ kind: "several", ids })
      }),
      { numRuns: 500 }
    )
  })
})

describe("withdrawal statuses", () => {
  it("fold 3PAY's words: pending and pending_review are the review; unknown is never completed", () => {
    const cases: Array<[unknown, string]> = [
      ["pending", "pending_review"],
      ["Pending_Review", "pending_review"],
      ["pending review", "pending_review"],
      ["approved", "approved"],
      ["Processing", "approved"],
      ["completed", "completed"],
      ["Successful", "completed"],
      ["rejected", "rejected"],
      ["Cancelled", "rejected"],
      ["failed", "failed"],
      ["mystery", "unknown"],
      ["", "unknown"],
      [null, "unknown"],
    ]
    for (const [raw, status] of cases) expect([raw, normalizeWithdrawalStatus(raw)]).toEqual([raw, status])
    expect(["completed", "rejected", "failed"].every((s) => isFinalWithdrawalStatus(s as never))).toBe(true)
    expect(["pending_review", "approved", "unknown"].some((s) => isFinalWithdrawalStatus(s as never))).toBe(false)
  })
})

describe("withdrawal webhooks", () => {
  const envelope = (data: Record<string, unknown>) => JSON.stringify({ success: true, message: "Transaction status update", data })
  const documented = {
    type: "withdrawal",
    transactionId: "w1",
    clientId: "m1",
    amount: 50,
    fee: 2,
    netAmount: 48,
    currencyType: "USDT-TRC20",
    status: "completed",
    createdAt: at(0),
    confirmedAt: at(5_000),
    blockchainTxHash: "ab".repeat(32),
    walletAddress: TRON_ADDR,
    network: "USDT-TRC20",
    id: "w1",
  }

  it("read as a withdrawal: with only the documented fields, and with userId, withdrawalId, reason", () => {
    expect(parseWebhookEvent(envelope(documented))).toMatchObject({
      type: "withdrawal",
      isDeposit: false,
      withdrawal: { id: "w1", userId: null, amount: "50", fee: "2", netAmount: "48", network: "TRC20", status: "completed", transactionHash: "ab".repeat(32) },
    })
    const rejected = parseWebhookEvent(envelope({ ...documented, withdrawalId: "w1", userId: "u1", status: "rejected", blockchainTxHash: null, reason: "limit" }))
    expect(rejected.withdrawal).toMatchObject({ id: "w1", userId: "u1", status: "rejected", rawStatus: "rejected", reason: "limit", transactionHash: null })
    expect(parseWebhookEvent(envelope({ ...documented, status: "pending_review" })).withdrawal?.status).toBe("pending_review")
  })

  it("deposits carry none", () => {
    expect(parseWebhookEvent(envelope({ ...documented, type: "deposit" })).withdrawal).toBeNull()
  })
})

registerLeakScan()
