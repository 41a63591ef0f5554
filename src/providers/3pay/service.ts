/**
 * The 3PAY payment provider: Medusa's checkout lifecycle on 3PAY invoices.
 *
 * It never creates an invoice. The plugin's checkout workflow
 * (workflows/open-checkout-session.ts) creates or reuses the invoice, records
 * it in the ledger, and opens the session through Medusa's own
 * createPaymentSessionsWorkflow with a one-time handoff (lib/handoff.ts):
 * without one, `initiatePayment` refuses. Settlement is the sync workflow's
 * (workflows/sync-invoice.ts); the provider answers "captured" for a session
 * the sync workflow just settled, or when its own re-read of the invoice at
 * 3PAY shows it paid in full. Nothing in session data or a webhook body is
 * trusted on its own.
 */
import { AbstractPaymentProvider, PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import type {
  AuthorizePaymentInput,
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
import { explorerTxUrl, fromMicro, isInvoiceAlreadyFinalError, toMicro, type ThreePayClient } from "medusa-payment-3pay-client"
import { quoteUsdt } from "../../lib/amounts"
import { spend } from "../../lib/budget"
import { ThreePayError, toThreePayError } from "../../lib/errors"
import { HANDOFF_FIELD, peekSettlement, takeHandoff, takeRefundHandoff } from "../../lib/handoff"
import type { SqlClient } from "../../lib/budget-store"
import { createThreePayClient } from "../../lib/make-client"
import { parseOptions, type ThreePayOptions } from "../../lib/options"
import { sessionStatusFor } from "../../lib/payment-state"
import { buildSessionData, storedSessionSchema, type StoredSession } from "../../lib/session-data"
import { invoiceState, mergeSnapshot } from "../../modules/threepay/invoice-state"
import { sessionCollectionId } from "./session-lookup"
import { captureWalletPayment, initiateWalletPayment, WALLET_REFUND_MESSAGE, walletStatus } from "./wallet-mode"

type Cradle = Record<string, unknown> & { logger?: Logger; __pg_connection__?: SqlClient }

let warnedNoWebhookSecret = false

class ThreePayProviderService extends AbstractPaymentProvider<ThreePayOptions> {
  static override identifier = "3pay"

  protected readonly options_: ThreePayOptions
  protected readonly client_: ThreePayClient
  protected readonly logger_: Logger | Console
  protected readonly cradle_: Cradle

  /** Throws (and so stops Medusa's boot) on a bad option, naming it. */
  static override validateOptions(options: Record<string, unknown>): void {
    let parsed: ThreePayOptions
    try {
      parsed = parseOptions(options)
    } catch (e) {
      throw new ThreePayError("threepay_misconfigured", (e as Error).message)
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
    this.cradle_ = cradle
    this.logger_ = cradle.logger ?? console
    // The payment module's database is the plugin's: the provider's calls count in the shared budget.
    let db: SqlClient | null = null
    try {
      db = cradle.__pg_connection__ ?? null
    } catch {
      db = null
    }
    this.client_ = createThreePayClient(parsed, this.logger_ as Logger, db)
  }

  // ---------------------------------------------------------------- sessions

  /** The entry registered with `mode: "wallet"` pays from customers' balances (wallet-mode.ts). */
  protected get walletMode(): boolean {
    return this.options_.mode === "wallet"
  }

  /** Opens a session on the invoice the checkout workflow handed over; refuses anything else. */
  async initiatePayment(input: InitiatePaymentInput): Promise<InitiatePaymentOutput> {
    if (this.walletMode) return initiateWalletPayment(input, this.options_, (id) => sessionCollectionId(this.cradle_, id))
    const data = (input.data ?? {}) as Record<string, unknown>
    const taken = takeHandoff(data[HANDOFF_FIELD], "checkout")
    if (!taken.ok) {
      throw taken.reason === "absent"
        ? new ThreePayError(
            "threepay_handoff_required",
            "USDT payment sessions are opened by the 3PAY plugin's checkout route: POST /store/payment-collections/:id/payment-sessions with provider_id pp_3pay_3pay and data.network."
          )
        : new ThreePayError("threepay_handoff_invalid", "This USDT payment hand-over is unknown, used or expired. Choose the network again.")
    }
    const h = taken.handoff
    // Bound to one payment collection: a hand-over for cart A opens no session of cart B.
    const sessionId = typeof data.session_id === "string" ? data.session_id : String(input.context?.idempotency_key ?? "")
    const collectionId = await sessionCollectionId(this.cradle_, sessionId)
    if (!collectionId || collectionId !== h.payment_collection_id) {
      this.logger_.warn(`[3pay] refused a checkout hand-over for collection ${h.payment_collection_id} in session ${sessionId}`)
      throw new ThreePayError("threepay_handoff_invalid", "This USDT payment hand-over belongs to another payment. Choose the network again.")
    }
    const quote = quoteUsdt(input.amount, input.currency_code, this.options_.exchangeRates)
    if (quote.usdt !== h.amount_due_usdt || quote.currencyCode !== h.currency_code) {
      // The cart changed between the workflow's quote and Medusa's session: never show a wrong amount.
      throw new ThreePayError("threepay_handoff_invalid", "The cart total changed while the USDT invoice was prepared. Choose the network again.")
    }
    const sessionData = buildSessionData({
      network: h.network,
      environment: this.options_.environment,
      amountUsdt: h.amount_due_usdt,
      currencyCode: h.currency_code,
      exchangeRate: h.exchange_rate,
      flow: h.flow,
      tolerance: h.tolerance,
      cartId: h.cart_id,
      invoice: h.invoice,
    })
    return {
      id: h.invoice.transaction_id,
      status: sessionStatusFor("awaiting_payment", h.flow),
      // `checkout: undefined` keeps the reference out of the stored data.
      data: { ...sessionData, [HANDOFF_FIELD]: undefined },
    }
  }

  /**
   * Only the plugin's sync workflow updates a session (to show the ledger's
   * view of it); it hands the new data over. Anything else is left as it is.
   */
  async updatePayment(input: UpdatePaymentInput): Promise<UpdatePaymentOutput> {
    const taken = takeHandoff((input.data ?? {})[HANDOFF_FIELD], "session_update")
    if (!taken.ok) return {}
    return { data: { ...taken.handoff.data, [HANDOFF_FIELD]: undefined } }
  }

  /** The invoice stays at 3PAY: the reuse rule may hand it to the next session of the same cart. */
  async deletePayment(input: DeletePaymentInput): Promise<DeletePaymentOutput> {
    return { data: input.data }
  }

  async authorizePayment(input: AuthorizePaymentInput): Promise<AuthorizePaymentOutput> {
    return this.walletMode ? walletStatus(input) : this.status(input)
  }

  async getPaymentStatus(input: GetPaymentStatusInput): Promise<GetPaymentStatusOutput> {
    return this.walletMode ? walletStatus(input) : this.status(input)
  }

  async retrievePayment(input: RetrievePaymentInput): Promise<RetrievePaymentOutput> {
    const { data } = this.walletMode ? walletStatus(input) : await this.status(input)
    return { data }
  }

  /** Crypto is settled on arrival: capture only confirms that it was. */
  async capturePayment(input: CapturePaymentInput): Promise<CapturePaymentOutput> {
    if (this.walletMode) return captureWalletPayment(input)
    const { status, data } = await this.status(input)
    if (status !== PaymentSessionStatus.CAPTURED) {
      throw new ThreePayError("threepay_invoice_not_paid", "This USDT invoice is not paid at 3PAY: there is nothing to capture.")
    }
    return { data }
  }

  /** Cancels the invoice while it is open; an invoice already final is fine. */
  async cancelPayment(input: CancelPaymentInput): Promise<CancelPaymentOutput> {
    const parsed = storedSessionSchema.safeParse(input.data ?? {})
    if (this.walletMode) return { data: { ...input.data, canceled_at: new Date().toISOString() } }
    if (!parsed.success) return { data: input.data }
    try {
      await this.client_.cancelInvoice(parsed.data.transaction_id, spend("checkout"))
    } catch (e) {
      if (!isInvoiceAlreadyFinalError(e)) throw toThreePayError(e)
    }
    return { data: { ...input.data, canceled_at: new Date().toISOString() } }
  }

  /**
   * USDT goes back through a 3PAY withdrawal, sent by the plugin's refund
   * workflow (workflows/refund-payment.ts) to a checked address; that
   * workflow then records the refund through Medusa's refundPaymentWorkflow,
   * which lands here: the accepted refund handed over (lib/handoff.ts) is
   * taken and nothing is sent again. Any other refund (Medusa's own refund
   * button) is refused: it carries no destination address.
   */
  async refundPayment(input: RefundPaymentInput): Promise<RefundPaymentOutput> {
    if (this.walletMode) throw new ThreePayError("threepay_refund_not_supported", WALLET_REFUND_MESSAGE)
    const parsed = storedSessionSchema.safeParse(input.data ?? {})
    if (parsed.success && takeRefundHandoff(parsed.data.transaction_id)) return { data: input.data }
    throw new ThreePayError(
      "threepay_refund_not_supported",
      "USDT refunds need the customer's USDT address: use \"Refund in USDT\" in the order's 3PAY card. " +
        "It checks the address and sends the USDT through 3PAY, then records the refund here."
    )
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * Medusa's core route (`/hooks/payment/3pay_3pay`) never settles anything
   * through the provider: the plugin's subscriber on the same event hands the
   * delivery to the intake of `/hooks/3pay` (signature, ledger, re-read, one
   * workflow). Settling here too would be a second path to the same order.
   */
  async getWebhookActionAndData(_payload: ProviderWebhookPayload["payload"]): Promise<WebhookActionResult> {
    return { action: PaymentActions.NOT_SUPPORTED }
  }

  // ---------------------------------------------------------------- helpers

  protected readStored(data: Record<string, unknown> | undefined): StoredSession {
    const parsed = storedSessionSchema.safeParse(data ?? {})
    if (!parsed.success) {
      throw new ThreePayError("threepay_session_not_found", "This payment session has no 3PAY invoice. Choose the network again.")
    }
    return parsed.data
  }

  /**
   * The session's status: "captured" when the sync workflow just settled it
   * (the cart's invoices, re-read from 3PAY, cover its total), else what a
   * fresh read of its invoice at 3PAY says, on its own.
   */
  protected async status(input: {
    data?: Record<string, unknown>
    context?: { idempotency_key?: string }
  }): Promise<{ status: PaymentSessionStatus; data: Record<string, unknown> }> {
    const stored = this.readStored(input.data)
    const flow = stored.flow ?? this.options_.flow
    const sessionId = String(input.data?.session_id ?? input.context?.idempotency_key ?? "")
    const settled = sessionId ? peekSettlement(sessionId) : null
    if (settled && settled.transaction_ids.includes(stored.transaction_id)) {
      return { status: PaymentSessionStatus.CAPTURED, data: { ...input.data, ...settled.data } }
    }
    let details
    try {
      details = await this.client_.verifyInvoice(stored.transaction_id, spend("settlement"))
    } catch (e) {
      throw toThreePayError(e)
    }
    const money = mergeSnapshot(
      {
        network: stored.network,
        status: "initiated",
        raw_status: "initiated",
        amount_usdt: stored.amount_usdt,
        received: "0",
        received_known: false,
        tx_hashes: [],
        wrong_network: false,
      },
      details
    ).next
    const state = invoiceState(money, stored.underpayment_tolerance ?? "0")
    const got = toMicro(money.received, "down")
    const due = toMicro(stored.amount_usdt, "down")
    const tx = money.tx_hashes.at(-1) ?? null
    const env = stored.environment ?? this.options_.environment
    return {
      status: sessionStatusFor(state, flow),
      data: {
        ...input.data,
        status: state,
        amount_received: money.received,
        amount_missing: fromMicro(got >= due ? 0n : due - got),
        amount_excess: fromMicro(got > due ? got - due : 0n),
        tx_hash: tx,
        tx_explorer_url: tx ? explorerTxUrl(stored.network, env, tx) : null,
        checked_at: new Date().toISOString(),
      },
    }
  }
}

export default ThreePayProviderService
