import { currencyTypeOf } from "medusa-payment-3pay-client"
import { fromMicro } from "medusa-payment-3pay-client"
import type { Emulator } from "./core"
import type { Delivery, Invoice, UserTransaction, WalletUser, Withdrawal } from "./types"

/**
 * Plain-JSON views of the emulator's records for the control API and the
 * programmatic handle: amounts as exact decimal strings, times as ISO strings.
 */
const iso = (t: number | null) => (t === null ? null : new Date(t).toISOString())

export function invoiceView(emu: Emulator, inv: Invoice) {
  return {
    transactionId: inv.transactionId,
    invoiceNo: inv.invoiceNo,
    code: inv.code,
    paymentUrl: emu.pageUrl(inv.code),
    status: inv.status,
    network: inv.network,
    currencyType: currencyTypeOf(inv.network),
    /** Network the money arrived on; differs from `currencyType` after a wrong-network payment. */
    paidCurrencyType: inv.paidNetwork ? currencyTypeOf(inv.paidNetwork) : null,
    amount: fromMicro(inv.amount),
    actualBalance: fromMicro(inv.actualBalance),
    fee: fromMicro(inv.fee),
    netAmount: fromMicro(inv.netAmount),
    walletAddress: inv.walletAddress,
    blockchainTxHash: inv.blockchainTxHash,
    timerMinutes: inv.timerMinutes,
    createdAt: iso(inv.createdAt)!,
    expiresAt: iso(inv.expiresAt)!,
    confirmedAt: iso(inv.confirmedAt),
    late: inv.late,
    referenceId: inv.referenceId,
    email: inv.email,
    firstName: inv.firstName,
    lastName: inv.lastName,
    phoneNumber: inv.phoneNumber,
    username: inv.username,
    description: inv.description,
    webhookUrl: inv.webhookUrl,
    callbackUrl: inv.callbackUrl,
    history: inv.history.map((h) => ({ status: h.status, at: iso(h.at)! })),
  }
}
export type InvoiceView = ReturnType<typeof invoiceView>

export function deliveryView(d: Delivery) {
  let payload: unknown = null
  try {
    payload = JSON.parse(d.body)
  } catch {
    payload = null
  }
  return {
    id: d.id,
    eventType: d.eventType,
    transactionId: d.transactionId,
    url: d.url,
    deliveryStatus: d.deliveryStatus,
    attempts: d.attempts,
    responseStatus: d.responseStatus,
    error: d.error,
    test: d.test,
    held: d.held,
    dropped: d.dropped,
    duplicateOf: d.duplicateOf,
    createdAt: iso(d.createdAt)!,
    lastAttemptAt: iso(d.lastAttemptAt),
    nextAttemptAt: iso(d.nextAttemptAt),
    /** The exact bytes that are (or were) sent and signed. */
    body: d.body,
    payload: payload as { success: boolean; message: string; data: Record<string, unknown> } | null,
    log: d.log.map((l) => ({ ...l })),
  }
}
export type DeliveryView = ReturnType<typeof deliveryView>

export function walletView(user: WalletUser) {
  const w = (n: "TRC20" | "ERC20") => ({
    currencyType: currencyTypeOf(n),
    walletAddress: user.wallets[n].address,
    balance: fromMicro(user.wallets[n].balance),
    totalDeposits: user.wallets[n].totalDeposits,
    totalDepositAmount: fromMicro(user.wallets[n].totalDepositAmount),
  })
  return {
    userId: user.userId,
    email: user.email,
    isActive: user.isActive,
    callbackUrl: user.callbackUrl,
    createdAt: iso(user.createdAt)!,
    wallets: { TRC20: w("TRC20"), ERC20: w("ERC20") },
  }
}
export type WalletView = ReturnType<typeof walletView>

export function withdrawalView(wd: Withdrawal) {
  return {
    id: wd.id,
    userId: wd.userId,
    currencyType: currencyTypeOf(wd.network),
    amount: fromMicro(wd.amount),
    fee: fromMicro(wd.fee),
    netAmount: fromMicro(wd.netAmount),
    walletAddress: wd.walletAddress,
    status: wd.status,
    manual: wd.manual,
    feePayer: wd.feePayer,
    fundsFrom: wd.fundsFrom,
    /** Taken from the merchant balance (amount, plus the fee when the merchant pays it). */
    debit: fromMicro(wd.debit),
    /** The money is locked for it (false once restored, and while queued unfunded). */
    funded: wd.funded,
    transactionHash: wd.transactionHash,
    reason: wd.reason,
    createdAt: iso(wd.createdAt)!,
    decidedAt: iso(wd.decidedAt),
    executedAt: iso(wd.executedAt),
  }
}
export type WithdrawalView = ReturnType<typeof withdrawalView>

export function userTransactionView(t: UserTransaction) {
  return {
    id: t.id,
    userId: t.userId,
    type: t.type,
    currencyType: currencyTypeOf(t.network),
    amount: fromMicro(t.amount),
    fee: fromMicro(t.fee),
    netAmount: fromMicro(t.netAmount),
    status: t.status,
    blockchainTxHash: t.blockchainTxHash,
    createdAt: iso(t.createdAt)!,
  }
}
