import { currencyTypeOf } from "medusa-payment-3pay-client"
import { fromMicro } from "medusa-payment-3pay-client"
import type { DepositStatus, Invoice, UserTransaction, Variants, WalletUser, Withdrawal } from "./types"

/**
 * Wire shapes, in the form of docs/3pay-wire-format.md, bent by the response
 * variants when they are switched on.
 */
const LEGACY_WORDS: Record<DepositStatus, string> = {
  initiated: "Initiated",
  "amount confirmed": "Pending",
  confirmed: "Successful",
  expired: "Expired",
  cancelled: "Cancelled",
  underpaid: "Underpaid",
}

/** JSON number by default (exact: the shortest decimal that reads back), decimal string as a variant. */
export function money(micro: bigint, v: Variants): number | string {
  const s = fromMicro(micro)
  return v.amountsAsStrings ? s : Number(s)
}

export function statusWord(status: DepositStatus, v: Variants): string {
  return v.legacyStatusWords ? LEGACY_WORDS[status] : status
}

const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

export type WireContext = { variants: Variants; clientId: string; pageUrl: (code: string) => string }

/** What the webhook of a deposit carries: exactly the fields of 3PAY's example. */
export function depositWebhookData(inv: Invoice, w: WireContext) {
  const currencyType = currencyTypeOf(inv.paidNetwork ?? inv.network)
  return {
    type: "deposit",
    transactionId: inv.transactionId,
    clientId: w.clientId,
    amount: money(inv.amount, w.variants),
    fee: money(inv.fee, w.variants),
    netAmount: money(inv.netAmount, w.variants),
    ...(w.variants.omitActualBalance ? {} : { actualBalance: money(inv.actualBalance, w.variants) }),
    currencyType,
    status: statusWord(inv.status, w.variants),
    createdAt: iso(inv.createdAt),
    confirmedAt: iso(inv.confirmedAt),
    blockchainTxHash: inv.blockchainTxHash,
    walletAddress: inv.walletAddress,
    network: currencyType,
    id: inv.transactionId,
  }
}

/** Verify and list: the webhook fields plus what the wire doc reads (invoiceNo, expiresAt, referenceId, paymentUrl) and the customer fields. */
export function invoiceData(inv: Invoice, w: WireContext) {
  return {
    ...depositWebhookData(inv, w),
    invoiceNo: inv.invoiceNo,
    expiresAt: iso(inv.expiresAt),
    referenceId: inv.referenceId,
    paymentUrl: w.pageUrl(inv.code),
    email: inv.email,
    firstName: inv.firstName,
    lastName: inv.lastName,
    phoneNumber: inv.phoneNumber,
    username: inv.username,
    description: inv.description,
  }
}

/** `{ success, url, transactionId, invoiceNo }` + the emulator's extras (walletAddress, expiresAt, amount, currencyType). */
export function createAnswer(inv: Invoice, w: WireContext) {
  const fields: Record<string, unknown> = {
    [w.variants.paymentUrl ? "paymentUrl" : "url"]: w.pageUrl(inv.code),
    transactionId: inv.transactionId,
    invoiceNo: inv.invoiceNo,
    walletAddress: inv.walletAddress,
    expiresAt: iso(inv.expiresAt),
    amount: money(inv.amount, w.variants),
    currencyType: currencyTypeOf(inv.network),
  }
  return w.variants.createUnderData
    ? { success: true, message: "Payment link generated successfully", data: fields }
    : { success: true, ...fields }
}

/**
 * A withdrawal webhook's `data`: the fields of 3PAY's documented example
 * (the deposit envelope without `actualBalance`), plus `withdrawalId`,
 * `userId`, `transactionHash` and `reason`, which 3PAY does not promise (the
 * `withdrawalWebhookMinimal` variant leaves them out). `transactionId` and
 * `id` are the withdrawal's id.
 */
export function withdrawalData(wd: Withdrawal, w: WireContext) {
  const currencyType = currencyTypeOf(wd.network)
  const documented = {
    type: "withdrawal",
    transactionId: wd.id,
    clientId: w.clientId,
    amount: money(wd.amount, w.variants),
    fee: money(wd.fee, w.variants),
    netAmount: money(wd.netAmount, w.variants),
    currencyType,
    status: wd.status,
    createdAt: iso(wd.createdAt),
    confirmedAt: wd.status === "completed" ? iso(wd.executedAt) : null,
    blockchainTxHash: wd.transactionHash,
    walletAddress: wd.walletAddress,
    network: currencyType,
    id: wd.id,
  }
  if (w.variants.withdrawalWebhookMinimal) return documented
  return { ...documented, withdrawalId: wd.id, userId: wd.userId, transactionHash: wd.transactionHash, reason: wd.reason }
}

export function userTransactionData(t: UserTransaction, w: WireContext) {
  return {
    type: t.type,
    id: t.id,
    transactionId: t.id,
    userId: t.userId,
    amount: money(t.amount, w.variants),
    fee: money(t.fee, w.variants),
    netAmount: money(t.netAmount, w.variants),
    currencyType: currencyTypeOf(t.network),
    network: currencyTypeOf(t.network),
    status: t.status,
    walletAddress: t.walletAddress,
    blockchainTxHash: t.blockchainTxHash,
    reason: t.reason,
    createdAt: iso(t.createdAt),
  }
}

export function walletList(user: WalletUser) {
  return (["ERC20", "TRC20"] as const).map((n) => ({
    walletAddress: user.wallets[n].address,
    walletNetwork: currencyTypeOf(n),
  }))
}

export function userData(user: WalletUser) {
  return {
    userId: user.userId,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    phone: user.phone,
    description: user.description,
    callbackUrl: user.callbackUrl,
    isActive: user.isActive,
    createdAt: iso(user.createdAt),
    wallets: walletList(user),
  }
}

export function balanceData(user: WalletUser, w: WireContext) {
  const total = user.wallets.ERC20.balance + user.wallets.TRC20.balance
  return {
    userId: user.userId,
    totalBalance: money(total, w.variants),
    wallets: (["ERC20", "TRC20"] as const).map((n) => {
      const x = user.wallets[n]
      return {
        walletAddress: x.address,
        walletNetwork: currencyTypeOf(n),
        balance: money(x.balance, w.variants),
        lastDepositAt: iso(x.lastDepositAt),
        lastDepositAmount: x.lastDepositAmount === null ? null : money(x.lastDepositAmount, w.variants),
        totalDeposits: x.totalDeposits,
        totalDepositAmount: money(x.totalDepositAmount, w.variants),
      }
    }),
  }
}
