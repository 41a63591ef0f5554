/**
 * The 3PAY payment provider: Medusa's checkout lifecycle on 3PAY invoices.
 *
 * Every decision about money re-reads the invoice from 3PAY's API (verify);
 * nothing in session data or a webhook body is trusted on its own. Status
 * mapping lives in lib/payment-state.ts, amounts in lib/amounts.ts.
 *
 * The provider runs in the payment module's container: it cannot read the
 * plugin's ledger or settings. On the store route, our middleware prepares
 * the invoice (reusing one when it can) and hands it over signed in
 * `data.checkout` (lib/checkout-handoff.ts). Without a handoff (another code
 * path created the session) the provider creates the invoice itself.
 */
import {
  AbstractPaymentProvider,
  MedusaError,
  PaymentActions,
  PaymentSessionStatus,
} from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
  BigNumberValue,
  AuthorizePaymentOutput,
  CancelPaymentInput,
  CancelPaymentOutput,
  CapturePaymentInput,
  CapturePaymentOutput,
  DeletePaymentInput,
  DeletePaymentOutput,
  GetPaymentStatusInput,
  GetPaymentStatusOutput,
  InitiatePaymentInput,
  InitiatePaymentOutput,
  Logger,
  ProviderWebhookPayload,
  RefundPaymentInput,
  RefundPaymentOutput,
  RetrievePaymentInput,
  RetrievePaymentOutput,
  UpdatePaymentInput,
  UpdatePaymentOutput,
  WebhookActionResult,
} from "@medusajs/framework/types"
import type { ThreePayClient } from "medusa-payment-3pay-client"
import { ThreePayValidationError } from "medusa-payment-3pay-client"
import { parseNetwork, type Network } from "medusa-payment-3pay-client"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { parseWebhookEvent } from "medusa-payment-3pay-client"
import { headerValue, SIGNATURE_HEADER, TEST_HEADER, verifyWebhookSignature } from "medusa-payment-3pay-client"
import { quoteUsdt } from "../../lib/amounts"
import { HANDOFF_FIELD, verifyHandoff, type CheckoutHandoff } from "../../lib/checkout-handoff"
import { ERROR_CODES } from "../../lib/error-codes"
import { createThreePayClient } from "../../lib/make-client"
import { toMedusaError } from "../../lib/medusa-errors"
import { parseOptions, type ThreePayOptions } from "../../lib/options"
import { assessInvoice, sessionStatusFor, webhookActionFor } from "../../lib/payment-state"
import { readSnapshot, SNAPSHOT_FIELD } from "../../lib/session-snapshot"
import { buildSessionData, storedSessionSchema, type SessionData, type StoredSession } from "../../lib/session-data"
import { findLiveSessionByTransaction } from "./session-lookup"

type Cradle = Record<string, unknown> & { logger?: Logger }

let warnedNoWebhookSecret = false

class ThreePayProviderService extends AbstractPaymentProvider<ThreePayOptions> {
  static override identifier = "3pay"

  protected readonly options_: ThreePayOptions
  protected readonly client_: ThreePayClient
  protected readonly logger_: Logger | Console

  /** Throws (and so stops Medusa's boot) on a bad option, naming it. */
  static override validateOptions(options: Record<string, unknown>): void {
    let parsed: ThreePayOptions
    try {
      parsed = parseOptions(options)
    } catch (e) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, (e as Error).message)
    }
    if (!parsed.webhookSecret && !warnedNoWebhookSecret) {
      warnedNoWebhookSecret = true
      console.warn(
        "medusa-payment-3pay: `webhookSecret` is not set. Webhooks cannot be verified and will be refused; " +
          "orders then depend on the reconciliation job. Copy the secret from the 3PAY dashboard (Settings > Webhooks)."
      )
    }
  }

  constructor(cradle: Cradle, options: Record<string, unknown>) {
    const parsed = parseOptions(options)
    super(cradle, parsed)
    this.options_ = parsed
    this.logger_ = cradle.logger ?? console
    this.client_ = createThreePayClient(parsed, this.logger_ as Logger)
  }

  // ---------------------------------------------------------------- sessions

  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    const data = (input.data ?? {}) as Record<string, unknown>
    const network = this.pickNetwork(data.network)
    const quote = quoteUsdt(input.amount, input.currency_code, this.options_.exchangeRates)

    const handoff = this.acceptHandoff(data[HANDOFF_FIELD], network, quote.usdt, String(data.session_id ?? ""))
    let sessionData: SessionData
    if (handoff) {
      sessionData = buildSessionData({
        network,
        environment: this.options_.environment,
        amountUsdt: quote.usdt,
        currencyCode: quote.currencyCode,
        exchangeRate: quote.rate,
        flow: handoff.flow,
        tolerance: handoff.tolerance,
        cartId: handoff.cart_id,
        invoice: {
          transactionId: handoff.invoice.transaction_id,
          invoiceNo: handoff.invoice.invoice_no,
          paymentUrl: handoff.invoice.payment_url,
          walletAddress: handoff.invoice.wallet_address,
          expiresAt: handoff.invoice.expires_at,
        },
      })
    } else {
      const created = await this.createInvoice({
        network,
        amountUsdt: quote.usdt,
        email: input.context?.customer?.email,
        reference: String(data.session_id ?? input.context?.idempotency_key ?? ""),
        cartId: null,
      })
      sessionData = buildSessionData({
        network,
        environment: this.options_.environment,
        amountUsdt: quote.usdt,
        currencyCode: quote.currencyCode,
        exchangeRate: quote.rate,
        flow: this.options_.flow,
        tolerance: this.options_.underpaymentTolerance,
        cartId: null,
        invoice: created,
      })
    }
    return {
      id: sessionData.transaction_id,
      status: sessionStatusFor(sessionData.status, sessionData.flow),
      // `checkout: undefined` drops the handoff token from the stored data.
      data: { ...sessionData, [HANDOFF_FIELD]: undefined },
    }
  }

  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const stored = this.readStored(input.data)
    const quote = quoteUsdt(input.amount, input.currency_code, this.options_.exchangeRates)
    if (stored.amount_usdt === quote.usdt) {
      // The webhook pipeline passes the invoice it just re-read, signed.
      const snapshot = readSnapshot(input.data?.[SNAPSHOT_FIELD], this.options_.apiKey, stored.transaction_id)
      return this.refresh(stored, snapshot)
    }
    // An invoice's amount cannot change at 3PAY. A new amount needs a new
    // invoice; the old one can no longer be right, so it is cancelled first.
    const current = await this.verify(stored.transaction_id)
    const assessment = assessInvoice(current, this.expected(stored))
    if (assessment.state !== "awaiting_payment") {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "The amount cannot change: a payment has already been made on this invoice.",
        ERROR_CODES.AMOUNT_CHANGED
      )
    }
    await this.cancelQuietly(stored.transaction_id)
    const created = await this.createInvoice({
      network: stored.network,
      amountUsdt: quote.usdt,
      email: input.context?.customer?.email,
      reference: String(input.context?.idempotency_key ?? ""),
      cartId: stored.cart_id ?? null,
    })
    const data = buildSessionData({
      network: stored.network,
      environment: this.options_.environment,
      amountUsdt: quote.usdt,
      currencyCode: quote.currencyCode,
      exchangeRate: quote.rate,
      flow: stored.flow ?? this.options_.flow,
      tolerance: stored.underpayment_tolerance ?? this.options_.underpaymentTolerance,
      cartId: stored.cart_id ?? null,
      invoice: created,
    })
    return { status: sessionStatusFor(data.status, data.flow), data }
  }

  /**
   * Medusa deletes the session each time the shopper re-creates it (network
   * switch, reload, cart change). The invoice is kept: the reuse rule may hand
   * it to the next session. Leftovers are cancelled by the plugin once they
   * can no longer be right (cart completed, amount changed).
   */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    const stored = this.readStored(input.data)
    const { status, data } = await this.refresh(stored)
    return { status: status ?? PaymentSessionStatus.PENDING, data }
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    const { status, data } = await this.refresh(this.readStored(input.data))
    return { status: status ?? PaymentSessionStatus.PENDING, data }
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const { data } = await this.refresh(this.readStored(input.data))
    return { data }
  }

  /** Crypto is settled on arrival: capture only confirms that it was. */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    const stored = this.readStored(input.data)
    const { status, data } = await this.refresh(stored)
    if (status !== PaymentSessionStatus.CAPTURED) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        `Invoice ${stored.transaction_id} is not paid at 3PAY (${String(data?.status ?? "unknown")}); there is nothing to capture.`,
        ERROR_CODES.INVOICE_NOT_FOUND
      )
    }
    return { data }
  }

  /** Cancels the invoice while it is open; an invoice already final is fine. */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const parsed = storedSessionSchema.safeParse(input.data ?? {})
    if (!parsed.success) return { data: input.data }
    await this.cancelQuietly(parsed.data.transaction_id)
    return { data: { ...input.data, canceled_at: new Date().toISOString() } }
  }

  async refundPayment(_input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      "3PAY has no refund API: confirmed USDT payments cannot be reversed on chain. " +
        "To refund, send USDT to the customer's address from your 3PAY merchant wallet (dashboard withdrawal), " +
        "then record the refund in Medusa with a note. Payments still held at an expired invoice address can be " +
        "returned by 3PAY support.",
      ERROR_CODES.REFUND_NOT_SUPPORTED
    )
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * Medusa's core route (`/hooks/payment/3pay_3pay`). The plugin's own
   * `/hooks/3pay` is preferred (ledger, no fixed delay), but this one is safe:
   * it verifies the signature, re-reads the invoice, and only a paid invoice
   * of a live session maps to SUCCESSFUL.
   */
  async getWebhookActionAndData(payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    const raw = payload.rawData
    const check = verifyWebhookSignature(raw, headerValue(payload.headers, SIGNATURE_HEADER), [
      this.options_.webhookSecret,
      this.options_.previousWebhookSecret,
    ])
    if (!check.valid) {
      throw new MedusaError(
        MedusaError.Types.UNAUTHORIZED,
        `3PAY webhook refused: signature ${check.reason.replace("_", " ")}.`,
        ERROR_CODES.SIGNATURE_INVALID
      )
    }
    if (headerValue(payload.headers, TEST_HEADER) === "true") {
      return { action: PaymentActions.NOT_SUPPORTED }
    }
    const event = parseWebhookEvent(raw)
    if (!event.isDeposit) return { action: PaymentActions.NOT_SUPPORTED }

    const session = await findLiveSessionByTransaction(this.container, event.invoice.transactionId)
    if (!session) return { action: PaymentActions.NOT_SUPPORTED }
    const stored = storedSessionSchema.safeParse(session.data ?? {})
    if (!stored.success) return { action: PaymentActions.NOT_SUPPORTED }

    const fresh = await this.verify(stored.data.transaction_id)
    const assessment = assessInvoice(fresh, this.expected(stored.data))
    return {
      action: webhookActionFor(assessment.state),
      // The session's own amount: an overpayment is captured as the order
      // total (the excess is recorded by the plugin's ledger).
      data: { session_id: session.id, amount: session.amount as BigNumberValue },
    }
  }

  // ---------------------------------------------------------------- helpers

  protected pickNetwork(requested: unknown): Network {
    const allowed = this.options_.networks
    if (requested === undefined || requested === null || requested === "") return this.options_.defaultNetwork
    const n = parseNetwork(requested)
    if (!n) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Unknown network "${String(requested)}". Choose one of: ${allowed.join(", ")}.`,
        ERROR_CODES.NETWORK_INVALID
      )
    }
    if (!allowed.includes(n)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `USDT on ${n} is not accepted by this store. Choose one of: ${allowed.join(", ")}.`,
        ERROR_CODES.NETWORK_DISABLED
      )
    }
    return n
  }

  protected acceptHandoff(token: unknown, network: Network, usdt: string, sessionId: string): CheckoutHandoff | null {
    const check = verifyHandoff(token, this.options_.apiKey)
    if (!check.ok) {
      if (check.reason !== "absent") {
        this.logger_.warn(`[3pay] ignored a checkout handoff for session ${sessionId}: ${check.reason}`)
      }
      return null
    }
    const h = check.handoff
    if (h.network !== network || h.amount_usdt !== usdt) {
      this.logger_.warn(
        `[3pay] checkout handoff for session ${sessionId} does not match (network ${h.network}/${network}, amount ${h.amount_usdt}/${usdt}); creating a fresh invoice`
      )
      return null
    }
    return h
  }

  protected async createInvoice(args: {
    network: Network
    amountUsdt: string
    email?: string
    reference: string
    cartId: string | null
  }) {
    const o = this.options_
    try {
      return await this.client_.createInvoice({
        network: args.network,
        amount: args.amountUsdt,
        timerMinutes: o.invoiceTimerMinutes,
        webhookUrl: o.backendUrl ? `${o.backendUrl}/hooks/3pay` : undefined,
        callbackUrl: o.returnUrl ? o.returnUrl.replace(/\{cart_id\}/g, encodeURIComponent(args.cartId ?? "")) : undefined,
        email: args.email,
        referenceId: args.reference || undefined,
        description: "Medusa order payment",
      })
    } catch (e) {
      throw toMedusaError(e)
    }
  }

  protected readStored(data: Record<string, unknown> | undefined): StoredSession {
    const parsed = storedSessionSchema.safeParse(data ?? {})
    if (!parsed.success) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "This payment session has no 3PAY invoice. Create the payment session again.",
        ERROR_CODES.SESSION_NOT_FOUND
      )
    }
    return parsed.data
  }

  protected expected(s: StoredSession) {
    return {
      network: s.network,
      amountUsdt: s.amount_usdt,
      tolerance: s.underpayment_tolerance ?? this.options_.underpaymentTolerance,
    }
  }

  protected async verify(transactionId: string): Promise<InvoiceDetails> {
    try {
      return await this.client_.verifyInvoice(transactionId)
    } catch (e) {
      throw toMedusaError(e)
    }
  }

  /** Re-reads the invoice from 3PAY and rebuilds the session data from it. */
  protected async refresh(
    s: StoredSession,
    known?: InvoiceDetails | null
  ): Promise<{ status: PaymentSessionStatus; data: Record<string, unknown> }> {
    const details = known ?? (await this.verify(s.transaction_id))
    const assessment = assessInvoice(details, this.expected(s))
    const flow = s.flow ?? this.options_.flow
    const data = buildSessionData({
      network: s.network,
      environment: s.environment ?? this.options_.environment,
      amountUsdt: s.amount_usdt,
      currencyCode: s.currency_code ?? "usd",
      exchangeRate: s.exchange_rate ?? "1",
      flow,
      tolerance: s.underpayment_tolerance ?? this.options_.underpaymentTolerance,
      cartId: s.cart_id ?? null,
      invoice: {
        transactionId: s.transaction_id,
        invoiceNo: details.invoiceNo ?? s.invoice_no ?? null,
        paymentUrl: details.paymentUrl ?? s.payment_url ?? null,
        walletAddress: details.walletAddress ?? s.wallet_address ?? null,
        expiresAt: details.expiresAt ?? s.expires_at ?? null,
      },
      details,
      assessment,
    })
    return { status: sessionStatusFor(assessment.state, flow), data: { ...data } }
  }

  protected async cancelQuietly(transactionId: string): Promise<void> {
    try {
      await this.client_.cancelInvoice(transactionId)
    } catch (e) {
      // "Already final" (paid, expired, cancelled) is what we wanted anyway.
      if (e instanceof ThreePayValidationError) return
      throw toMedusaError(e)
    }
  }
}

export default ThreePayProviderService
