import { checkAddress } from "medusa-payment-3pay-client"
import type { EmulatorHandle } from "../index"
import { api, control, startReceiver, startTestEmulator, type Receiver } from "./helpers"

const TRON_DEST = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
const ETH_DEST = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"

describe("per-user wallets", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    emu = await startTestEmulator({ webhookUrl: hook.url })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  it("generates both addresses in one call; again for the same user returns the same wallets", async () => {
    const r = await api(emu, "/public/wallet/generate", { body: { userId: "user_1", email: "u1@example.com", firstName: "U" } })
    expect(r.status).toBe(201)
    expect(r.json.data.userId).toBe("user_1")
    const w = r.json.data.wallets
    expect(w.map((x: any) => x.walletNetwork)).toEqual(["USDT-ERC20", "USDT-TRC20"])
    expect(checkAddress("ERC20", w[0].walletAddress).ok).toBe(true)
    expect(checkAddress("TRC20", w[1].walletAddress).ok).toBe(true)
    const again = await api(emu, "/public/wallet/generate", { body: { userId: "user_1", email: "u1@example.com" } })
    expect(again.status).toBe(200)
    expect(again.json.data.wallets).toEqual(w)
    expect((await api(emu, "/public/wallet/generate", { body: { email: "x@y.z" } })).status).toBe(400)
    expect((await api(emu, "/public/wallet/generate", { body: { userId: "u2" } })).status).toBe(400)
  })

  it("views, credits, debits and lists a user's transactions", async () => {
    await api(emu, "/public/wallet/generate", { body: { userId: "u", email: "u@example.com", isActive: true } })
    const v = await api(emu, "/public/wallet/view/u")
    expect(v.json.data).toMatchObject({ userId: "u", email: "u@example.com", isActive: true })
    const c = await api(emu, "/public/wallet/updateBalance", { body: { userId: "u", amount: "25.5", type: "credit", currencyType: "USDT-ERC20" } })
    expect(c.json.data).toMatchObject({ userId: "u", totalBalance: 25.5, balance: 25.5 })
    const d = await api(emu, "/public/wallet/updateBalance", { body: { userId: "u", amount: 5, type: "debit", currencyType: "USDT-ERC20", reason: "fix" } })
    expect(d.json.data.totalBalance).toBe(20.5)
    const over = await api(emu, "/public/wallet/updateBalance", { body: { userId: "u", amount: 500, type: "debit", currencyType: "USDT-ERC20" } })
    expect(over.status).toBe(400)
    expect((await api(emu, "/public/wallet/updateBalance", { body: { userId: "u", amount: 1, type: "gift" } })).status).toBe(400)
    expect((await api(emu, "/public/wallet/updateBalance", { body: { userId: "ghost", amount: 1, type: "credit" } })).status).toBe(404)

    await emu.control.depositToWallet("u", { amount: "100", currencyType: "USDT-TRC20" })
    const b = await api(emu, "/public/wallet/balance/u")
    expect(b.json.data.totalBalance).toBe(119.5)
    const trc = b.json.data.wallets.find((x: any) => x.walletNetwork === "USDT-TRC20")
    expect(trc).toMatchObject({ balance: 99, lastDepositAmount: 100, totalDeposits: 1, totalDepositAmount: 100 })
    expect(hook.received[0].json.data).toMatchObject({ type: "deposit", status: "confirmed", amount: 100, fee: 1, netAmount: 99 })

    const list = await api(emu, "/public/user/transaction/list", { query: { userId: "u" } })
    expect(list.json.data.docs.map((t: any) => t.type)).toEqual(["deposit", "debit", "credit"])
    expect((await api(emu, "/public/user/transaction/list", { query: { userId: "ghost" } })).status).toBe(404)
    // wallet deposits also appear in the merchant's transaction list, findable by userId
    const merchant = await api(emu, "/public/transaction/list", { query: { search: "u@example" } })
    expect(merchant.json.data.docs).toHaveLength(1)
  })
})

describe("user withdrawals", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    emu = await startTestEmulator({ webhookUrl: hook.url, autoApproveWithdrawalsUpTo: "100", merchantBalance: "1000" })
    await api(emu, "/public/wallet/generate", { body: { userId: "w", email: "w@example.com" } })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  const withdraw = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
    api(emu, "/public/user/withdrawal/create", {
      body: { userId: "w", walletAddress: TRON_DEST, currencyType: "USDT-TRC20", ...body },
      headers,
    })

  it("up to the threshold: completed at once, with a tx hash and the network fee", async () => {
    const t = await withdraw({ amount: 50 })
    expect(t.status).toBe(200)
    expect(t.json.data).toEqual({
      withdrawalId: expect.stringMatching(/^[0-9a-f]{24}$/),
      status: "completed",
      transactionHash: expect.stringMatching(/^[0-9a-f]{64}$/),
      fee: 2,
      netAmount: 48,
    })
    const e = await withdraw({ amount: 100, walletAddress: ETH_DEST, currencyType: "USDT-ERC20" })
    expect(e.json.data).toMatchObject({ status: "completed", fee: 2.5, netAmount: 97.5, transactionHash: expect.stringMatching(/^0x[0-9a-f]{64}$/) })
    await emu.control.idle()
    expect(hook.received.map((r) => [r.json.data.type, r.json.data.status])).toEqual([
      ["withdrawal", "completed"],
      ["withdrawal", "completed"],
    ])
    expect(emu.control.account()).toMatchObject({ totalAmt: "850", pendingAmt: "0" })
    expect((await api(emu, "/public/withdrawal-requests")).json.data.docs).toEqual([])
  })

  it("over the threshold: a pending request; approve/reject need x-api-secret", async () => {
    const a = await withdraw({ amount: 150 })
    expect(a.json.data).toMatchObject({ status: "pending", transactionHash: null, fee: 2, netAmount: 148 })
    const b = await withdraw({ amount: 200 })
    expect(emu.control.account()).toMatchObject({ totalAmt: "650", pendingAmt: "350" })
    await emu.control.idle()
    expect(hook.received).toHaveLength(0)
    const list = await api(emu, "/public/withdrawal-requests", { query: { status: "pending" } })
    expect(list.json.data.docs.map((d: any) => d.id)).toEqual([b.json.data.withdrawalId, a.json.data.withdrawalId])
    expect(list.json.data.docs[0]).toMatchObject({ userId: "w", amount: 200, currencyType: "USDT-TRC20", walletAddress: TRON_DEST, status: "pending" })

    const idA = a.json.data.withdrawalId
    const idB = b.json.data.withdrawalId
    const noSecret = await api(emu, `/public/withdrawal-requests/${idA}/approve`, { method: "POST" })
    expect(noSecret.status).toBe(401)
    const wrong = await api(emu, `/public/withdrawal-requests/${idA}/approve`, { method: "POST", headers: { "x-api-secret": "bad" } })
    expect(wrong.status).toBe(401)
    const secret = { "x-api-secret": emu.apiSecret }
    const ok = await api(emu, `/public/withdrawal-requests/${idA}/approve`, { method: "POST", headers: secret })
    expect(ok.json.data).toEqual({ id: idA, status: "completed", transactionHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const again = await api(emu, `/public/withdrawal-requests/${idA}/approve`, { method: "POST", headers: secret })
    expect(again.status).toBe(400)
    expect(again.json.error.message).toMatch(/completed/)

    expect((await api(emu, `/public/withdrawal-requests/${idB}/reject`, { body: { reason: "no" } })).status).toBe(401)
    const rej = await api(emu, `/public/withdrawal-requests/${idB}/reject`, { body: { reason: "fraud check" }, headers: secret })
    expect(rej.json.data).toEqual({ id: idB, status: "rejected" })
    expect(emu.control.account()).toMatchObject({ totalAmt: "850", pendingAmt: "0" })
    await emu.control.idle()
    expect(hook.received.map((r) => `${r.json.data.id}:${r.json.data.status}`)).toEqual([`${idA}:completed`, `${idB}:rejected`])
    expect((await api(emu, "/public/withdrawal-requests/ffffffffffffffffffffffff/approve", { method: "POST", headers: secret })).status).toBe(404)
  })

  it("with auto-approve off every withdrawal waits", async () => {
    emu.control.updateSettings({ autoApproveWithdrawalsUpTo: null })
    expect((await withdraw({ amount: 5 })).json.data.status).toBe("pending")
  })

  it("validates: no wallet, minimum, address format and network, fee larger than amount, balance", async () => {
    const msg = async (body: Record<string, unknown>) => {
      const r = await withdraw(body)
      expect(r.status).toBe(400)
      return r.json.error.message as string
    }
    expect(await msg({ userId: "nobody", amount: 10 })).toMatch(/no generated wallet/)
    expect(await msg({ amount: 0.05 })).toMatch(/Minimum/)
    expect(await msg({ amount: 10, walletAddress: "Tnotanaddress" })).toMatch(/not a valid USDT-TRC20 address/)
    expect(await msg({ amount: 10, walletAddress: ETH_DEST })).toMatch(/USDT-ERC20 address/)
    expect(await msg({ amount: 1.5 })).toMatch(/fee/)
    expect(await msg({ amount: 5000 })).toMatch(/Insufficient/)
    expect(await msg({ amount: 10, currencyType: "BTC" })).toMatch(/currencyType/)
  })

  it("the control API lists wallets and withdrawals", async () => {
    await withdraw({ amount: 10 })
    expect((await control(emu, "/wallets")).json.wallets[0]).toMatchObject({ userId: "w" })
    expect((await control(emu, "/withdrawals")).json.withdrawals[0]).toMatchObject({ amount: "10", fee: "2", status: "completed", manual: false })
  })
})
