/**
 * Deposits to per-user wallets under each assumption 3PAY's docs leave open
 * (docs/3pay-wire-format.md, "Per-user wallets"): the balance model, who
 * pays the fee, a deposit minimum, and a webhook without `userId`.
 */
import type { EmulatorHandle } from "../index"
import { api, control, startReceiver, startTestEmulator, type Receiver } from "./helpers"

describe("wallet deposits and their variants", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    emu = await startTestEmulator({ webhookUrl: hook.url })
    await api(emu, "/public/wallet/generate", { body: { userId: "u", email: "u@example.com" } })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  const balance = async () => (await api(emu, "/public/wallet/balance/u")).json.data
  const list = async () => (await api(emu, "/public/user/transaction/list", { query: { userId: "u" } })).json.data.docs

  it("by default (running balance, the user pays the fee): the net stays on the user's balance; the webhook names the user", async () => {
    await emu.control.depositToWallet("u", { amount: "50", currencyType: "USDT-TRC20" })
    await emu.control.depositToWallet("u", { amount: "20", currencyType: "USDT-TRC20" })
    expect((await balance()).totalBalance).toBe(68)
    expect((await list()).map((t: any) => [t.amount, t.fee, t.netAmount, t.status])).toEqual([
      [20, 1, 19, "confirmed"],
      [50, 1, 49, "confirmed"],
    ])
    expect(hook.received[0].json.data).toMatchObject({ type: "deposit", userId: "u", amount: 50, actualBalance: 50, netAmount: 49, status: "confirmed" })
  })

  it("swept: the user's balance stays at 0 while the deposits are listed", async () => {
    emu.control.updateSettings({ walletBalanceModel: "swept" })
    await emu.control.depositToWallet("u", { amount: "50", currencyType: "USDT-ERC20" })
    expect((await balance()).totalBalance).toBe(0)
    expect((await list())[0]).toMatchObject({ amount: 50, fee: 1.5, netAmount: 48.5, status: "confirmed" })
  })

  it("the merchant pays the fee: the whole amount reaches the user's balance", async () => {
    emu.control.updateSettings({ walletFeePayer: "merchant" })
    const before = emu.control.account().totalAmt
    await emu.control.depositToWallet("u", { amount: "50", currencyType: "USDT-TRC20" })
    expect((await balance()).totalBalance).toBe(50)
    expect((await list())[0]).toMatchObject({ amount: 50, fee: 1, netAmount: 50 })
    expect(Number(emu.control.account().totalAmt) - Number(before)).toBe(49)
  })

  it("a deposit below the minimum is listed as failed and credited to nobody", async () => {
    emu.control.updateSettings({ walletMinDeposit: "5" })
    await emu.control.depositToWallet("u", { amount: "4.99", currencyType: "USDT-TRC20" })
    expect((await balance()).totalBalance).toBe(0)
    expect((await list())[0]).toMatchObject({ amount: 4.99, fee: 0, netAmount: 0, status: "failed", reason: "below the minimum deposit of 5 USDT" })
    expect(hook.received[0].json.data).toMatchObject({ status: "failed", confirmedAt: null })
  })

  it("the webhook without userId still names the address; amounts as strings follow the variant", async () => {
    emu.control.setFaults({ variants: { walletWebhookWithoutUserId: true, amountsAsStrings: true } })
    const t = await emu.control.depositToWallet("u", { amount: "12.5", currencyType: "USDT-TRC20" })
    const data = hook.received[0].json.data
    expect(data.userId).toBeUndefined()
    expect(data).toMatchObject({ transactionId: t.id, amount: "12.5", walletAddress: emu.control.wallets()[0].wallets.TRC20.walletAddress })
  })

  it("setWalletBalance changes 3PAY's balance without a transaction; the control API refuses bad settings", async () => {
    await emu.control.depositToWallet("u", { amount: "50", currencyType: "USDT-TRC20" })
    const r = await control(emu, "/wallets/u/balance", { amount: "7", currencyType: "USDT-TRC20" })
    expect(r.json.wallet.wallets.TRC20.balance).toBe("7")
    expect((await balance()).totalBalance).toBe(7)
    expect(await list()).toHaveLength(1)
    expect((await control(emu, "/settings", { walletBalanceModel: "nightly" })).status).toBe(400)
    expect((await control(emu, "/settings", { walletFeePayer: "nobody" })).status).toBe(400)
  })
})
