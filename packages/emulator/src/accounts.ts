import { currencyTypeOf, type Network } from "medusa-payment-3pay-client"
import { fromMicro } from "medusa-payment-3pay-client"
import { newAddress, newTxHash } from "./addresses"
import type { Emulator } from "./core"
import { badRequest, notFound } from "./http"
import { depositFee } from "./invoices"
import { money } from "./serialize"
import type { UserTransaction, WalletUser } from "./types"

/** Per-user wallets and their balances (withdrawals: withdrawals.ts). */

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

/** Appends a movement to the user transaction list (wallets and withdrawals). */
export function record(emu: Emulator, t: Omit<UserTransaction, "createdAt">): UserTransaction {
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
