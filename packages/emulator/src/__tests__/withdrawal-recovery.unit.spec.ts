/**
 * The client's withdrawal calls against the emulator over HTTP: a create
 * whose answer is lost is reported as ambiguous and never sent again, and
 * findWithdrawal finds what 3PAY made under every reading the emulator
 * models (what the requests list shows, an answer without id, review or
 * automatic approval), or says "none" when 3PAY made nothing.
 */
import { InMemoryRateBudgetStore, RateBudget, ThreePayAmbiguousCreateError, ThreePayClient } from "medusa-payment-3pay-client"
import type { EmulatorHandle } from "../index"
import type { EmulatorSettings } from "../types"
import { api, startTestEmulator } from "./helpers"

const DEST = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"

let emu: EmulatorHandle
let client: ThreePayClient
beforeEach(async () => {
  emu = await startTestEmulator({ autoApproveWithdrawalsUpTo: "100", merchantBalance: "1000" })
  await api(emu, "/public/wallet/generate", { body: { userId: "u1", email: "u1@example.com" } })
  client = new ThreePayClient({
    apiKey: emu.apiKey,
    apiSecret: emu.apiSecret,
    baseUrl: emu.apiBase,
    timeoutMs: 300,
    budget: new RateBudget({ scope: "recovery", store: new InMemoryRateBudgetStore() }),
    // 3PAY's clock and ours agree to within the recovery's skew
    now: () => emu.control.now(),
  })
})
afterEach(() => emu.stop())

const loseNextAnswer = (afterHandler: boolean) =>
  emu.control.setFaults({ next: { kind: "timeout", endpoint: "withdrawal.create", afterHandler } })

async function ambiguousCreate(amount: string): Promise<ThreePayAmbiguousCreateError> {
  const e = await client.createWithdrawal({ userId: "u1", walletAddress: DEST, amount, network: "TRC20" }).then(
    () => null,
    (err: unknown) => err
  )
  expect(e).toBeInstanceOf(ThreePayAmbiguousCreateError)
  return e as ThreePayAmbiguousCreateError
}

/** [name, settings, the create answer names no withdrawalId] */
const readings: Array<[string, Partial<EmulatorSettings>, boolean]> = [
  ["requests list = reviewed ones (default)", {}, false],
  ["requests list = pending only", { withdrawalRequestsList: "pending" }, false],
  ["requests list = all", { withdrawalRequestsList: "all" }, false],
  ["answer without id, review word pending_review", { withdrawalReviewStatus: "pending_review" }, true],
  ["held execution, funds from the user", { withdrawalExecution: "held", withdrawalFundsFrom: "user" }, false],
]

describe.each(readings)("%s", (_name, settings, answerWithoutId) => {
  beforeEach(async () => {
    emu.control.updateSettings(settings)
    emu.control.setFaults({ variants: { withdrawalAnswerWithoutId: answerWithoutId } })
    await api(emu, "/public/wallet/updateBalance", { body: { userId: "u1", amount: "500", type: "credit", currencyType: "USDT-TRC20" } })
  })

  it.each(["50", "150"])("a lost answer (%s USDT): ambiguous, one withdrawal at 3PAY, found by findWithdrawal", async (amount) => {
    loseNextAnswer(true)
    const e = await ambiguousCreate(amount)
    expect(emu.control.calls()["withdrawal.create"]).toBe(1)
    const made = emu.control.withdrawals()
    expect(made).toHaveLength(1)
    const found = await client.findWithdrawal(e.sent!)
    expect(found).toMatchObject({ kind: "found", withdrawal: { id: made[0].id, amount, walletAddress: DEST } })
    expect(emu.control.calls()["withdrawal.create"]).toBe(1)
  })

  it("a create lost before 3PAY acted: none, and nothing was made", async () => {
    loseNextAnswer(false)
    const e = await ambiguousCreate("50")
    expect(await client.findWithdrawal(e.sent!)).toEqual({ kind: "none" })
    expect(emu.control.withdrawals()).toEqual([])
  })

  it("an earlier refund of the same amount to the same address is told apart by excludeIds", async () => {
    await client.createWithdrawal({ userId: "u1", walletAddress: DEST, amount: "50", network: "TRC20" })
    loseNextAnswer(true)
    const e = await ambiguousCreate("50")
    const [earlier, second] = emu.control.withdrawals()
    expect(await client.findWithdrawal(e.sent!)).toMatchObject({ kind: "several" })
    expect(await client.findWithdrawal({ ...e.sent!, excludeIds: [earlier.id] })).toMatchObject({ kind: "found", withdrawal: { id: second.id } })
  })
})
