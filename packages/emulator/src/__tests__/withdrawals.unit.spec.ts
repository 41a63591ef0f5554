/**
 * User withdrawals over HTTP: the documented behaviour, and each reading of
 * what 3PAY's docs leave open as a switch (docs/3pay-wire-format.md,
 * "Withdrawals" and "Emulator assumptions").
 */
import { verifyWebhookSignature } from "medusa-payment-3pay-client"
import type { EmulatorHandle } from "../index"
import { api, control, createInvoice, startReceiver, startTestEmulator, type Receiver } from "./helpers"

const TRON_DEST = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
const ETH_DEST = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
const DAY_MS = 24 * 60 * 60 * 1000

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

const secret = () => ({ "x-api-secret": emu.apiSecret })
const withdraw = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  api(emu, "/public/user/withdrawal/create", {
    body: { userId: "w", walletAddress: TRON_DEST, currencyType: "USDT-TRC20", ...body },
    headers,
  })
const approve = (id: string) => api(emu, `/public/withdrawal-requests/${id}/approve`, { method: "POST", headers: secret() })
const reject = (id: string, reason = "no") => api(emu, `/public/withdrawal-requests/${id}/reject`, { body: { reason }, headers: secret() })
const requests = async (query: Record<string, string> = {}) => (await api(emu, "/public/withdrawal-requests", { query })).json.data.docs
const userWithdrawals = async () =>
  (await api(emu, "/public/user/transaction/list", { query: { userId: "w" } })).json.data.docs.filter((t: any) => t.type === "withdrawal")
const account = () => emu.control.account()
const hooks = async () => {
  await emu.control.idle()
  return hook.received.map((r) => r.json.data)
}
const userBalance = async (currencyType = "USDT-TRC20") =>
  (await api(emu, "/public/wallet/balance/w")).json.data.wallets.find((x: any) => x.walletNetwork === currencyType).balance

describe("user withdrawals (defaults)", () => {
  it("up to the threshold: completed at once with a tx hash and the fee; one signed webhook with the final status", async () => {
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
    const data = await hooks()
    expect(data.map((d) => [d.type, d.status])).toEqual([
      ["withdrawal", "completed"],
      ["withdrawal", "completed"],
    ])
    const id = t.json.data.withdrawalId
    expect(data[0]).toMatchObject({
      transactionId: id,
      id,
      withdrawalId: id,
      userId: "w",
      amount: 50,
      fee: 2,
      netAmount: 48,
      currencyType: "USDT-TRC20",
      network: "USDT-TRC20",
      walletAddress: TRON_DEST,
      blockchainTxHash: t.json.data.transactionHash,
      transactionHash: t.json.data.transactionHash,
      confirmedAt: expect.any(String),
    })
    const w = hook.received[0]
    expect(verifyWebhookSignature(w.body, w.headers["x-webhook-signature"] as string, [emu.webhookSecret]).valid).toBe(true)
    expect(account()).toMatchObject({ totalAmt: "850", pendingAmt: "0" })
    // automatic ones are not "requests" (default list), but the user's transactions show them
    expect(await requests()).toEqual([])
    expect((await userWithdrawals()).map((x: any) => [x.amount, x.status, x.walletAddress])).toEqual([
      [100, "completed", ETH_DEST],
      [50, "completed", TRON_DEST],
    ])
  })

  it("over the threshold: a request awaiting review (funds locked); approve/reject need x-api-secret", async () => {
    const a = await withdraw({ amount: 150 })
    expect(a.json.data).toMatchObject({ status: "pending", transactionHash: null, fee: 2, netAmount: 148 })
    const b = await withdraw({ amount: 200 })
    expect(account()).toMatchObject({ totalAmt: "650", pendingAmt: "350" })
    expect(await hooks()).toHaveLength(0)
    const idA = a.json.data.withdrawalId
    const idB = b.json.data.withdrawalId
    const listed = await requests({ status: "pending" })
    expect(listed.map((d: any) => d.id)).toEqual([idB, idA])
    expect(listed[0]).toMatchObject({ userId: "w", amount: 200, currencyType: "USDT-TRC20", walletAddress: TRON_DEST, status: "pending" })

    expect((await api(emu, `/public/withdrawal-requests/${idA}/approve`, { method: "POST" })).status).toBe(401)
    expect((await api(emu, `/public/withdrawal-requests/${idA}/approve`, { method: "POST", headers: { "x-api-secret": "bad" } })).status).toBe(401)
    const ok = await approve(idA)
    expect(ok.json.data).toEqual({ id: idA, status: "completed", transactionHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    const again = await approve(idA)
    expect(again.status).toBe(400)
    expect(again.json.error).toMatchObject({ code: "INVALID_STATUS", details: { status: "completed" } })

    expect((await api(emu, `/public/withdrawal-requests/${idB}/reject`, { body: { reason: "no" } })).status).toBe(401)
    const rej = await reject(idB, "fraud check")
    expect(rej.json.data).toEqual({ id: idB, status: "rejected" })
    expect(account()).toMatchObject({ totalAmt: "850", pendingAmt: "0" })
    const data = await hooks()
    expect(data.map((d) => `${d.id}:${d.status}`)).toEqual([`${idA}:completed`, `${idB}:rejected`])
    expect(data[1]).toMatchObject({ reason: "fraud check", blockchainTxHash: null, confirmedAt: null })
    expect((await requests()).map((d: any) => d.status)).toEqual(["rejected", "completed"])
    expect((await api(emu, "/public/withdrawal-requests/ffffffffffffffffffffffff/approve", { method: "POST", headers: secret() })).status).toBe(404)
  })

  it("with auto-approve off every withdrawal waits", async () => {
    emu.control.updateSettings({ autoApproveWithdrawalsUpTo: null })
    expect((await withdraw({ amount: 5 })).json.data.status).toBe("pending")
  })

  it("validates: no wallet, minimum, address (format, checksum, network), fee larger than amount, balance", async () => {
    const refused = async (body: Record<string, unknown>) => {
      const r = await withdraw(body)
      expect(r.status).toBe(400)
      return r.json.error
    }
    expect((await refused({ userId: "nobody", amount: 10 })).message).toMatch(/no generated wallet/)
    expect((await refused({ amount: 0.05 })).message).toMatch(/Minimum/)
    expect(await refused({ amount: 10, walletAddress: "Tnotanaddress" })).toMatchObject({ message: expect.stringMatching(/not a valid USDT-TRC20 address/) })
    expect(await refused({ amount: 10, walletAddress: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u" })).toMatchObject({ details: { reason: "bad_checksum" } })
    expect(await refused({ amount: 10, walletAddress: ETH_DEST })).toMatchObject({
      message: expect.stringMatching(/USDT-ERC20 address/),
      details: { reason: "wrong_network" },
    })
    expect((await refused({ amount: 10, walletAddress: "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", currencyType: "USDT-ERC20" })).details).toEqual({
      reason: "bad_checksum",
    })
    expect((await refused({ amount: 1.5 })).message).toMatch(/fee/)
    expect((await refused({ amount: 5000 })).message).toMatch(/Insufficient/)
    expect((await refused({ amount: 10, currencyType: "BTC" })).message).toMatch(/currencyType/)
    // 3PAY checks the format: an all-lower-case Ethereum address is one
    expect((await withdraw({ amount: 10, walletAddress: ETH_DEST.toLowerCase(), currencyType: "USDT-ERC20" })).status).toBe(200)
    expect(account()).toMatchObject({ totalAmt: "990" })
  })
})

describe("what 3PAY leaves open, one switch each", () => {
  it('review word "pending_review" (the modes page); the list takes either word as its filter', async () => {
    emu.control.updateSettings({ withdrawalReviewStatus: "pending_review" })
    const a = await withdraw({ amount: 150 })
    expect(a.json.data.status).toBe("pending_review")
    for (const status of ["pending", "pending_review"]) expect((await requests({ status })).map((d: any) => d.status)).toEqual(["pending_review"])
    expect((await approve(a.json.data.withdrawalId)).json.data.status).toBe("completed")
    expect((await api(emu, "/public/withdrawal-requests", { query: { status: "bogus" } })).status).toBe(400)
  })

  it('fee payer "merchant": netAmount = amount, and the fee comes from the merchant balance on top', async () => {
    emu.control.updateSettings({ withdrawalFeePayer: "merchant" })
    const t = await withdraw({ amount: 50 })
    expect(t.json.data).toMatchObject({ status: "completed", fee: 2, netAmount: 50 })
    expect(account()).toMatchObject({ totalAmt: "948" })
    expect((await hooks())[0]).toMatchObject({ amount: 50, fee: 2, netAmount: 50 })
    // the fee no longer has to fit in the amount
    expect((await withdraw({ amount: 1.5 })).json.data).toMatchObject({ status: "completed", netAmount: 1.5 })
  })

  it('funds from "user": the user\'s balance on that network must cover it (updateBalance funds it); a rejection gives it back', async () => {
    emu.control.updateSettings({ withdrawalFundsFrom: "user" })
    const none = await withdraw({ amount: 50 })
    expect(none.status).toBe(400)
    expect(none.json.error.message).toMatch(/user w has 0 USDT on USDT-TRC20/)
    await api(emu, "/public/wallet/updateBalance", { body: { userId: "w", amount: "60", type: "credit", currencyType: "USDT-TRC20" } })
    expect((await withdraw({ amount: 50, walletAddress: ETH_DEST, currencyType: "USDT-ERC20" })).status).toBe(400) // the TRC20 balance does not pay ERC20
    expect((await withdraw({ amount: 50 })).json.data.status).toBe("completed")
    expect(await userBalance()).toBe(10)
    expect(account()).toMatchObject({ totalAmt: "950" })

    await api(emu, "/public/wallet/updateBalance", { body: { userId: "w", amount: "190", type: "credit", currencyType: "USDT-TRC20" } })
    const big = await withdraw({ amount: 150 })
    expect(big.json.data.status).toBe("pending")
    expect(await userBalance()).toBe(50)
    await reject(big.json.data.withdrawalId)
    expect(await userBalance()).toBe(200)
    expect(account()).toMatchObject({ totalAmt: "950", pendingAmt: "0" })
    expect(emu.control.withdrawals({ status: "rejected" })[0]).toMatchObject({ fundsFrom: "user", funded: false, debit: "150" })
  })

  it('insufficient funds "review": queued unfunded, approvable once the money is there', async () => {
    emu.control.updateSettings({ withdrawalInsufficientFunds: "review" })
    const t = await withdraw({ amount: 90, walletAddress: ETH_DEST, currencyType: "USDT-ERC20" })
    const big = await withdraw({ amount: 1200 })
    expect(big.json.data.status).toBe("pending")
    expect(account()).toMatchObject({ totalAmt: "910", pendingAmt: "0" })
    expect(emu.control.withdrawal(big.json.data.withdrawalId)).toMatchObject({ funded: false, manual: true })
    const early = await approve(big.json.data.withdrawalId)
    expect(early.status).toBe(400)
    expect(early.json.error.message).toMatch(/Insufficient balance: 910 USDT available/)
    const inv = await createInvoice(emu, { amount: "400" })
    await emu.control.pay(inv.json.transactionId)
    expect(account()).toMatchObject({ totalAmt: "1306" }) // 400 - 1 % fee
    expect((await approve(big.json.data.withdrawalId)).json.data.status).toBe("completed")
    expect(account()).toMatchObject({ totalAmt: "106", pendingAmt: "0" })
    expect(t.json.data.status).toBe("completed")
  })

  it('insufficient funds "fail": a failed withdrawal (200), its webhook, nothing moved', async () => {
    emu.control.updateSettings({ withdrawalInsufficientFunds: "fail" })
    const t = await withdraw({ amount: 5000 })
    expect(t.status).toBe(200)
    expect(t.json.data).toMatchObject({ status: "failed", transactionHash: null })
    expect((await hooks())[0]).toMatchObject({ status: "failed", reason: expect.stringMatching(/Insufficient/) })
    expect(account()).toMatchObject({ totalAmt: "1000", pendingAmt: "0" })
    expect((await userWithdrawals())[0]).toMatchObject({ status: "failed", amount: 5000 })
  })

  it('execution "held": approved withdrawals wait; the control API completes them (tx hash) or fails them (money back)', async () => {
    emu.control.updateSettings({ withdrawalExecution: "held" })
    const a = await withdraw({ amount: 50 })
    expect(a.json.data).toMatchObject({ status: "approved", transactionHash: null })
    const b = await withdraw({ amount: 150 })
    expect(b.json.data.status).toBe("pending")
    expect((await approve(b.json.data.withdrawalId)).json.data).toMatchObject({ status: "approved", transactionHash: null })
    expect(account()).toMatchObject({ totalAmt: "800", pendingAmt: "200" })
    expect(await hooks()).toHaveLength(0)

    const hash = "ab".repeat(32)
    const done = await emu.control.completeWithdrawal(a.json.data.withdrawalId, { transactionHash: hash.toUpperCase() })
    expect(done).toMatchObject({ status: "completed", transactionHash: hash, executedAt: expect.any(String) })
    const failed = await control(emu, `/withdrawals/${b.json.data.withdrawalId}/fail`, { reason: "out of gas" })
    expect(failed.json.withdrawal).toMatchObject({ status: "failed", reason: "out of gas", funded: false })
    expect(account()).toMatchObject({ totalAmt: "950", pendingAmt: "0" })
    expect((await hooks()).map((d) => [d.status, d.blockchainTxHash])).toEqual([
      ["completed", hash],
      ["failed", null],
    ])
    expect((await control(emu, `/withdrawals/${a.json.data.withdrawalId}/complete`, {})).status).toBe(400)
    expect((await control(emu, `/withdrawals/${a.json.data.withdrawalId}/fail`, {})).json.error.code).toBe("INVALID_STATUS")
    const c = await withdraw({ amount: 20 })
    expect((await control(emu, `/withdrawals/${c.json.data.withdrawalId}/complete`, { transactionHash: "0x" + hash })).status).toBe(400)
  })

  it('webhooks "every_change": queued, approved (held), then the final status, in order for one withdrawal', async () => {
    emu.control.updateSettings({ withdrawalWebhooks: "every_change", withdrawalExecution: "held" })
    const t = await withdraw({ amount: 150 })
    const id = t.json.data.withdrawalId
    await approve(id)
    await emu.control.completeWithdrawal(id)
    expect((await hooks()).map((d) => `${d.id}:${d.status}`)).toEqual([`${id}:pending`, `${id}:approved`, `${id}:completed`])
  })

  it("daily cap: automatic approvals stop at the rolling 24 h total, and start again a day later", async () => {
    emu.control.updateSettings({ autoApproveWithdrawalsDailyCap: "150" })
    expect((await withdraw({ amount: 80 })).json.data.status).toBe("completed")
    expect((await withdraw({ amount: 80 })).json.data.status).toBe("pending")
    expect((await withdraw({ amount: 70 })).json.data.status).toBe("completed")
    await emu.control.advance(DAY_MS)
    expect((await withdraw({ amount: 80 })).json.data.status).toBe("completed")
  })

  it('requests list "pending" (only those waiting) and "all" (automatic ones too)', async () => {
    const auto = await withdraw({ amount: 10 })
    const decided = await withdraw({ amount: 150 })
    await approve(decided.json.data.withdrawalId)
    const waiting = await withdraw({ amount: 160 })
    expect((await requests()).map((d: any) => d.id)).toEqual([waiting.json.data.withdrawalId, decided.json.data.withdrawalId])
    emu.control.updateSettings({ withdrawalRequestsList: "pending" })
    expect((await requests()).map((d: any) => d.id)).toEqual([waiting.json.data.withdrawalId])
    emu.control.updateSettings({ withdrawalRequestsList: "all" })
    expect((await requests()).map((d: any) => d.id)).toEqual([waiting, decided, auto].map((r) => r.json.data.withdrawalId))
    expect((await requests({ status: "completed" })).map((d: any) => d.id)).toEqual([decided, auto].map((r) => r.json.data.withdrawalId))
  })

  it("variants: a create answer without withdrawalId; a webhook with only the documented fields", async () => {
    emu.control.setFaults({ variants: { withdrawalAnswerWithoutId: true, withdrawalWebhookMinimal: true } })
    const t = await withdraw({ amount: 50 })
    expect(Object.keys(t.json.data).sort()).toEqual(["fee", "netAmount", "status", "transactionHash"])
    const [data] = await hooks()
    expect(Object.keys(data).sort()).toEqual(
      ["type", "transactionId", "clientId", "amount", "fee", "netAmount", "currencyType", "status", "createdAt", "confirmedAt", "blockchainTxHash", "walletAddress", "network", "id"].sort()
    )
    expect(data).toMatchObject({ type: "withdrawal", status: "completed", blockchainTxHash: t.json.data.transactionHash, walletAddress: TRON_DEST })
  })
})

describe("faults", () => {
  it("a duplicated withdrawal webhook: the same bytes and signature twice", async () => {
    emu.control.setFaults({ webhookDuplicates: 2 })
    await withdraw({ amount: 50 })
    await emu.control.idle()
    expect(hook.received).toHaveLength(2)
    expect(hook.received[1].body).toBe(hook.received[0].body)
    expect(hook.received[1].headers["x-webhook-signature"]).toBe(hook.received[0].headers["x-webhook-signature"])
    expect(emu.control.deliveries({ eventType: "withdrawal" }).map((d) => d.duplicateOf === null)).toEqual([true, false])
  })

  it("a failure on chain (withdrawalFailures): failed, money back, the next one goes through", async () => {
    emu.control.setFaults({ withdrawalFailures: 1 })
    expect((await withdraw({ amount: 50 })).json.data).toMatchObject({ status: "failed", transactionHash: null })
    expect(account()).toMatchObject({ totalAmt: "1000", pendingAmt: "0" })
    expect((await withdraw({ amount: 50 })).json.data.status).toBe("completed")
    expect((await hooks()).map((d) => d.status)).toEqual(["failed", "completed"])
  })

  /** The create call, given up by the caller after 300 ms; resolves to what the caller saw. */
  const withdrawGivingUp = (body: Record<string, unknown>) =>
    api(emu, "/public/user/withdrawal/create", {
      body: { userId: "w", walletAddress: TRON_DEST, currencyType: "USDT-TRC20", ...body },
      signal: AbortSignal.timeout(300),
    }).then(
      (r) => `HTTP ${r.status}`,
      (e: Error) => e.name
    )

  it("create times out AFTER 3PAY made the withdrawal: the caller saw nothing, the lists show it", async () => {
    emu.control.setFaults({ next: { kind: "timeout", endpoint: "withdrawal.create", afterHandler: true } })
    expect(await withdrawGivingUp({ amount: 50 })).toBe("TimeoutError")
    expect(account()).toMatchObject({ totalAmt: "950" })
    const listed = await userWithdrawals()
    expect(listed).toEqual([expect.objectContaining({ amount: 50, walletAddress: TRON_DEST, currencyType: "USDT-TRC20", status: "completed" })])
    emu.control.updateSettings({ withdrawalRequestsList: "all" })
    expect(await requests()).toEqual([expect.objectContaining({ id: listed[0].id, userId: "w", amount: 50, walletAddress: TRON_DEST })])
    expect((await hooks()).map((d) => [d.id, d.status])).toEqual([[listed[0].id, "completed"]])
  })

  it("create times out BEFORE 3PAY acted: nothing was made", async () => {
    emu.control.setFaults({ next: { kind: "timeout", endpoint: "withdrawal.create" } })
    expect(await withdrawGivingUp({ amount: 50 })).toBe("TimeoutError")
    emu.control.updateSettings({ withdrawalRequestsList: "all" })
    expect([await userWithdrawals(), await requests(), emu.control.withdrawals(), account().totalAmt]).toEqual([[], [], [], "1000"])
    expect(await hooks()).toEqual([])
  })

  it("a 5xx after 3PAY made it (a proxy's 502): made all the same", async () => {
    emu.control.setFaults({ next: { kind: "error", status: 502, html: true, endpoint: "withdrawal.create", afterHandler: true } })
    expect(await withdrawGivingUp({ amount: 150 })).toBe("HTTP 502")
    expect(await requests({ status: "pending" })).toEqual([expect.objectContaining({ amount: 150, walletAddress: TRON_DEST })])
  })
})

describe("control API over HTTP", () => {
  it("lists wallets and withdrawals (filters), shows one, approves and rejects like the merchant", async () => {
    await withdraw({ amount: 10 })
    const a = (await withdraw({ amount: 150 })).json.data.withdrawalId
    const b = (await withdraw({ amount: 160 })).json.data.withdrawalId
    expect((await control(emu, "/wallets")).json.wallets[0]).toMatchObject({ userId: "w" })
    expect((await control(emu, "/withdrawals")).json.withdrawals[0]).toMatchObject({
      amount: "10",
      fee: "2",
      netAmount: "8",
      debit: "10",
      feePayer: "user",
      fundsFrom: "merchant",
      status: "completed",
      manual: false,
    })
    expect((await control(emu, "/withdrawals?status=pending")).json.withdrawals.map((w: any) => w.id)).toEqual([a, b])
    expect((await control(emu, `/withdrawals/${a}`)).json.withdrawal).toMatchObject({ id: a, status: "pending", funded: true })
    expect((await control(emu, `/withdrawals/${a}/approve`, {})).json.withdrawal).toMatchObject({ status: "completed", transactionHash: expect.any(String) })
    expect((await control(emu, `/withdrawals/${b}/reject`, { reason: "limit" })).json.withdrawal).toMatchObject({ status: "rejected", reason: "limit" })
    expect((await control(emu, "/withdrawals/nope")).status).toBe(404)
    expect((await control(emu, "/settings", { withdrawalFeePayer: "nobody" })).json.error.message).toMatch(/withdrawalFeePayer must be "user" or "merchant"/)
    expect((await control(emu, "/faults", { withdrawalFailures: -1 })).status).toBe(400)
    expect((await hooks()).map((d) => d.status)).toEqual(["completed", "completed", "rejected"])
  })
})
