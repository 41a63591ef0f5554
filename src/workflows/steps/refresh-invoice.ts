/**
 * Re-reads an invoice from 3PAY (or takes the copy reconciliation just got
 * from 3PAY's list) and merges it into the ledger, forward-only. An invoice
 * the ledger does not know yet, but a live payment session holds (a session
 * the provider made itself), is adopted into the ledger first.
 */
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import type { Assessment } from "../../lib/payment-state"
import { storedSessionSchema } from "../../lib/session-data"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { applyInvoiceSnapshot, type LedgerInvoice, type LedgerSource } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"

export type RefreshInput = {
  transaction_id: string
  source: LedgerSource
  /** A copy fetched from 3PAY's API moments ago (reconciliation's list page). */
  snapshot?: InvoiceDetails | null
  note?: string
}

export type RefreshedInvoice =
  | { known: false; transaction_id: string; details: InvoiceDetails | null }
  | {
      known: true
      source: LedgerSource
      transaction_id: string
      details: InvoiceDetails
      invoice: LedgerInvoice
      assessment: Assessment
      changed: boolean
    }

/**
 * A live payment session holding the invoice (one the provider created on
 * its own, without our checkout middleware): record it in the ledger.
 */
async function adoptFromSession(
  container: MedusaContainer,
  threepay: ThreePayModuleService,
  transactionId: string
): Promise<boolean> {
  const payment = container.resolve(Modules.PAYMENT)
  const sessions = await payment.listPaymentSessions(
    { data: { transaction_id: transactionId } } as never,
    { take: 2 }
  )
  const session = sessions.find((s) => s.data?.transaction_id === transactionId)
  const stored = session ? storedSessionSchema.safeParse(session.data) : null
  if (!session || !stored?.success) return false
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: ["id", "cart.id", "cart.email"],
    filters: { id: session.payment_collection_id },
  })
  const pc = data[0] as { id: string; cart?: { id: string; email?: string | null } | null } | undefined
  await threepay.createThreePayInvoices({
    transaction_id: transactionId,
    invoice_no: stored.data.invoice_no ?? null,
    environment: stored.data.environment ?? threepay.getOptions().environment,
    network: stored.data.network,
    flow: stored.data.flow ?? threepay.getOptions().flow,
    status: "initiated",
    raw_status: "initiated",
    state: "awaiting_payment",
    amount_usdt: stored.data.amount_usdt,
    amount_received: "0",
    tolerance: stored.data.underpayment_tolerance ?? threepay.getOptions().underpaymentTolerance,
    currency_code: stored.data.currency_code ?? session.currency_code,
    amount_fiat: String(session.amount),
    exchange_rate: stored.data.exchange_rate ?? "1",
    payment_url: stored.data.payment_url ?? null,
    wallet_address: stored.data.wallet_address ?? null,
    customer_email: pc?.cart?.email ?? null,
    cart_id: pc?.cart?.id ?? null,
    payment_collection_id: session.payment_collection_id,
    payment_session_id: session.id,
    expires_at: stored.data.expires_at ? new Date(stored.data.expires_at) : null,
    history: {
      entries: [
        {
          at: new Date().toISOString(),
          source: "provider",
          status: "initiated",
          raw_status: "initiated",
          state: "awaiting_payment",
          note: "adopted from a payment session the provider created",
        },
      ],
    },
  })
  return true
}

export const refreshInvoiceStep = createStep(
  "threepay-refresh-invoice",
  async (input: RefreshInput, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    // Someone else's invoice (or a forged id): not worth a call to 3PAY.
    const known =
      !!(await threepay.retrieveInvoiceByTransaction(input.transaction_id)) ||
      (await adoptFromSession(container, threepay, input.transaction_id))
    if (!known) {
      return new StepResponse<RefreshedInvoice>({ known: false, transaction_id: input.transaction_id, details: null })
    }
    const details = input.snapshot ?? (await threepay.getClient().verifyInvoice(input.transaction_id))
    const applied = await applyInvoiceSnapshot(threepay, input.transaction_id, details, input.source, input.note)
    if (!applied) {
      return new StepResponse<RefreshedInvoice>({ known: false, transaction_id: input.transaction_id, details })
    }
    const { changed, assessment, previous_state: _prev, ...invoice } = applied
    return new StepResponse<RefreshedInvoice>({
      known: true,
      source: input.source,
      transaction_id: input.transaction_id,
      details,
      invoice: invoice as LedgerInvoice,
      assessment,
      changed,
    })
  }
)
