import { currencyTypeOf, fromMicro, toMicro, type Network } from "medusa-payment-3pay-client"
import { newTxHash } from "./addresses"
import { findUser, record } from "./accounts"
import type { Emulator } from "./core"
import { badRequest } from "./http"
import { depositFee } from "./invoices"
import { money } from "./serialize"
import type { UserTransaction } from "./types"

/**
 * Deposits to per-user wallets, under the assumptions 3PAY's docs leave
 * open (docs/3pay-wire-format.md, "Per-user wallets"), each switchable:
 *
 * - minimum: a deposit below `walletMinDeposit` is listed as `failed` (reason
 *   given) and credited to nobody;
 * - fee: `depositFee` (max(network minimum, percentage)); with
 *   `walletFeePayer: "user"` the user's balance grows by the net, with
 *   "merchant" by the whole amount (the merchant's balance takes the fee);
 *   `fee` is the fee charged, `netAmount` what reached the user's balance;
 * - balance model: "running", the user's balance keeps every net deposit;
 *   "swept", each confirmed deposit moves to the merchant at once and the
 *   user's balance stays where it was;
 * - webhook: the deposit fields of an invoice plus `userId` (without it under
 *   the `walletWebhookWithoutUserId` variant), to the user's `callbackUrl` or
 *   the account URL.
 */
export function depositToWallet(emu: Emulator, userId: string, amount: bigint, network: Network) {
  const user = findUser(emu, userId)
  if (!user.isActive) throw badRequest(`Wallet of ${userId} is inactive (isActive: false): deposits are not detected`)
  const s = emu.settings
  const w = user.wallets[network]
  const min = toMicro(s.walletMinDeposit)
  const belowMinimum = min > 0n && amount < min
  const fee = belowMinimum ? 0n : depositFee(emu, network, amount)
  const toUser = belowMinimum ? 0n : s.walletFeePayer === "merchant" ? amount : amount - fee
  const now = emu.clock.now()
  const t = record(emu, {
    id: emu.random.uuid(),
    userId,
    type: "deposit",
    network,
    amount,
    fee,
    netAmount: toUser,
    status: belowMinimum ? "failed" : "confirmed",
    walletAddress: w.address,
    blockchainTxHash: newTxHash(network, emu.random),
    reason: belowMinimum ? `below the minimum deposit of ${s.walletMinDeposit} USDT` : null,
  })
  if (!belowMinimum) {
    if (s.walletBalanceModel === "running") w.balance += toUser
    w.lastDepositAt = now
    w.lastDepositAmount = amount
    w.totalDeposits += 1
    w.totalDepositAmount += amount
    emu.store.merchant.totalAmt += amount - fee
  }
  const sent = emu.webhooks.emit({ eventType: "deposit", transactionId: t.id, url: user.callbackUrl, data: walletDepositWebhookData(emu, t) }).sent
  emu.log("wallet.deposit", `user ${userId}: ${fromMicro(amount)} USDT-${network}${belowMinimum ? " (below the minimum: not credited)" : ""}`, t.id)
  return { transaction: t, sent }
}

/** A wallet deposit's webhook body `data`, bent by the variants in force. */
function walletDepositWebhookData(emu: Emulator, t: UserTransaction) {
  const v = emu.wire.variants
  const at = emu.clock.iso(t.createdAt)
  return {
    type: "deposit",
    transactionId: t.id,
    clientId: emu.merchantId,
    ...(v.walletWebhookWithoutUserId ? {} : { userId: t.userId }),
    amount: money(t.amount, v),
    fee: money(t.fee, v),
    netAmount: money(t.netAmount, v),
    ...(v.omitActualBalance ? {} : { actualBalance: money(t.amount, v) }),
    currencyType: currencyTypeOf(t.network),
    status: t.status,
    createdAt: at,
    confirmedAt: t.status === "confirmed" ? at : null,
    blockchainTxHash: t.blockchainTxHash,
    walletAddress: t.walletAddress,
    network: currencyTypeOf(t.network),
    id: t.id,
  }
}

/**
 * Control action: the user's balance at 3PAY becomes `amount` with no entry in
 * the user's transaction list (what a sweep, or a correction in 3PAY's
 * dashboard, would look like from the API). The plugin must flag the
 * difference, not follow it.
 */
export function setWalletBalance(emu: Emulator, userId: string, network: Network, amount: bigint) {
  const user = findUser(emu, userId)
  user.wallets[network].balance = amount
  emu.log("wallet.balance_set", `user ${userId}: ${fromMicro(amount)} USDT-${network} (no transaction)`)
  return user
}
