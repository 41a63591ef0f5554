import { currencyTypeOf, type Network } from "medusa-payment-3pay-client"
import { fromMicro } from "medusa-payment-3pay-client"
import { newAddress } from "./addresses"
import type { Emulator } from "./core"
import { badRequest, notFound } from "./http"
import type { UserTransaction, WalletUser } from "./types"

/** Per-user wallets and their balances (deposits: wallet-deposits.ts; withdrawals: withdrawals.ts). */

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
