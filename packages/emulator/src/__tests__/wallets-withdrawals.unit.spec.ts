import { checkAddress } from "medusa-payment-3pay-client"
import type { EmulatorHandle } from "../index"
import { api, startReceiver, startTestEmulator, type Receiver } from "./helpers"

// User withdrawals: withdrawals.unit.spec.ts.

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
