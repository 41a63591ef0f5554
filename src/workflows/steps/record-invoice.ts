/**
 * Writes a freshly created invoice into the ledger, bound to its cart and
 * payment collection: from here on webhooks, reconciliation and the admin
 * can find it even if Medusa deletes the session that first showed it.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { CreatedCheckoutInvoice } from "./create-invoice"
import type { CheckoutPlan } from "./load-checkout"

export const recordInvoiceStep = createStep(
  "threepay-record-invoice",
  async (input: { plan: CheckoutPlan; created: CreatedCheckoutInvoice; requester_hash: string | null }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const { plan, created } = input
    const row = await threepay.recordInvoice({
      transaction_id: created.transactionId,
      invoice_no: created.invoiceNo,
      reference: created.reference,
      kind: plan.kind,
      network: plan.network,
      flow: plan.flow,
      amount_usdt: plan.amount_usdt,
      tolerance: plan.coverage.tolerance,
      currency_code: plan.currency_code,
      amount_fiat: plan.amount,
      exchange_rate: plan.exchange_rate,
      payment_url: created.paymentUrl,
      wallet_address: created.walletAddress,
      customer_email: plan.email,
      requester_hash: input.requester_hash,
      cart_id: plan.cart_id,
      payment_collection_id: plan.payment_collection_id,
      expires_at: created.expiresAt,
      note:
        (plan.kind === "top_up"
          ? `created for the remaining ${plan.amount_usdt} USDT (${plan.coverage.received} of ${plan.coverage.due} arrived)`
          : "created") + (created.recovered ? " (recovered after an ambiguous create call)" : ""),
    })
    return new StepResponse(row, row.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).softDeleteThreePayInvoices([id])
  }
)
