import type { EmulatorHandle } from "../index"
import { api, createInvoice, startTestEmulator, T0 } from "./helpers"

describe("invoices: create, verify, list, cancel", () => {
  let emu: EmulatorHandle
  beforeEach(async () => {
    emu = await startTestEmulator()
  })
  afterEach(() => emu.stop())

  it("creates an invoice in the documented shape plus the emulator's extras", async () => {
    const r = await createInvoice(
      emu,
      { currencyType: "USDT-ERC20", amount: "25.5", timer: "30", callbackUrl: "http://shop.test/return", webhookUrl: "http://shop.test/hook" },
      { email: "ada@example.com", firstName: "Ada", lastName: "Lovelace", referenceId: "ORD-1234", description: "Order 1234" }
    )
    expect(r.status).toBe(200)
    expect(Object.keys(r.json).sort()).toEqual(
      ["success", "url", "transactionId", "invoiceNo", "walletAddress", "expiresAt", "amount", "currencyType"].sort()
    )
    expect(r.json).toMatchObject({ success: true, amount: 25.5, currencyType: "USDT-ERC20" })
    expect(r.json.transactionId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(r.json.invoiceNo).toMatch(/^INV-[0-9a-f]{24}-0001$/)
    expect(r.json.url).toMatch(new RegExp(`^${emu.url}/s/[A-Za-z0-9]{8}$`))
    expect(r.json.expiresAt).toBe(new Date(T0 + 30 * 60_000).toISOString())
    const inv = emu.control.invoice(r.json.transactionId)
    expect(inv).toMatchObject({
      referenceId: "ORD-1234",
      email: "ada@example.com",
      callbackUrl: "http://shop.test/return",
      webhookUrl: "http://shop.test/hook",
      status: "initiated",
    })
    const second = await createInvoice(emu)
    expect(second.json.invoiceNo).toMatch(/-0002$/)
    expect(second.json.expiresAt).toBe(new Date(T0 + 10 * 60_000).toISOString())
  })

  it("verifies by transactionId (or invoiceNo) with the full data object", async () => {
    const c = await createInvoice(emu, { amount: "12.5" }, { referenceId: "cart_1" })
    const v = await api(emu, "/public/transaction/verify", { query: { transactionId: c.json.transactionId } })
    expect(v.status).toBe(200)
    expect(v.json.success).toBe(true)
    expect(v.json.data).toMatchObject({
      transactionId: c.json.transactionId,
      id: c.json.transactionId,
      invoiceNo: c.json.invoiceNo,
      type: "deposit",
      status: "initiated",
      amount: 12.5,
      fee: 0,
      netAmount: 0,
      actualBalance: 0,
      currencyType: "USDT-TRC20",
      network: "USDT-TRC20",
      walletAddress: c.json.walletAddress,
      blockchainTxHash: null,
      createdAt: new Date(T0).toISOString(),
      confirmedAt: null,
      expiresAt: c.json.expiresAt,
      referenceId: "cart_1",
      paymentUrl: c.json.url,
    })
    const byNo = await api(emu, "/public/transaction/verify", { query: { invoiceNo: c.json.invoiceNo } })
    expect(byNo.json.data.transactionId).toBe(c.json.transactionId)
  })

  it("lists newest first with paging, limit capped at 100", async () => {
    const ids: string[] = []
    for (let i = 0; i < 25; i++) {
      ids.push((await createInvoice(emu, { amount: String(10 + i) })).json.transactionId)
      await emu.control.advance(1000)
    }
    const p1 = await api(emu, "/public/transaction/list", { query: { page: 1, limit: 10 } })
    expect(p1.json.data).toMatchObject({ page: 1, limit: 10, totalPages: 3, totalDocs: 25 })
    expect(p1.json.data.docs.map((d: any) => d.transactionId)).toEqual(ids.slice().reverse().slice(0, 10))
    const p3 = await api(emu, "/public/transaction/list", { query: { page: 3, limit: 10 } })
    expect(p3.json.data.docs).toHaveLength(5)
    const dflt = await api(emu, "/public/transaction/list")
    expect(dflt.json.data.limit).toBe(20)
    const big = await api(emu, "/public/transaction/list", { query: { limit: 500 } })
    expect(big.json.data.limit).toBe(100)
    expect(big.json.data.docs).toHaveLength(25)
    expect((await api(emu, "/public/transaction/list", { query: { page: 0 } })).status).toBe(400)
  })

  it("searches email, name, walletAddress, transactionId, invoiceNo and referenceId", async () => {
    const a = await createInvoice(emu, {}, { email: "grace@hopper.dev", firstName: "Grace", lastName: "Hopper", referenceId: "ORD-77" })
    const b = await createInvoice(emu, { currencyType: "USDT-ERC20" }, { email: "alan@turing.dev", referenceId: "ORD-88" })
    const search = async (s: string) =>
      (await api(emu, "/public/transaction/list", { query: { search: s } })).json.data.docs.map((d: any) => d.transactionId)
    expect(await search("HOPPER.dev")).toEqual([a.json.transactionId])
    expect(await search("grace hopper")).toEqual([a.json.transactionId])
    expect(await search(b.json.walletAddress)).toEqual([b.json.transactionId])
    expect(await search(a.json.transactionId)).toEqual([a.json.transactionId])
    expect(await search(b.json.invoiceNo)).toEqual([b.json.transactionId])
    expect(await search("ORD-88")).toEqual([b.json.transactionId])
    expect(await search("nobody")).toEqual([])
  })

  it("filters by status, currencyType, type and date range", async () => {
    const a = await createInvoice(emu)
    await emu.control.advance(24 * 3600_000)
    const b = await createInvoice(emu, { currencyType: "USDT-ERC20" })
    await emu.control.pay(b.json.transactionId)
    const list = async (q: Record<string, string>) =>
      (await api(emu, "/public/transaction/list", { query: q })).json.data.docs.map((d: any) => d.transactionId)
    expect(await list({ status: "confirmed" })).toEqual([b.json.transactionId])
    expect(await list({ status: "expired" })).toEqual([a.json.transactionId])
    expect(await list({ currencyType: "USDT-TRC20" })).toEqual([a.json.transactionId])
    expect(await list({ type: "deposit" })).toHaveLength(2)
    expect(await list({ type: "withdrawal" })).toEqual([])
    const day1 = new Date(T0).toISOString().slice(0, 10)
    expect(await list({ fromDate: day1, toDate: day1 })).toEqual([a.json.transactionId])
    expect(await list({ fromDate: new Date(T0 + 3600_000).toISOString() })).toEqual([b.json.transactionId])
    expect((await api(emu, "/public/transaction/list", { query: { fromDate: "yesterday" } })).status).toBe(400)
    expect((await api(emu, "/public/transaction/list", { query: { currencyType: "BTC" } })).status).toBe(400)
  })

  it("cancels only while initiated; otherwise 400 naming the status", async () => {
    const a = await createInvoice(emu)
    const c = await api(emu, "/public/transaction/cancel", { body: { transactionId: a.json.transactionId } })
    expect(c.status).toBe(200)
    expect(c.json).toEqual({ success: true, message: expect.any(String), data: { transactionId: a.json.transactionId, status: "cancelled" } })
    expect(emu.control.invoice(a.json.transactionId).status).toBe("cancelled")
    const again = await api(emu, "/public/transaction/cancel", { body: { transactionId: a.json.transactionId } })
    expect(again.status).toBe(400)
    expect(again.json.error.message).toMatch(/"cancelled"/)
    expect(again.json.error.details).toEqual({ status: "cancelled" })

    const b = await createInvoice(emu)
    await emu.control.pay(b.json.transactionId)
    const paid = await api(emu, "/public/transaction/cancel", { method: "POST", query: { transactionId: b.json.transactionId } })
    expect(paid.status).toBe(400)
    expect(paid.json.error.message).toMatch(/"confirmed"/)
    expect((await api(emu, "/public/transaction/cancel", { body: { transactionId: "missing" } })).status).toBe(404)
    // a cancelled invoice no longer expires or takes payments
    await emu.control.advance(3600_000)
    expect(emu.control.invoice(a.json.transactionId).status).toBe("cancelled")
    await expect(emu.control.pay(a.json.transactionId)).rejects.toThrow(/cancelled/)
  })
})
