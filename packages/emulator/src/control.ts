import { fromMicro } from "medusa-payment-3pay-client"
import { depositToWallet, setWalletBalance } from "./wallet-deposits"
import type { Emulator } from "./core"
import { notFound } from "./http"
import { expireInvoice, payInvoice, type PayOptions } from "./invoices"
import {
  approveWithdrawal,
  completeWithdrawal,
  failWithdrawal,
  findWithdrawal,
  rejectWithdrawal,
  type WithdrawalOutcome,
} from "./withdrawals"
import type { ActivityEvent, CallRecord, DeliveryStatus, EmulatorSettings, Faults, FaultsInput } from "./types"
import { amountParam, currencyTypeParam } from "./validate"
import {
  deliveryView,
  invoiceView,
  userTransactionView,
  walletView,
  withdrawalView,
  type DeliveryView,
  type InvoiceView,
} from "./views"

export type DeliveryFilter = {
  transactionId?: string
  deliveryStatus?: DeliveryStatus
  eventType?: "deposit" | "withdrawal" | "test"
}

export type ControlPayOptions = PayOptions & {
  /** Wait for the first attempt of the webhook(s) this sends (default true). */
  waitForWebhook?: boolean
}

/**
 * Drives the emulator from tests and the demo. The `/_control` HTTP API calls
 * the same methods. Invoice ids may be a transactionId, invoiceNo or page code.
 */
export class EmulatorControl {
  constructor(private readonly emu: Emulator) {}

  // --- invoices ---------------------------------------------------------
  invoices(filter: { status?: string } = {}): InvoiceView[] {
    return [...this.emu.store.invoices.values()]
      .filter((i) => !filter.status || i.status === filter.status)
      .map((i) => invoiceView(this.emu, i))
  }

  invoice(id: string): InvoiceView {
    return invoiceView(this.emu, this.find(id))
  }

  /** Simulates a payment: full, under, over or two_step (amount confirmed, then confirmed after `twoStepDelayMs`). */
  async pay(id: string, options: ControlPayOptions = {}): Promise<InvoiceView> {
    const { invoice, sent } = payInvoice(this.emu, this.find(id), options)
    if (options.waitForWebhook !== false) await sent
    return invoiceView(this.emu, invoice)
  }

  /** Expires an initiated invoice now (and sends its `expired` webhook). */
  async expire(id: string, options: { waitForWebhook?: boolean } = {}): Promise<InvoiceView> {
    const { invoice, sent } = expireInvoice(this.emu, this.find(id))
    if (options.waitForWebhook !== false) await sent
    return invoiceView(this.emu, invoice)
  }

  // --- time -------------------------------------------------------------
  now(): number {
    return this.emu.clock.now()
  }

  /** Moves the emulator clock forward; expiries, second steps and webhook retries due on the way run (and are awaited). */
  advance(ms: number): Promise<void> {
    return this.emu.scheduler.advance(ms)
  }

  /** Runs whatever is due at the current time. */
  tick(): Promise<void> {
    return this.emu.scheduler.runDue()
  }

  pendingTasks() {
    return this.emu.scheduler.pending().map((t) => ({ ...t, at: this.emu.clock.iso(t.at) }))
  }

  // --- webhooks ---------------------------------------------------------
  deliveries(filter: DeliveryFilter = {}): DeliveryView[] {
    return [...this.emu.store.deliveries.values()]
      .filter(
        (d) =>
          (!filter.transactionId || d.transactionId === filter.transactionId) &&
          (!filter.deliveryStatus || d.deliveryStatus === filter.deliveryStatus) &&
          (!filter.eventType || d.eventType === filter.eventType)
      )
      .map(deliveryView)
  }

  async retryDelivery(id: string): Promise<DeliveryView> {
    const d = this.emu.store.deliveries.get(id)
    if (!d) throw notFound(`Delivery ${id} not found`)
    return deliveryView(await this.emu.webhooks.retry(d))
  }

  /** Sends webhooks held by the out-of-order fault; "reverse" (default) sends each invoice's newest first. */
  flushWebhooks(order: "reverse" | "original" = "reverse"): Promise<number> {
    return this.emu.webhooks.flush(order)
  }

  /** Polls until `predicate(deliveries)` is true; rejects after `timeoutMs` with what was seen. */
  async waitForDeliveries(predicate: (deliveries: DeliveryView[]) => boolean, timeoutMs = 5000): Promise<DeliveryView[]> {
    const end = Date.now() + timeoutMs
    for (;;) {
      const all = this.deliveries()
      if (predicate(all)) return all
      if (Date.now() > end) {
        const seen = all.map((d) => `${d.eventType}:${d.transactionId}:${d.deliveryStatus}(${d.attempts})`).join(", ")
        throw new Error(`waitForDeliveries: condition not met within ${timeoutMs} ms; deliveries: [${seen}]`)
      }
      await new Promise((r) => setTimeout(r, 10))
    }
  }

  /** Waits until no webhook attempt or scheduled task is running. */
  idle(): Promise<void> {
    return this.emu.idle()
  }

  setWebhookUrl(url: string | null): void {
    this.emu.store.webhookUrl = url
  }

  /** The current webhook secret, in full (the API only shows it masked). */
  webhookSecret(): string {
    return this.emu.store.webhookSecret
  }

  // --- faults -----------------------------------------------------------
  setFaults(input: FaultsInput): Faults {
    return this.emu.faults.set(input)
  }

  resetFaults(): Faults {
    this.emu.faults.reset()
    return this.emu.faults.snapshot()
  }

  faults(): Faults {
    return this.emu.faults.snapshot()
  }

  // --- calls, activity ----------------------------------------------------
  calls(): Record<string, number> {
    return Object.fromEntries(this.emu.store.calls)
  }

  callLog(): CallRecord[] {
    return this.emu.store.callLog.map((c) => ({ ...c }))
  }

  resetCalls(): void {
    this.emu.store.calls.clear()
    this.emu.store.callLog = []
  }

  events(): ActivityEvent[] {
    return this.emu.store.activity.map((e) => ({ ...e }))
  }

  // --- rate limits ------------------------------------------------------
  rateLimits() {
    return this.emu.rateLimiter.state()
  }

  setRateLimits(enabled: boolean): void {
    this.emu.rateLimiter.enabled = enabled
  }

  resetRateLimits(): void {
    this.emu.rateLimiter.reset()
  }

  // --- settings, state ----------------------------------------------------
  settings(): EmulatorSettings {
    return structuredClone(this.emu.settings)
  }

  updateSettings(input: Partial<EmulatorSettings>): EmulatorSettings {
    return structuredClone(this.emu.updateSettings(input))
  }

  /** Forgets every invoice, wallet, withdrawal, delivery and count; faults, settings and rate limits back to the start options. */
  reset(): void {
    this.emu.reset()
  }

  account() {
    const s = this.emu.store
    return {
      clientId: this.emu.merchantId,
      webhookUrl: s.webhookUrl,
      totalAmt: fromMicro(s.merchant.totalAmt),
      pendingAmt: fromMicro(s.merchant.pendingAmt),
    }
  }

  // --- wallets, withdrawals -------------------------------------------------
  wallets() {
    return [...this.emu.store.users.values()].map(walletView)
  }

  userTransactions(userId?: string) {
    return this.emu.store.userTransactions.filter((t) => !userId || t.userId === userId).map(userTransactionView)
  }

  /** Money arrives at a user's permanent address: fee deducted, net credited, `deposit` webhook sent. */
  async depositToWallet(userId: string, input: { amount: string | number; currencyType: string; waitForWebhook?: boolean }) {
    const { transaction, sent } = depositToWallet(this.emu, userId, amountParam(input.amount), currencyTypeParam(input.currencyType))
    if (input.waitForWebhook !== false) await sent
    return userTransactionView(transaction)
  }

  /** 3PAY's balance of a user on one network becomes `amount`, with no transaction listed (a sweep or a dashboard correction). */
  setWalletBalance(userId: string, input: { amount: string | number; currencyType: string }) {
    return walletView(setWalletBalance(this.emu, userId, currencyTypeParam(input.currencyType), String(input.amount) === "0" ? 0n : amountParam(input.amount)))
  }

  withdrawals(filter: { status?: string; userId?: string } = {}) {
    return [...this.emu.store.withdrawals.values()]
      .filter((w) => (!filter.status || w.status === filter.status) && (!filter.userId || w.userId === filter.userId))
      .map(withdrawalView)
  }

  withdrawal(id: string) {
    return withdrawalView(findWithdrawal(this.emu, id))
  }

  /** The merchant approves a request awaiting review, as in the dashboard: sent at once, or "approved" under held execution. */
  approveWithdrawal(id: string, options: { waitForWebhook?: boolean } = {}) {
    return this.settled(approveWithdrawal(this.emu, findWithdrawal(this.emu, id)), options.waitForWebhook)
  }

  /** The merchant rejects a request awaiting review: the money goes back. */
  rejectWithdrawal(id: string, options: { reason?: string; waitForWebhook?: boolean } = {}) {
    return this.settled(rejectWithdrawal(this.emu, findWithdrawal(this.emu, id), options.reason ?? null), options.waitForWebhook)
  }

  /** Held execution: the approved withdrawal is mined (with this hash, or a new one). */
  completeWithdrawal(id: string, options: { transactionHash?: string; waitForWebhook?: boolean } = {}) {
    return this.settled(completeWithdrawal(this.emu, findWithdrawal(this.emu, id), options.transactionHash ?? null), options.waitForWebhook)
  }

  /** Held execution: sending failed on chain; the money goes back. */
  failWithdrawal(id: string, options: { reason?: string; waitForWebhook?: boolean } = {}) {
    return this.settled(failWithdrawal(this.emu, findWithdrawal(this.emu, id), options.reason ?? null), options.waitForWebhook)
  }

  /** Resolves after the first attempt of the webhook it sent, unless `waitForWebhook: false`. */
  private async settled({ withdrawal, sent }: WithdrawalOutcome, waitForWebhook = true) {
    if (waitForWebhook) await sent
    return withdrawalView(withdrawal)
  }

  private find(id: string) {
    const inv = this.emu.store.findInvoice(id)
    if (!inv) throw notFound(`Invoice ${id} not found`)
    return inv
  }
}
