import type { Network } from "medusa-payment-3pay-client"
import { fromMicro, otherNetworkOf, toMicro } from "medusa-payment-3pay-client"
import { newAddress, newTxHash } from "./addresses"
import type { Emulator } from "./core"
import { ApiError, badRequest } from "./http"
import { depositWebhookData, statusWord } from "./serialize"
import type { DepositStatus, Invoice, PayMode } from "./types"
import { amountParam } from "./validate"

/** The invoice lifecycle: create, pay (four ways), expire, cancel. */

export type CreateInvoiceInput = {
  network: Network
  amount: bigint
  timerMinutes: number
  webhookUrl: string | null
  callbackUrl: string | null
  referenceId: string | null
  email: string | null
  firstName: string | null
  lastName: string | null
  phoneNumber: string | null
  username: string | null
  description: string | null
}

export type PayOptions = {
  mode?: PayMode
  /** What arrives on chain (decimal string or number); overrides the mode's amount. */
  amount?: string | number
  /** The money arrives on the other network. Default: the `wrongNetwork` fault. */
  wrongNetwork?: boolean
  /** Allow paying an expired invoice. Default: the `latePayments` fault. */
  late?: boolean
}

export type Outcome = { invoice: Invoice; sent: Promise<void> }

export const PAY_MODES: PayMode[] = ["full", "under", "over", "two_step"]

export function createInvoice(emu: Emulator, input: CreateInvoiceInput): Invoice {
  const now = emu.clock.now()
  const counter = ++emu.store.invoiceCounter
  const inv: Invoice = {
    transactionId: emu.random.uuid(),
    invoiceNo: `INV-${emu.merchantId}-${String(counter).padStart(4, "0")}`,
    code: emu.random.code(8),
    network: input.network,
    paidNetwork: null,
    amount: input.amount,
    actualBalance: 0n,
    fee: 0n,
    netAmount: 0n,
    status: "initiated",
    walletAddress: newAddress(input.network, emu.random),
    blockchainTxHash: null,
    timerMinutes: input.timerMinutes,
    createdAt: now,
    expiresAt: now + input.timerMinutes * 60_000,
    confirmedAt: null,
    late: false,
    referenceId: input.referenceId,
    email: input.email,
    firstName: input.firstName,
    lastName: input.lastName,
    phoneNumber: input.phoneNumber,
    username: input.username,
    description: input.description,
    webhookUrl: input.webhookUrl,
    callbackUrl: input.callbackUrl,
    history: [{ status: "initiated", at: now }],
    expiryTask: null,
    stepTask: null,
  }
  emu.store.addInvoice(inv)
  inv.expiryTask = emu.scheduler.schedule(inv.expiresAt, `expire ${inv.transactionId}`, () => {
    inv.expiryTask = null
    if (inv.status === "initiated") return expireInvoice(emu, inv).sent
  })
  emu.log(
    "invoice.created",
    `${inv.invoiceNo} ${fromMicro(inv.amount)} USDT-${inv.network} → ${inv.walletAddress}, expires ${emu.clock.iso(inv.expiresAt)}`,
    inv.transactionId
  )
  return inv
}

/** max(network minimum, percentage of what arrived), rounded up to the micro-USDT, never more than arrived. */
export function depositFee(emu: Emulator, network: Network, actual: bigint): bigint {
  const pct = toMicro(emu.settings.depositFeePercent)
  const byPct = (actual * pct + 100_000_000n - 1n) / 100_000_000n
  const min = toMicro(emu.settings.depositMinFee[network])
  const fee = byPct > min ? byPct : min
  return fee > actual ? actual : fee
}

function arrivingAmount(emu: Emulator, inv: Invoice, mode: PayMode): bigint {
  if (mode === "under") {
    const short = inv.amount - toMicro(emu.settings.underpayShortfall)
    return short > 0n ? short : inv.amount / 2n > 0n ? inv.amount / 2n : 1n
  }
  if (mode === "over") return inv.amount + toMicro(emu.settings.overpayExcess)
  return inv.amount
}

/** Sets the status, stamps history, credits the merchant when money is booked, and sends the deposit webhook. */
function transition(emu: Emulator, inv: Invoice, status: DepositStatus): Promise<void> {
  const now = emu.clock.now()
  inv.status = status
  inv.history.push({ status, at: now })
  if (status === "confirmed" || status === "underpaid") {
    inv.confirmedAt = now
    emu.store.merchant.totalAmt += inv.netAmount
  }
  emu.log("invoice.status", `${inv.invoiceNo} → ${status}`, inv.transactionId)
  return emu.webhooks.emit({
    eventType: "deposit",
    transactionId: inv.transactionId,
    url: inv.webhookUrl,
    data: depositWebhookData(inv, emu.wire),
  }).sent
}

export function payInvoice(emu: Emulator, inv: Invoice, opts: PayOptions = {}): Outcome {
  const mode = opts.mode ?? "full"
  if (!PAY_MODES.includes(mode)) throw badRequest(`mode must be one of ${PAY_MODES.join(", ")}`)
  const late = opts.late ?? emu.faults.current.latePayments
  if (inv.status === "expired" && !late) {
    throw new ApiError(
      400,
      "INVALID_STATUS",
      `Invoice ${inv.invoiceNo} expired at ${emu.clock.iso(inv.expiresAt)}; pay with late: true (or set the latePayments fault) to simulate a late payment`,
      { status: inv.status }
    )
  }
  if (inv.status !== "initiated" && inv.status !== "expired") {
    throw new ApiError(400, "INVALID_STATUS", `Invoice ${inv.invoiceNo} is "${inv.status}"; only initiated invoices can be paid`, {
      status: inv.status,
    })
  }
  const actual = opts.amount !== undefined ? amountParam(opts.amount) : arrivingAmount(emu, inv, mode)
  const wrong = opts.wrongNetwork ?? emu.faults.current.wrongNetwork
  const paidNetwork = wrong ? otherNetworkOf(inv.network) : inv.network
  emu.scheduler.cancel(inv.expiryTask)
  inv.expiryTask = null
  inv.late = inv.status === "expired"
  inv.paidNetwork = paidNetwork
  inv.actualBalance = actual
  inv.fee = depositFee(emu, paidNetwork, actual)
  inv.netAmount = actual - inv.fee
  inv.blockchainTxHash = newTxHash(paidNetwork, emu.random)
  emu.log(
    "invoice.paid",
    `${inv.invoiceNo}: ${fromMicro(actual)} USDT arrived on ${paidNetwork}` +
      `${wrong ? " (WRONG network)" : ""}${inv.late ? " (late)" : ""} [${mode}]`,
    inv.transactionId
  )
  const final: DepositStatus = actual < inv.amount ? emu.settings.underpaymentStatus : "confirmed"
  if (mode !== "two_step") return { invoice: inv, sent: transition(emu, inv, final) }
  const sent = transition(emu, inv, "amount confirmed")
  if (final !== "amount confirmed") {
    inv.stepTask = emu.scheduler.schedule(emu.clock.now() + emu.settings.twoStepDelayMs, `confirm ${inv.transactionId}`, () => {
      inv.stepTask = null
      if (inv.status === "amount confirmed") return transition(emu, inv, final)
    })
  }
  return { invoice: inv, sent }
}

/**
 * The timer runs out on an initiated invoice, or on one whose payment was
 * detected (`amount confirmed`) but never confirmed. As documented for expiry,
 * the webhook then reports `actualBalance`, `fee`, `netAmount` 0 and no tx
 * hash: the worst case for a store, whose ledger must keep what it saw.
 */
export function expireInvoice(emu: Emulator, inv: Invoice): Outcome {
  if (inv.status !== "initiated" && inv.status !== "amount confirmed") {
    throw new ApiError(400, "INVALID_STATUS", `Invoice ${inv.invoiceNo} is "${inv.status}"; only initiated or unconfirmed invoices can expire`, {
      status: inv.status,
    })
  }
  emu.scheduler.cancel(inv.expiryTask)
  inv.expiryTask = null
  if (inv.status === "amount confirmed") {
    emu.log("invoice.expired", `${inv.invoiceNo}: expired with ${fromMicro(inv.actualBalance)} USDT unconfirmed; reported as 0`, inv.transactionId)
    inv.actualBalance = 0n
    inv.fee = 0n
    inv.netAmount = 0n
    inv.blockchainTxHash = null
  }
  return { invoice: inv, sent: transition(emu, inv, "expired") }
}

/** `POST /public/transaction/cancel`: only while `initiated`; no webhook (the merchant asked for it). */
export function cancelInvoice(emu: Emulator, inv: Invoice): Invoice {
  if (inv.status !== "initiated") {
    const word = statusWord(inv.status, emu.faults.current.variants)
    throw new ApiError(
      400,
      "INVALID_STATUS",
      `Transaction status is "${word}": only transactions in status "initiated" can be cancelled`,
      { status: word }
    )
  }
  emu.scheduler.cancel(inv.expiryTask)
  inv.expiryTask = null
  inv.status = "cancelled"
  inv.history.push({ status: "cancelled", at: emu.clock.now() })
  emu.log("invoice.status", `${inv.invoiceNo} → cancelled (API)`, inv.transactionId)
  return inv
}
