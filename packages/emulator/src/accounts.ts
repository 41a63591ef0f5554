import { currencyTypeOf, type Network } from "medusa-payment-3pay-client"
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import { isAddressOf, newAddress, newTxHash } from "./addresses"
import type { Emulator } from "./core"
import { ApiError, badRequest, notFound } from "./http"
import { depositFee, otherNetwork } from "./invoices"
import { money, withdrawalData } from "./serialize"
import type { UserTransaction, WalletUser, Withdrawal } from "./types"

/** Per-user wallets, their balances, and user withdrawals with the approval queue. */

export type GenerateWalletInput = {
  userId: string
  email: string
  firstName: string | null
  lastName: string | null
  phone: string | null
  callbackUrl: string | null
  isActive: boolean
  description: string | null
}

/** Both addresses in one call; asking again for the same userId returns the same wallets. */
export function generateWallet(emu: Emulator, input: GenerateWalletInput): { user: WalletUser; created: boolean } {
  const existing = emu.store.users.get(input.userId)
  if (existing) return { user: existing, created: false }
  const wallet = (n: Network) => ({
    address: newAddress(n, emu.random),
    balance: 0n,
    lastDepositAt: null,
    lastDepositAmount: null,
    totalDeposits: 0,
    totalDepositAmount: 0n,
  })
  const user: WalletUser = { ...input, createdAt: emu.clock.now(), wallets: { ERC20: wallet("ERC20"), TRC20: wallet("TRC20") } }
  emu.store.users.set(user.userId, user)
  emu.log("wallet.generated", `user ${user.userId}: ${user.wallets.TRC20.address} / ${user.wallets.ERC20.address}`)
  return { user, created: true }
}

export function findUser(emu: Emulator, userId: string | null | undefined): WalletUser {
  const user = userId ? emu.store.users.get(userId) : undefined
  if (!user) throw notFound(`User ${JSON.stringify(userId ?? null)} has no wallet`)
  return user
}

function record(emu: Emulator, t: Omit<UserTransaction, "createdAt">): UserTransaction {
  const full = { ...t, createdAt: emu.clock.now() }
  emu.store.userTransactions.push(full)
  return full
}

export function updateBalance(
  emu: Emulator,
  input: { userId: string; amount: bigint; network: Network; type: "credit" | "debit"; reason: string | null }
): WalletUser {
  const user = findUser(emu, input.userId)
  const w = user.wallets[input.network]
  if (input.type === "debit" && w.balance < input.amount) {
    throw badRequest(`Insufficient balance: ${fromMicro(w.balance)} USDT on ${currencyTypeOf(input.network)}`)
  }
  w.balance += input.type === "credit" ? input.amount : -input.amount
  record(emu, {
    id: emu.random.objectId(),
    userId: user.userId,
    type: input.type,
    network: input.network,
    amount: input.amount,
    fee: 0n,
    netAmount: input.amount,
    status: "completed",
    walletAddress: w.address,
    blockchainTxHash: null,
    reason: input.reason,
  })
  return user
}

/** Control action: money arrives at a user's permanent address (fee deducted, net credited, webhook sent). */
export function depositToWallet(emu: Emulator, userId: string, amount: bigint, network: Network) {
  const user = findUser(emu, userId)
  if (!user.isActive) throw badRequest(`Wallet of ${userId} is inactive (isActive: false): deposits are not detected`)
  const w = user.wallets[network]
  const fee = depositFee(emu, network, amount)
  const now = emu.clock.now()
  const t = record(emu, {
    id: emu.random.uuid(),
    userId,
    type: "deposit",
    network,
    amount,
    fee,
    netAmount: amount - fee,
    status: "confirmed",
    walletAddress: w.address,
    blockchainTxHash: newTxHash(network, emu.random),
    reason: null,
  })
  w.balance += t.netAmount
  w.lastDepositAt = now
  w.lastDepositAmount = amount
  w.totalDeposits += 1
  w.totalDepositAmount += amount
  emu.store.merchant.totalAmt += t.netAmount
  const v = emu.wire.variants
  const sent = emu.webhooks.emit({
    eventType: "deposit",
    transactionId: t.id,
    url: user.callbackUrl,
    data: {
      type: "deposit",
      transactionId: t.id,
      clientId: emu.merchantId,
      userId,
      amount: money(amount, v),
      fee: money(fee, v),
      netAmount: money(t.netAmount, v),
      actualBalance: money(amount, v),
      currencyType: currencyTypeOf(network),
      status: "confirmed",
      createdAt: emu.clock.iso(now),
      confirmedAt: emu.clock.iso(now),
      blockchainTxHash: t.blockchainTxHash,
      walletAddress: w.address,
      network: currencyTypeOf(network),
      id: t.id,
    },
  }).sent
  emu.log("wallet.deposit", `user ${userId}: ${fromMicro(amount)} USDT-${network}`, t.id)
  return { transaction: t, sent }
}

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
  if (!isAddressOf(input.network, input.walletAddress)) {
    const other = otherNetwork(input.network)
    const hint = isAddressOf(other, input.walletAddress) ? ` (it is a ${currencyTypeOf(other)} address)` : ""
    throw badRequest(`walletAddress is not a valid ${ct} address${hint}`)
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
