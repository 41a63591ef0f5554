import { ThreePayBadResponseError } from "../errors"
import {
  createResponseSchema,
  flattenPayload,
  invoiceSchema,
  parsePage,
  itemParser,
  readPage,
} from "../schemas"
import { invoiceData, listAnswer, TRON_ADDR, TX } from "./fixtures"
import { API, api, installNock, makeClient, registerLeakScan, rejectionOf, rejectionOfSync } from "./helpers"

installNock()

const VERIFY = `${API}/public/transaction/verify`
const CREATE = `${API}/transaction/create`

describe("create answer variants", () => {
  const create = async (answer: unknown) => {
    const { client } = makeClient()
    const scope = api().post(CREATE).query(true).reply(200, answer as Record<string, unknown>)
    const c = await client.createInvoice({ network: "TRC20", amount: "12.5" })
    scope.done()
    return c
  }

  it("documented: url at top level", async () => {
    expect(await create({ success: true, url: "https://pay.3pa-y.com/s/a", transactionId: TX, invoiceNo: "INV-1" })).toMatchObject({
      paymentUrl: "https://pay.3pa-y.com/s/a",
      transactionId: TX,
      invoiceNo: "INV-1",
    })
  })

  it("old name: paymentUrl", async () => {
    expect(await create({ success: true, message: "Payment link generated successfully", paymentUrl: "https://pay.3pa-y.com/s/b", transactionId: TX })).toMatchObject({
      paymentUrl: "https://pay.3pa-y.com/s/b",
    })
  })

  it("fields under data, with address, expiry and a string amount", async () => {
    expect(
      await create({
        success: true,
        data: { invoiceNo: "INV-2", paymentUrl: "https://pay.3pa-y.com/s/c", transactionId: TX, currencyType: "usdt-trc20", amount: "12.500000", walletAddress: TRON_ADDR, expiresAt: 1772366400 },
      })
    ).toMatchObject({ paymentUrl: "https://pay.3pa-y.com/s/c", invoiceNo: "INV-2", walletAddress: TRON_ADDR, amount: "12.5", expiresAt: "2026-03-01T12:00:00.000Z" })
  })

  it("fields split between top level and data", async () => {
    expect(await create({ success: true, url: "https://pay.3pa-y.com/s/d", data: { transactionId: TX } })).toMatchObject({ paymentUrl: "https://pay.3pa-y.com/s/d", transactionId: TX })
  })

  it("other answers do not inherit envelope fields (a withdrawal never gets status 'success' from the envelope)", async () => {
    const { client } = makeClient()
    api().post(`${API}/public/user/withdrawal/create`).reply(200, { success: true, status: "success", data: { withdrawalId: "w1", fee: 2 } })
    expect(await client.createWithdrawal({ userId: "u1", walletAddress: TRON_ADDR, amount: "5", network: "TRC20" })).toMatchObject({ id: "w1", status: "unknown" })
  })

  it("the schema refuses an answer without transactionId or with a non-http url", () => {
    expect(createResponseSchema.safeParse(flattenPayload({ success: true, url: "https://x.example/s" })).success).toBe(false)
    expect(createResponseSchema.safeParse(flattenPayload({ success: true, url: "javascript:alert(1)", transactionId: TX })).success).toBe(false)
    expect(createResponseSchema.safeParse(flattenPayload({ success: true, transactionId: TX })).success).toBe(false)
  })
})

describe("verify answer variants", () => {
  const verify = async (answer: unknown) => {
    const { client } = makeClient()
    api().get(VERIFY).query({ transactionId: TX }).reply(200, answer as Record<string, unknown>)
    return client.verifyInvoice(TX)
  }

  it("under the misspelt `date`", async () => {
    expect(await verify({ success: true, date: invoiceData({ status: "confirmed" }) })).toMatchObject({ transactionId: TX, status: "confirmed" })
  })

  it("at top level", async () => {
    expect(await verify({ success: true, ...invoiceData({ status: "expired" }) })).toMatchObject({ transactionId: TX, status: "expired" })
  })

  it("amounts as strings become canonical decimals; numbers too", async () => {
    const inv = await verify({ success: true, data: invoiceData({ amount: "100.00", actualBalance: "99.990000", fee: "1.5", netAmount: 98.49 }) })
    expect(inv).toMatchObject({ amount: "100", actualBalance: "99.99", fee: "1.5", netAmount: "98.49" })
  })

  it("a float artefact is read as the decimal 3PAY meant", async () => {
    expect((await verify({ success: true, data: invoiceData({ amount: 0.1 + 0.2 }) })).amount).toBe("0.3")
  })

  it.each([
    ["initiated", "initiated"],
    ["Initiated", "initiated"],
    ["amount confirmed", "amount_confirmed"],
    ["Amount Confirmed", "amount_confirmed"],
    ["confirmed", "confirmed"],
    ["Successful", "confirmed"],
    ["Completed (Paid)", "confirmed"],
    ["EXPIRED", "expired"],
    ["cancelled", "cancelled"],
    ["failed", "failed"],
    ["underpaid", "underpaid"],
    ["on_hold_for_review", "pending"],
    ["", "pending"],
  ])("status %p -> %p (rawStatus kept)", async (raw, normalised) => {
    const inv = await verify({ success: true, data: invoiceData({ status: raw }) })
    expect(inv.status).toBe(normalised)
    expect(inv.rawStatus).toBe(raw)
  })

  it("a missing status is pending, never paid", async () => {
    const d = invoiceData()
    delete d.status
    expect((await verify({ success: true, data: d })).status).toBe("pending")
  })

  it("`network` stands in for a missing currencyType; an unknown network is null", async () => {
    expect(await verify({ success: true, data: invoiceData({ currencyType: undefined, network: "USDT-ERC20" }) })).toMatchObject({
      currencyType: "USDT-ERC20",
      network: "ERC20",
    })
    expect(await verify({ success: true, data: invoiceData({ currencyType: "BTC" }) })).toMatchObject({ currencyType: null, network: null })
  })

  it("fills transactionId from the request when 3PAY omits it", async () => {
    const d = invoiceData()
    delete d.transactionId
    expect((await verify({ success: true, data: d })).transactionId).toBe(TX)
  })

  it("refuses an answer about another transaction", async () => {
    const { client } = makeClient()
    api().get(VERIFY).query(true).reply(200, { success: true, data: invoiceData({ transactionId: "someone-else" }) })
    const e = (await rejectionOf(client.verifyInvoice(TX))) as ThreePayBadResponseError
    expect(e).toBeInstanceOf(ThreePayBadResponseError)
    expect(e.message).toContain("another transaction")
  })

  it("never reads an envelope `status: \"success\"` as the invoice's status", async () => {
    expect((await verify({ success: true, status: "success", data: invoiceData({ status: "initiated" }) })).status).toBe("initiated")
    const d = invoiceData()
    delete d.status
    expect((await verify({ success: true, status: "success", data: d })).status).toBe("pending")
    const { client } = makeClient()
    api().get(VERIFY).query(true).reply(200, { success: true, status: "success", data: null })
    expect(await rejectionOf(client.verifyInvoice(TX))).toBeInstanceOf(ThreePayBadResponseError)
  })

  it("refuses an answer with no invoice in it", async () => {
    const { client } = makeClient()
    api().get(VERIFY).query(true).reply(200, { success: true, data: null })
    expect(await rejectionOf(client.verifyInvoice(TX))).toBeInstanceOf(ThreePayBadResponseError)
  })

  it("an unreadable amount is a bad response whose message names the field, not the body", async () => {
    const { client } = makeClient()
    api().get(VERIFY).query(true).reply(200, { success: true, data: invoiceData({ amount: "twelve", email: "carol@example.com" }) })
    const e = (await rejectionOf(client.verifyInvoice(TX))) as ThreePayBadResponseError
    expect(e).toBeInstanceOf(ThreePayBadResponseError)
    expect(e.message).toContain("amount")
    expect(e.message).not.toContain("twelve")
    expect(e.message).not.toContain("carol")
    expect(e.retryable).toBe(false)
  })
})

describe("list answer variants", () => {
  const req = { page: 1, limit: 20 }
  const ctx = { endpoint: "GET /public/transaction/list" }
  const one = invoiceData()

  it.each([
    ["data.docs", listAnswer([one], { totalDocs: 41, totalPages: 3 }), 41, 3],
    ["data.items + total", { success: true, data: { items: [one], total: 7 } }, 7, null],
    ["data.transactions", { success: true, data: { transactions: [one] } }, null, null],
    ["bare array under data", { success: true, data: [one] }, null, null],
    ["array under date", { success: true, date: [one] }, null, null],
    ["docs at top level", { success: true, docs: [one], totalDocs: "5", page: "1" }, 5, null],
    ["pagination object", { success: true, data: { docs: [one], pagination: { page: 2, limit: 10, totalPages: 4, total: 35 } } }, 35, 4],
  ])("%s", (_n, body, total, totalPages) => {
    const p = parsePage(body, itemParser(invoiceSchema), req, ctx)
    expect(p.items.map((i) => i.transactionId)).toEqual([TX])
    expect(p.total).toBe(total)
    expect(p.totalPages).toBe(totalPages)
  })

  it("reads `id` when transactionId is missing; skips and counts unreadable items", () => {
    const body = listAnswer([{ id: "by-id", status: "Initiated", amount: "1" }, { status: "confirmed" }, { transactionId: "t3", amount: {} }])
    const p = parsePage(body, itemParser(invoiceSchema), req, ctx)
    expect(p.items.map((i) => [i.transactionId, i.status])).toEqual([["by-id", "initiated"]])
    expect(p.skipped).toBe(2)
  })

  it("skipped items are logged as a count", async () => {
    const { client, logger } = makeClient()
    api().get(`${API}/public/transaction/list`).query(true).reply(200, listAnswer([one, { nope: 1 }]))
    const p = await client.listInvoices()
    expect(p.skipped).toBe(1)
    expect(logger.lines.some((l) => /skipped 1 unreadable item/.test(l.message))).toBe(true)
  })

  it("an answer with no list is a bad response", () => {
    expect(readPage({ success: true, data: { foo: 1 } }, req)).toBeNull()
    expect(rejectionOfSync(() => parsePage({ success: true }, itemParser(invoiceSchema), req, ctx))).toBeInstanceOf(ThreePayBadResponseError)
  })
})

registerLeakScan()
