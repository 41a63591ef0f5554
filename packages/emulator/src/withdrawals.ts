import { checkAddress, checkTxHash, currencyTypeOf, fromMicro, toMicro, type Network } from "medusa-payment-3pay-client"
import { record } from "./accounts"
import { newTxHash } from "./addresses"
import type { Emulator } from "./core"
import { ApiError, badRequest, notFound } from "./http"
import { withdrawalData } from "./serialize"
import type { Withdrawal } from "./types"

/**
 * User withdrawals (`POST /public/user/withdrawal/create`) and their life:
 * checks → funds locked (3PAY's balance model: `totalAmt` → `pendingAmt`) →
 * approved at once (under the threshold and the daily cap) or queued for the
 * merchant's review → sent on chain (completed, with a tx hash) or failed
 * there (money restored); a rejection restores it too. What 3PAY's docs
 * leave open is a setting (withdrawal-settings.ts): which balance, who pays
 * the fee, the review word, instant or held execution, what happens without
 * funds, what the requests list shows, which changes send a webhook.
 */

export type WithdrawalInput = {
  userId: string
  walletAddress: string
  amount: bigint
  network: Network
  callbackUrl: string | null
}

export type WithdrawalOutcome = { withdrawal: Withdrawal; sent: Promise<void> }

const DAY_MS = 24 * 60 * 60 * 1000
const FINAL = new Set(["completed", "rejected", "failed"])

export const awaitsReview = (wd: Withdrawal) => wd.status === "pending" || wd.status === "pending_review"

function notify(emu: Emulator, wd: Withdrawal): Promise<void> {
  if (!FINAL.has(wd.status) && emu.settings.withdrawalWebhooks !== "every_change") return Promise.resolve()
  return emu.webhooks.emit({ eventType: "withdrawal", transactionId: wd.id, url: wd.callbackUrl, data: withdrawalData(wd, emu.wire) }).sent
}

function syncUserTransaction(emu: Emulator, wd: Withdrawal): void {
  const t = emu.store.userTransactions.find((x) => x.id === wd.id)
  if (t) {
    t.status = wd.status
    t.blockchainTxHash = wd.transactionHash
    t.reason = wd.reason
  }
}

/** Why the balances cannot cover it, or null. */
function shortfall(emu: Emulator, wd: Withdrawal): string | null {
  const { totalAmt } = emu.store.merchant
  if (totalAmt < wd.debit) return `Insufficient balance: ${fromMicro(totalAmt)} USDT available`
  if (wd.fundsFrom === "user") {
    const balance = emu.store.users.get(wd.userId)?.wallets[wd.network].balance ?? 0n
    if (balance < wd.amount) {
      return `Insufficient balance: user ${wd.userId} has ${fromMicro(balance)} USDT on ${currencyTypeOf(wd.network)}`
    }
  }
  return null
}

/** Locks the money: available → pending (and out of the user's balance when it draws on it). */
function lock(emu: Emulator, wd: Withdrawal): void {
  emu.store.merchant.totalAmt -= wd.debit
  emu.store.merchant.pendingAmt += wd.debit
  if (wd.fundsFrom === "user") emu.store.users.get(wd.userId)!.wallets[wd.network].balance -= wd.amount
  wd.funded = true
}

/** Rejection or a failure on chain: the locked money goes back where it came from. */
function restore(emu: Emulator, wd: Withdrawal): void {
  if (!wd.funded) return
  emu.store.merchant.pendingAmt -= wd.debit
  emu.store.merchant.totalAmt += wd.debit
  if (wd.fundsFrom === "user") emu.store.users.get(wd.userId)!.wallets[wd.network].balance += wd.amount
  wd.funded = false
}

function complete(emu: Emulator, wd: Withdrawal, transactionHash: string): void {
  emu.store.merchant.pendingAmt -= wd.debit
  wd.status = "completed"
  wd.transactionHash = transactionHash
  wd.executedAt = emu.clock.now()
  syncUserTransaction(emu, wd)
  emu.log("withdrawal.completed", `${wd.id} ${fromMicro(wd.netAmount)} USDT-${wd.network} → ${wd.walletAddress}`, wd.id)
}

function fail(emu: Emulator, wd: Withdrawal, reason: string): void {
  restore(emu, wd)
  wd.status = "failed"
  wd.reason = reason
  wd.executedAt = emu.clock.now()
  syncUserTransaction(emu, wd)
  emu.log("withdrawal.failed", `${wd.id}: ${reason}`, wd.id)
}

/** Approved: sent on chain now (instant), or held as "approved" for the control API (held). */
function approved(emu: Emulator, wd: Withdrawal): void {
  wd.decidedAt = emu.clock.now()
  if (emu.settings.withdrawalExecution === "held") {
    wd.status = "approved"
    syncUserTransaction(emu, wd)
    emu.log("withdrawal.approved", `${wd.id} (held for execution)`, wd.id)
    return
  }
  if (emu.faults.takeWithdrawalFailure()) fail(emu, wd, "Blockchain execution failed (injected fault)")
  else complete(emu, wd, newTxHash(wd.network, emu.random))
}

/** Up to the per-withdrawal threshold and within the rolling 24 h cap of automatic approvals. */
function autoApproves(emu: Emulator, wd: Withdrawal): boolean {
  const s = emu.settings
  if (s.autoApproveWithdrawalsUpTo === null || wd.amount > toMicro(s.autoApproveWithdrawalsUpTo)) return false
  if (s.autoApproveWithdrawalsDailyCap === null) return true
  const since = emu.clock.now() - DAY_MS
  let used = 0n
  for (const w of emu.store.withdrawals.values()) {
    if (w !== wd && !w.manual && w.createdAt > since && w.status !== "failed") used += w.amount
  }
  return used + wd.amount <= toMicro(s.autoApproveWithdrawalsDailyCap)
}

export function createWithdrawal(emu: Emulator, input: WithdrawalInput): WithdrawalOutcome {
  const s = emu.settings
  if (!emu.store.users.has(input.userId)) throw badRequest(`User ${input.userId} has no generated wallet`)
  if (input.amount < toMicro(s.minWithdrawalAmount)) throw badRequest(`Minimum withdrawal amount is ${s.minWithdrawalAmount} USDT`)
  // 3PAY: "the address format is wrong" is refused; the client's check is the one implementation.
  const address = checkAddress(input.network, input.walletAddress)
  if (!address.ok) {
    const hint = address.detectedNetwork ? ` (it is a ${currencyTypeOf(address.detectedNetwork)} address)` : ""
    throw badRequest(`walletAddress is not a valid ${currencyTypeOf(input.network)} address${hint}`, { reason: address.code })
  }
  const fee = toMicro(s.withdrawalFee[input.network])
  const netAmount = s.withdrawalFeePayer === "user" ? input.amount - fee : input.amount
  if (netAmount <= 0n) throw badRequest(`Amount after the ${fromMicro(fee)} USDT fee must be positive`)
  const now = emu.clock.now()
  const wd: Withdrawal = {
    id: emu.random.objectId(),
    userId: input.userId,
    network: input.network,
    amount: input.amount,
    fee,
    netAmount,
    walletAddress: input.walletAddress,
    status: s.withdrawalReviewStatus,
    manual: false,
    feePayer: s.withdrawalFeePayer,
    fundsFrom: s.withdrawalFundsFrom,
    debit: input.amount + (s.withdrawalFeePayer === "merchant" ? fee : 0n),
    funded: false,
    transactionHash: null,
    callbackUrl: input.callbackUrl,
    reason: null,
    createdAt: now,
    decidedAt: null,
    executedAt: null,
  }
  const short = shortfall(emu, wd)
  if (short && s.withdrawalInsufficientFunds === "refuse") throw badRequest(short)

  emu.store.withdrawals.set(wd.id, wd)
  record(emu, {
    id: wd.id,
    userId: wd.userId,
    type: "withdrawal",
    network: wd.network,
    amount: wd.amount,
    fee: wd.fee,
    netAmount: wd.netAmount,
    status: wd.status,
    walletAddress: wd.walletAddress,
    blockchainTxHash: null,
    reason: null,
  })
  if (short && s.withdrawalInsufficientFunds === "fail") {
    wd.decidedAt = now
    fail(emu, wd, short)
  } else if (short || !autoApproves(emu, wd)) {
    // Queued for the merchant; unfunded ones lock nothing until approval.
    wd.manual = true
    if (!short) lock(emu, wd)
  } else {
    lock(emu, wd)
    approved(emu, wd)
  }
  emu.log("withdrawal.created", `${wd.id} ${fromMicro(wd.amount)} USDT-${wd.network} → ${wd.status}`, wd.id)
  return { withdrawal: wd, sent: notify(emu, wd) }
}

/** Any withdrawal by id (404 otherwise); its status decides what may happen to it. */
export function findWithdrawal(emu: Emulator, id: string): Withdrawal {
  const wd = emu.store.withdrawals.get(id)
  if (!wd) throw notFound(`Withdrawal request ${id} not found`)
  return wd
}

function requireStatus(wd: Withdrawal, ok: boolean, what: string): void {
  if (!ok) throw new ApiError(400, "INVALID_STATUS", `Withdrawal ${wd.id} is ${wd.status}: ${what}`, { status: wd.status })
}

/** The merchant approves a request (API or dashboard): funds are locked now if they were not, then it is sent or held. */
export function approveWithdrawal(emu: Emulator, wd: Withdrawal): WithdrawalOutcome {
  requireStatus(wd, awaitsReview(wd), "only a request awaiting review can be approved")
  if (!wd.funded) {
    const short = shortfall(emu, wd)
    if (short) throw badRequest(short)
    lock(emu, wd)
  }
  approved(emu, wd)
  emu.log("withdrawal.approved_by_merchant", wd.id, wd.id)
  return { withdrawal: wd, sent: notify(emu, wd) }
}

export function rejectWithdrawal(emu: Emulator, wd: Withdrawal, reason: string | null): WithdrawalOutcome {
  requireStatus(wd, awaitsReview(wd), "only a request awaiting review can be rejected")
  restore(emu, wd)
  wd.status = "rejected"
  wd.reason = reason
  wd.decidedAt = emu.clock.now()
  syncUserTransaction(emu, wd)
  emu.log("withdrawal.rejected", `${wd.id}${reason ? `: ${reason}` : ""}`, wd.id)
  return { withdrawal: wd, sent: notify(emu, wd) }
}

/** Control (held execution): the approved withdrawal is mined, with this hash or a new one. */
export function completeWithdrawal(emu: Emulator, wd: Withdrawal, transactionHash: string | null): WithdrawalOutcome {
  requireStatus(wd, wd.status === "approved", 'only an "approved" withdrawal (withdrawalExecution: "held") can be completed')
  let hash = newTxHash(wd.network, emu.random)
  if (transactionHash !== null) {
    const check = checkTxHash(wd.network, transactionHash)
    if (!check.ok) throw badRequest(`transactionHash: ${check.message}`)
    hash = check.hash
  }
  complete(emu, wd, hash)
  return { withdrawal: wd, sent: notify(emu, wd) }
}

/** Control (held execution): sending failed on chain; the money goes back. */
export function failWithdrawal(emu: Emulator, wd: Withdrawal, reason: string | null): WithdrawalOutcome {
  requireStatus(wd, wd.status === "approved", 'only an "approved" withdrawal (withdrawalExecution: "held") can fail')
  fail(emu, wd, reason ?? "Blockchain execution failed")
  return { withdrawal: wd, sent: notify(emu, wd) }
}

/** What `GET /public/withdrawal-requests` shows under `withdrawalRequestsList`, newest first. */
export function listedRequests(emu: Emulator): Withdrawal[] {
  const mode = emu.settings.withdrawalRequestsList
  return [...emu.store.withdrawals.values()]
    .filter((w) => (mode === "all" ? true : mode === "pending" ? awaitsReview(w) : w.manual))
    .reverse()
}
