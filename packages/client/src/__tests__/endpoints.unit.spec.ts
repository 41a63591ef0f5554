import nock from "nock"
import {
  ThreePayAuthenticationError,
  ThreePayNetworkMismatchError,
  ThreePayValidationError,
} from "../errors"
import { isInvoiceAlreadyFinalError } from "../client"
import { ETH_ADDR, invoiceData, listAnswer, TRON_ADDR, TX } from "./fixtures"
import { API, api, installNock, makeClient, registerLeakScan, rejectionOf, T0 } from "./helpers"

installNock()

describe("invoices", () => {
  it("createInvoice: POST /transaction/create, params in the query, shopper details in the body", async () => {
    const { client } = makeClient()
    const scope = api()
      .post(`${API}/transaction/create`, {
        email: "alice@example.com",
        firstName: "Alice",
        lastName: "Liddell",
        phoneNumber: "+33 6 12 34 56 78",
        username: "alice",
        description: "Medusa cart cart_1",
        referenceId: "cart_1",
      })
      .query({
        currencyType: "USDT-TRC20",
        amount: "12.5",
        timer: "30",
        webhookUrl: "https://shop.example/hooks/3pay",
        callbackUrl: "http://localhost:8000/checkout/return?cart=cart_1",
      })
      .reply(200, { success: true, url: "https://sandbox.pay.3pa-y.com/s/abc123", transactionId: TX, invoiceNo: "INV-67890-0001" })
    const created = await client.createInvoice({
      network: "TRC20",
      amount: "12.50",
      timerMinutes: 30,
      webhookUrl: "https://shop.example/hooks/3pay",
      callbackUrl: "http://localhost:8000/checkout/return?cart=cart_1",
      email: "alice@example.com",
      firstName: "Alice",
      lastName: "Liddell",
      phoneNumber: "+33 6 12 34 56 78",
      username: "alice",
      description: "Medusa cart cart_1",
      referenceId: "cart_1",
    })
    scope.done()
    expect(created).toEqual({
      transactionId: TX,
      invoiceNo: "INV-67890-0001",
      paymentUrl: "https://sandbox.pay.3pa-y.com/s/abc123",
      currencyType: "USDT-TRC20",
      network: "TRC20",
      amount: "12.5",
      walletAddress: null,
      // Computed from the timer when 3PAY does not say.
      expiresAt: new Date(T0 + 30 * 60_000).toISOString(),
      recovered: false,
    })
  })

  it("createInvoice: ERC20, no body when no shopper details, 3PAY's expiry and address win", async () => {
    const { client } = makeClient()
    let sentBody: unknown = "unset"
    const scope = api()
      .post(`${API}/transaction/create`, (b) => {
        sentBody = b
        return true
      })
      .query({ currencyType: "USDT-ERC20", amount: "100" })
      .reply(200, {
        success: true,
        data: { paymentUrl: "https://pay.3pa-y.com/s/x", transactionId: TX, walletAddress: ETH_ADDR, expiresAt: "2026-03-01T12:10:00Z" },
      })
    const created = await client.createInvoice({ network: "ERC20", amount: "100", email: "" })
    scope.done()
    expect(sentBody === "" || sentBody === undefined).toBe(true)
    expect(created).toMatchObject({ currencyType: "USDT-ERC20", walletAddress: ETH_ADDR, expiresAt: "2026-03-01T12:10:00.000Z", invoiceNo: null })
  })

  it("createInvoice gets a longer timeout than other calls (15 s default, never shorter than timeoutMs)", async () => {
    const { client } = makeClient({ timeoutMs: 40, maxAttempts: 1 })
    api().post(`${API}/transaction/create`).query(true).delay(120).reply(200, { success: true, url: "https://pay.3pa-y.com/s/x", transactionId: TX })
    api().get(`${API}/public/transaction/verify`).query(true).delay(120).reply(200, { success: true, data: invoiceData() })
    expect((await client.createInvoice({ network: "TRC20", amount: "1" })).transactionId).toBe(TX)
    expect(await rejectionOf(client.verifyInvoice(TX))).toMatchObject({ code: "unavailable", reason: "timeout" })
  })

  it("createInvoice refuses an invoice 3PAY put on the other network", async () => {
    const { client } = makeClient()
    api().post(`${API}/transaction/create`).query(true).reply(200, { success: true, url: "https://pay.3pa-y.com/s/x", transactionId: TX, currencyType: "USDT-ERC20" })
    const e = (await rejectionOf(client.createInvoice({ network: "TRC20", amount: "5" }))) as ThreePayNetworkMismatchError
    expect(e).toBeInstanceOf(ThreePayNetworkMismatchError)
    expect(e).toMatchObject({ expected: "TRC20", actual: "ERC20" })
    expect(e.message).toContain(TX)
  })

  it("createInvoice warns when 3PAY echoes another amount (precision)", async () => {
    const { client, logger } = makeClient()
    api().post(`${API}/transaction/create`).query(true).reply(200, { success: true, url: "https://pay.3pa-y.com/s/x", transactionId: TX, amount: 12.35 })
    const c = await client.createInvoice({ network: "TRC20", amount: "12.345678" })
    expect(c.amount).toBe("12.345678")
    expect(logger.lines.some((l) => l.level === "warn" && l.message.includes("echoed amount 12.35 for requested 12.345678"))).toBe(true)
  })

  it("verifyInvoice: GET /public/transaction/verify?transactionId=", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/transaction/verify`)
      .query({ transactionId: TX })
      .reply(200, {
        success: true,
        message: "ok",
        data: invoiceData({
          status: "confirmed",
          amount: 100,
          actualBalance: 100,
          fee: 1,
          netAmount: 99,
          blockchainTxHash: "abc123",
          confirmedAt: "2026-03-01T12:05:32.000Z",
          referenceId: "cart_1",
        }),
      })
    const inv = await client.verifyInvoice(TX)
    scope.done()
    expect(inv).toEqual({
      transactionId: TX,
      invoiceNo: "INV-68867691dc1638356730b2c6-0073",
      type: "deposit",
      status: "confirmed",
      rawStatus: "confirmed",
      currencyType: "USDT-TRC20",
      network: "TRC20",
      amount: "100",
      actualBalance: "100",
      fee: "1",
      netAmount: "99",
      walletAddress: TRON_ADDR,
      blockchainTxHash: "abc123",
      paymentUrl: "https://sandbox.pay.3pa-y.com/s/ovU45L84",
      referenceId: "cart_1",
      createdAt: new Date(T0).toISOString(),
      confirmedAt: "2026-03-01T12:05:32.000Z",
      expiresAt: null,
    })
  })

  it("listInvoices: GET /public/transaction/list with every filter", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/transaction/list`)
      .query({
        page: "2",
        limit: "100",
        search: "alice@example.com",
        type: "deposit",
        status: "initiated",
        currencyType: "USDT-ERC20",
        fromDate: "2026-02-01",
        toDate: "2026-03-01T00:00:00Z",
      })
      .reply(200, listAnswer([invoiceData(), invoiceData({ transactionId: "t2", status: "expired" })], { page: 2, limit: 100, totalPages: 3, totalDocs: 202 }))
    const page = await client.listInvoices({
      page: 2,
      limit: 100,
      search: "alice@example.com",
      type: "deposit",
      status: "initiated",
      network: "ERC20",
      fromDate: "2026-02-01",
      toDate: "2026-03-01T00:00:00Z",
    })
    scope.done()
    expect(page).toMatchObject({ page: 2, limit: 100, totalPages: 3, total: 202 })
    expect(page.items.map((i) => [i.transactionId, i.status])).toEqual([
      [TX, "initiated"],
      ["t2", "expired"],
    ])
  })

  it("listInvoices: defaults page 1, limit 20", async () => {
    const { client } = makeClient()
    const scope = api().get(`${API}/public/transaction/list`).query({ page: "1", limit: "20" }).reply(200, listAnswer([]))
    expect((await client.listInvoices()).items).toEqual([])
    scope.done()
  })

  it("cancelInvoice: POST /public/transaction/cancel with the id in body and query", async () => {
    const { client } = makeClient()
    const scope = api()
      .post(`${API}/public/transaction/cancel`, { transactionId: TX })
      .query({ transactionId: TX })
      .reply(200, { success: true, data: { transactionId: TX, status: "cancelled" } })
    expect(await client.cancelInvoice(TX)).toEqual({ transactionId: TX, status: "cancelled", rawStatus: "cancelled" })
    scope.done()
  })

  it("cancelInvoice: a bare success means cancelled; 'already expired' is recognisable", async () => {
    const { client } = makeClient()
    api().post(`${API}/public/transaction/cancel`).query(true).reply(200, { success: true })
    expect(await client.cancelInvoice(TX)).toEqual({ transactionId: TX, status: "cancelled", rawStatus: "cancelled" })
    api().post(`${API}/public/transaction/cancel`).query(true).reply(400, { success: false, message: "Transaction already expired" })
    const e = await rejectionOf(client.cancelInvoice(TX))
    expect(e).toBeInstanceOf(ThreePayValidationError)
    expect(isInvoiceAlreadyFinalError(e)).toBe(true)
    api().post(`${API}/public/transaction/cancel`).query(true).reply(400, { success: false, message: "transactionId is required" })
    expect(isInvoiceAlreadyFinalError(await rejectionOf(client.cancelInvoice(TX)))).toBe(false)
  })

  it("ping: one authenticated list call with limit 1", async () => {
    const { client } = makeClient()
    const scope = api().get(`${API}/public/transaction/list`).query({ page: "1", limit: "1" }).reply(200, listAnswer([]))
    const r = await client.ping()
    scope.done()
    expect(r).toMatchObject({ ok: true, baseUrl: "https://sandbox.pay.3pa-y.com/api/v1", environment: "sandbox" })
    expect(r.latencyMs).toBeGreaterThanOrEqual(0)
  })

  it("ping surfaces a bad key as ThreePayAuthenticationError", async () => {
    const { client } = makeClient()
    api().get(`${API}/public/transaction/list`).query(true).reply(401, { success: false, error: { code: "INVALID_AUTH", message: "Missing or invalid credentials" } })
    expect(await rejectionOf(client.ping())).toBeInstanceOf(ThreePayAuthenticationError)
  })
})

describe("reconciliation paging", () => {
  const docs = (from: number, n: number) => Array.from({ length: n }, (_, i) => invoiceData({ transactionId: `t${from + i}` }))

  it("one call per 100 invoices, up to the last page", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/transaction/list`).query({ page: "1", limit: "100", type: "deposit" })
      .reply(200, listAnswer(docs(0, 100), { page: 1, limit: 100, totalPages: 3 }))
      .get(`${API}/public/transaction/list`).query({ page: "2", limit: "100", type: "deposit" })
      .reply(200, listAnswer(docs(100, 100), { page: 2, limit: 100, totalPages: 3 }))
      .get(`${API}/public/transaction/list`).query({ page: "3", limit: "100", type: "deposit" })
      .reply(200, listAnswer(docs(200, 37), { page: 3, limit: 100, totalPages: 3 }))
    const ids: string[] = []
    for await (const inv of client.iterateInvoices({ type: "deposit" })) ids.push(inv.transactionId)
    scope.done()
    expect(ids).toHaveLength(237)
    expect(ids[236]).toBe("t236")
  })

  it("without totalPages, stops on a short page", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/transaction/list`).query({ page: "1", limit: "100" })
      .reply(200, { success: true, data: docs(0, 100) })
      .get(`${API}/public/transaction/list`).query({ page: "2", limit: "100" })
      .reply(200, { success: true, data: docs(100, 5) })
    const pages = []
    for await (const p of client.iterateInvoicePages()) pages.push(p.items.length)
    scope.done()
    expect(pages).toEqual([100, 5])
  })

  it("stops when 3PAY ignores `page` and repeats the same page", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/transaction/list`).query(true).twice()
      .reply(200, { success: true, data: docs(0, 100) })
    const pages = []
    for await (const p of client.iterateInvoicePages()) pages.push(p.items[0].transactionId)
    scope.done()
    expect(pages).toEqual(["t0"])
  })

  it("honours startPage, pageSize and maxPages", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/transaction/list`).query({ page: "4", limit: "10" })
      .reply(200, listAnswer(docs(30, 10), { page: 4, limit: 10, totalPages: 99 }))
      .get(`${API}/public/transaction/list`).query({ page: "5", limit: "10" })
      .reply(200, listAnswer(docs(40, 10), { page: 5, limit: 10, totalPages: 99 }))
    let n = 0
    for await (const _ of client.iterateInvoicePages({}, { startPage: 4, pageSize: 10, maxPages: 2 })) n++
    scope.done()
    expect(n).toBe(2)
    await expect(client.iterateInvoicePages({}, { pageSize: 101 }).next()).rejects.toBeInstanceOf(ThreePayValidationError)
  })
})

describe("per-user wallets", () => {
  const wallets = [
    { walletAddress: ETH_ADDR, walletNetwork: "USDT-ERC20" },
    { walletAddress: TRON_ADDR, walletNetwork: "USDT-TRC20" },
  ]

  it("generateWallet: POST /public/wallet/generate with the documented body", async () => {
    const { client } = makeClient()
    const scope = api()
      .post(`${API}/public/wallet/generate`, {
        userId: "u1",
        email: "u1@example.com",
        firstName: "Ann",
        lastName: "Lee",
        phone: "+1 555",
        callbackUrl: "https://shop.example/hooks/3pay",
        isActive: true,
        description: "vip",
      })
      .reply(200, { success: true, data: { userId: "u1", wallets } })
    const w = await client.generateWallet({
      userId: "u1",
      email: "u1@example.com",
      firstName: "Ann",
      lastName: "Lee",
      phone: "+1 555",
      callbackUrl: "https://shop.example/hooks/3pay",
      isActive: true,
      description: "vip",
    })
    scope.done()
    expect(w.userId).toBe("u1")
    expect(w.wallets).toEqual([
      { walletAddress: ETH_ADDR, network: "ERC20", currencyType: "USDT-ERC20" },
      { walletAddress: TRON_ADDR, network: "TRC20", currencyType: "USDT-TRC20" },
    ])
    expect(w.raw).toEqual({ userId: "u1", wallets })
  })

  it("viewWallet: GET /public/wallet/view/{userId} (id encoded)", async () => {
    const { client } = makeClient()
    const scope = api().get(`${API}/public/wallet/view/user%2F1`).reply(200, { success: true, data: { userId: "user/1", email: "u@example.com", isActive: false, wallets } })
    const w = await client.viewWallet("user/1")
    scope.done()
    expect(w).toMatchObject({ userId: "user/1", email: "u@example.com", isActive: false })
    expect(w.wallets).toHaveLength(2)
  })

  it("getWalletBalance: GET /public/wallet/balance/{userId}", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/wallet/balance/u1`)
      .reply(200, {
        success: true,
        data: {
          userId: "u1",
          totalBalance: "150.50",
          wallets: [{ walletAddress: TRON_ADDR, walletNetwork: "USDT-TRC20", balance: 150.5, lastDepositAt: "2026-02-28T10:00:00Z", lastDepositAmount: 50, totalDeposits: 3, totalDepositAmount: 150.5 }],
        },
      })
    const b = await client.getWalletBalance("u1")
    scope.done()
    expect(b.totalBalance).toBe("150.5")
    expect(b.wallets).toEqual([
      { walletAddress: TRON_ADDR, network: "TRC20", balance: "150.5", lastDepositAt: "2026-02-28T10:00:00.000Z", lastDepositAmount: "50" },
    ])
  })

  it("updateWalletBalance: POST /public/wallet/updateBalance, operation sent as `type`", async () => {
    const { client } = makeClient()
    const scope = api()
      .post(`${API}/public/wallet/updateBalance`, { userId: "u1", amount: "2.5", type: "debit", currencyType: "USDT-TRC20", reason: "fee" })
      .reply(200, { success: true, data: { userId: "u1", totalBalance: 148 } })
    const r = await client.updateWalletBalance({ userId: "u1", amount: "2.500", network: "TRC20", operation: "debit", reason: "fee" })
    scope.done()
    expect(r).toMatchObject({ userId: "u1", totalBalance: "148" })
  })

  it("listUserTransactions: GET /public/user/transaction/list?userId&page&limit", async () => {
    const { client } = makeClient()
    const scope = api()
      .get(`${API}/public/user/transaction/list`)
      .query({ userId: "u1", page: "1", limit: "50" })
      .reply(200, listAnswer([invoiceData({ status: "confirmed" })], { limit: 50 }))
    const p = await client.listUserTransactions({ userId: "u1", limit: 50 })
    scope.done()
    expect(p.items[0]).toMatchObject({ transactionId: TX, status: "confirmed" })
  })
})

describe("withdrawals", () => {
  it("createWithdrawal: POST /public/user/withdrawal/create", async () => {
    const { client } = makeClient()
    const scope = api()
      .post(`${API}/public/user/withdrawal/create`, {
        userId: "u1",
        walletAddress: TRON_ADDR,
        amount: "50",
        currencyType: "USDT-TRC20",
        callbackUrl: "https://shop.example/hooks/3pay",
      })
      .reply(200, { success: true, data: { withdrawalId: "w1", status: "completed", transactionHash: "0xhash", fee: 2, netAmount: 48 } })
    const w = await client.createWithdrawal({
      userId: "u1",
      walletAddress: TRON_ADDR,
      amount: "50.00",
      network: "TRC20",
      callbackUrl: "https://shop.example/hooks/3pay",
    })
    scope.done()
    expect(w).toMatchObject({ id: "w1", status: "completed", transactionHash: "0xhash", fee: "2", netAmount: "48" })
  })

  it("createWithdrawal refuses an address of the other network before sending", async () => {
    const { client } = makeClient()
    const scope = api().post(`${API}/public/user/withdrawal/create`).reply(200, {})
    const e = (await rejectionOf(
      client.createWithdrawal({ userId: "u1", walletAddress: ETH_ADDR, amount: "5", network: "TRC20" })
    )) as ThreePayNetworkMismatchError
    expect(e).toBeInstanceOf(ThreePayNetworkMismatchError)
    expect(e).toMatchObject({ expected: "TRC20", actual: "ERC20" })
    expect(await rejectionOf(client.createWithdrawal({ userId: "u1", walletAddress: "Tshort", amount: "5", network: "TRC20" }))).toBeInstanceOf(
      ThreePayValidationError
    )
    expect(scope.isDone()).toBe(false)
  })

  it("listWithdrawalRequests: GET /public/withdrawal-requests?page&limit&status", async () => {
    const { client } = makeClient()
    const raw = { id: "w1", userId: "u1", amount: "25", currencyType: "USDT-ERC20", walletAddress: ETH_ADDR, status: "pending", createdAt: "2026-03-01T11:00:00Z" }
    const scope = api()
      .get(`${API}/public/withdrawal-requests`)
      .query({ page: "1", limit: "20", status: "pending" })
      .reply(200, { success: true, data: { docs: [raw], page: 1, limit: 20, totalPages: 1 } })
    const p = await client.listWithdrawalRequests({ status: "pending" })
    scope.done()
    expect(p.items).toEqual([
      {
        id: "w1",
        userId: "u1",
        amount: "25",
        fee: null,
        netAmount: null,
        network: "ERC20",
        walletAddress: ETH_ADDR,
        status: "pending_review",
        rawStatus: "pending",
        transactionHash: null,
        reason: null,
        createdAt: "2026-03-01T11:00:00.000Z",
        raw,
      },
    ])
  })

  it("approveWithdrawalRequest: POST .../{id}/approve with x-api-secret", async () => {
    const { client } = makeClient()
    const scope = api().post(`${API}/public/withdrawal-requests/w1/approve`).reply(200, { success: true, data: { id: "w1", status: "completed", transactionHash: "0xabc" } })
    expect(await client.approveWithdrawalRequest("w1")).toMatchObject({ id: "w1", status: "completed", transactionHash: "0xabc" })
    scope.done()
  })

  it("rejectWithdrawalRequest: POST .../{id}/reject with { reason }", async () => {
    const { client } = makeClient()
    const scope = api().post(`${API}/public/withdrawal-requests/w1/reject`, { reason: "duplicate" }).reply(200, { success: true, data: { status: "rejected" } })
    expect(await client.rejectWithdrawalRequest("w1", { reason: "duplicate" })).toMatchObject({ id: "w1", status: "rejected" })
    scope.done()
  })

  it("approve/reject without an API secret fail before sending", async () => {
    const { client } = makeClient({ apiSecret: undefined })
    const scope = nock("https://sandbox.pay.3pa-y.com").post(/withdrawal-requests/).reply(200, {})
    expect(await rejectionOf(client.approveWithdrawalRequest("w1"))).toBeInstanceOf(ThreePayAuthenticationError)
    expect(await rejectionOf(client.rejectWithdrawalRequest("w1"))).toBeInstanceOf(ThreePayAuthenticationError)
    expect(scope.isDone()).toBe(false)
  })
})

describe("webhook management", () => {
  it("setWebhookUrl: POST /webhook/url { webhookUrl }", async () => {
    const { client } = makeClient()
    const scope = api().post(`${API}/webhook/url`, { webhookUrl: "https://shop.example/hooks/3pay" }).reply(200, { success: true, data: { webhookUrl: "https://shop.example/hooks/3pay" } })
    expect(await client.setWebhookUrl("https://shop.example/hooks/3pay")).toEqual({ webhookUrl: "https://shop.example/hooks/3pay" })
    scope.done()
  })

  it("sendTestWebhook: POST /webhook/test", async () => {
    const { client } = makeClient()
    const scope = api().post(`${API}/webhook/test`).reply(200, { success: true, data: { eventId: "ev1", delivered: true, statusCode: 200 } })
    expect(await client.sendTestWebhook()).toEqual({ eventId: "ev1", delivered: true, statusCode: 200 })
    scope.done()
  })

  it("getWebhookSecret: GET /webhook/secret (masked)", async () => {
    const { client } = makeClient()
    const scope = api().get(`${API}/webhook/secret`).reply(200, { success: true, data: { secret: "••••••••a1b2c3d4" } })
    expect(await client.getWebhookSecret()).toEqual({ maskedSecret: "••••••••a1b2c3d4" })
    scope.done()
  })

  it("rotateWebhookSecret: POST /webhook/secret/rotate (full value once)", async () => {
    const { client, logger } = makeClient()
    const scope = api().post(`${API}/webhook/secret/rotate`).reply(200, { success: true, data: { secret: "whsec_new_full_value_123" } })
    expect(await client.rotateWebhookSecret()).toEqual({ secret: "whsec_new_full_value_123" })
    scope.done()
    expect(logger.lines.map((l) => l.message).join("\n")).not.toContain("whsec_new_full_value_123")
  })

  it("listWebhookEvents: GET /webhook/events?deliveryStatus=failed&page&limit", async () => {
    const { client } = makeClient()
    const raw = { id: "ev9", eventType: "deposit", transactionId: TX, deliveryStatus: "failed", attempts: 6, lastAttemptAt: "2026-03-01T00:00:00Z", url: "https://shop.example/hooks/3pay", responseStatus: 500 }
    const scope = api()
      .get(`${API}/webhook/events`)
      .query({ deliveryStatus: "failed", page: "2", limit: "50" })
      .reply(200, { success: true, data: { docs: [raw], page: 2, limit: 50, totalPages: 2 } })
    const p = await client.listWebhookEvents({ deliveryStatus: "failed", page: 2, limit: 50 })
    scope.done()
    expect(p.items).toEqual([
      { id: "ev9", deliveryStatus: "failed", eventType: "deposit", transactionId: TX, attempts: 6, lastAttemptAt: "2026-03-01T00:00:00.000Z", raw },
    ])
  })

  it("retryWebhookEvent: POST /webhook/retry/{webhookEventId}", async () => {
    const { client } = makeClient()
    const scope = api().post(`${API}/webhook/retry/ev9`).reply(200, { success: true, data: { id: "ev9", deliveryStatus: "pending" } })
    expect(await client.retryWebhookEvent("ev9")).toEqual({ id: "ev9", deliveryStatus: "pending" })
    scope.done()
  })
})

describe("input validation (nothing is sent)", () => {
  const base = { network: "TRC20" as const, amount: "10" }
  const bad: Array<[string, Record<string, unknown>, RegExp]> = [
    ["zero amount", { ...base, amount: "0" }, /amount: must be greater than 0/],
    ["negative amount", { ...base, amount: "-1" }, /amount: must be greater than 0/],
    ["7 decimals", { ...base, amount: "1.1234567" }, /amount: must be a decimal string with at most 6 decimals/],
    ["not a number", { ...base, amount: "ten" }, /amount/],
    ["amount as a JS number", { ...base, amount: 10 }, /amount/],
    ["unknown network", { ...base, network: "BEP20" }, /network/],
    ["timer 0", { ...base, timerMinutes: 0 }, /timerMinutes/],
    ["timer 1441", { ...base, timerMinutes: 1441 }, /timerMinutes/],
    ["timer 1.5", { ...base, timerMinutes: 1.5 }, /timerMinutes/],
    ["ftp webhook", { ...base, webhookUrl: "ftp://shop.example/x" }, /webhookUrl/],
    ["relative callback", { ...base, callbackUrl: "/checkout" }, /callbackUrl/],
    ["bad email", { ...base, email: "not-an-email" }, /email/],
    ["misspelt option", { ...base, timer: 30 }, /Unrecognized key/],
  ]
  it.each(bad)("createInvoice: %s", async (_n, input, msg) => {
    const { client } = makeClient()
    const scope = api().post(`${API}/transaction/create`).query(true).reply(200, {})
    const e = (await rejectionOf(client.createInvoice(input as never))) as ThreePayValidationError
    expect(e).toBeInstanceOf(ThreePayValidationError)
    expect(e.message).toMatch(msg)
    expect(e.message).toContain("Nothing was sent")
    expect(scope.isDone()).toBe(false)
  })

  it("validation messages never quote the input (it may be an email)", async () => {
    const { client } = makeClient()
    const e = (await rejectionOf(client.createInvoice({ ...base, email: "bob@@example.com" }))) as Error
    expect(e.message).not.toContain("bob")
  })

  it("other methods validate too", async () => {
    const { client } = makeClient()
    const cases: Array<Promise<unknown>> = [
      client.verifyInvoice(""),
      client.listInvoices({ limit: 101 }),
      client.listInvoices({ fromDate: "yesterday" }),
      client.generateWallet({ userId: "u1", email: "nope" }),
      client.updateWalletBalance({ userId: "u1", amount: "0.0000001", operation: "credit" }),
      client.updateWalletBalance({ userId: "u1", amount: "1" } as never),
      client.setWebhookUrl("javascript:alert(1)"),
      client.listWebhookEvents({ page: 0 }),
      client.verifyInvoice(TX, { reserve: -1 }),
      client.verifyInvoice(TX, { timeoutMs: 0 }),
    ]
    for (const p of cases) expect(await rejectionOf(p)).toBeInstanceOf(ThreePayValidationError)
  })
})

registerLeakScan()
