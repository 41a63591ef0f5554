import { checkAddress, currencyTypeOf, type Network } from "medusa-payment-3pay-client"
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import { record } from "./accounts"
import { newTxHash } from "./addresses"
import type { Emulator } from "./core"
import { ApiError, badRequest, notFound } from "./http"
import { withdrawalData } from "./serialize"
import type { Withdrawal } from "./types"

/** User withdrawals and the approval queue. */

export type WithdrawalInput = {
  userId: string
  walletAddress: string
  amount: bigint
  network: Network
  callbackUrl: string | null
}

function sendWithdrawalWebhook(emu: Emulator, wd: Withdrawal): Promise<void> {
  return emu.webhooks.emit({ eventType: "withdrawal", transactionId: wd.id, url: wd.callbackUrl, data: withdrawalData(wd, emu.wire) })
    .sent
}

function syncUserTransaction(emu: Emulator, wd: Withdrawal): void {
  const t = emu.store.userTransactions.find((x) => x.id === wd.id)
  if (t) {
    t.status = wd.status
    t.blockchainTxHash = wd.transactionHash
  }
}

export function createWithdrawal(emu: Emulator, input: WithdrawalInput): { withdrawal: Withdrawal; sent: Promise<void> } {
  const s = emu.settings
  const user = emu.store.users.get(input.userId)
  if (!user) throw badRequest(`User ${input.userId} has no generated wallet`)
  if (input.amount < toMicro(s.minWithdrawalAmount)) throw badRequest(`Minimum withdrawal amount is ${s.minWithdrawalAmount} USDT`)
  const ct = currencyTypeOf(input.network)
  // 3PAY: "the address format is wrong" is refused; the client's check is the one implementation.
  const address = checkAddress(input.network, input.walletAddress)
  if (!address.ok) {
    const hint = address.detectedNetwork ? ` (it is a ${currencyTypeOf(address.detectedNetwork)} address)` : ""
    throw badRequest(`walletAddress is not a valid ${ct} address${hint}`, { reason: address.code })
  }
  const fee = toMicro(s.withdrawalFee[input.network])
  if (input.amount - fee <= 0n) throw badRequest(`Amount after the ${fromMicro(fee)} USDT fee must be positive`)
  if (emu.store.merchant.totalAmt < input.amount) {
    throw badRequest(`Insufficient balance: ${fromMicro(emu.store.merchant.totalAmt)} USDT available`)
  }
  const auto = s.autoApproveWithdrawalsUpTo !== null && input.amount <= toMicro(s.autoApproveWithdrawalsUpTo)
  const now = emu.clock.now()
  const wd: Withdrawal = {
    id: emu.random.objectId(),
    userId: input.userId,
    network: input.network,
    amount: input.amount,
    fee,
    netAmount: input.amount - fee,
    walletAddress: input.walletAddress,
    status: auto ? "completed" : "pending",
    manual: !auto,
    transactionHash: auto ? newTxHash(input.network, emu.random) : null,
    callbackUrl: input.callbackUrl,
    reason: null,
    createdAt: now,
    decidedAt: auto ? now : null,
  }
  emu.store.withdrawals.set(wd.id, wd)
  emu.store.merchant.totalAmt -= wd.amount
  if (!auto) emu.store.merchant.pendingAmt += wd.amount
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
    blockchainTxHash: wd.transactionHash,
    reason: null,
  })
  emu.log("withdrawal.created", `${wd.id} ${fromMicro(wd.amount)} USDT-${wd.network} → ${wd.status}`, wd.id)
  return { withdrawal: wd, sent: auto ? sendWithdrawalWebhook(emu, wd) : Promise.resolve() }
}

export function findWithdrawal(emu: Emulator, id: string): Withdrawal {
  const wd = emu.store.withdrawals.get(id)
  if (!wd || !wd.manual) throw notFound(`Withdrawal request ${id} not found`)
  return wd
}

function requirePending(wd: Withdrawal): void {
  if (wd.status !== "pending") {
    throw new ApiError(400, "INVALID_STATUS", `Withdrawal request is already ${wd.status}`, { status: wd.status })
  }
}

export function approveWithdrawal(emu: Emulator, wd: Withdrawal): { withdrawal: Withdrawal; sent: Promise<void> } {
  requirePending(wd)
  wd.status = "completed"
  wd.decidedAt = emu.clock.now()
  wd.transactionHash = newTxHash(wd.network, emu.random)
  emu.store.merchant.pendingAmt -= wd.amount
  syncUserTransaction(emu, wd)
  emu.log("withdrawal.approved", wd.id, wd.id)
  return { withdrawal: wd, sent: sendWithdrawalWebhook(emu, wd) }
}

export function rejectWithdrawal(emu: Emulator, wd: Withdrawal, reason: string | null): { withdrawal: Withdrawal; sent: Promise<void> } {
  requirePending(wd)
  wd.status = "rejected"
  wd.reason = reason
  wd.decidedAt = emu.clock.now()
  emu.store.merchant.pendingAmt -= wd.amount
  emu.store.merchant.totalAmt += wd.amount
  syncUserTransaction(emu, wd)
  emu.log("withdrawal.rejected", `${wd.id}${reason ? `: ${reason}` : ""}`, wd.id)
  return { withdrawal: wd, sent: sendWithdrawalWebhook(emu, wd) }
}
