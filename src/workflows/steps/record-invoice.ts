/**
 * Writes a freshly created invoice into the ledger, bound to its cart and
 * payment collection: from here on webhooks, reconciliation and the admin
 * can find it even if Medusa deletes the session that first showed it.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { CreatedInvoice } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { CheckoutContext } from "./load-checkout-context"

export const recordInvoiceStep = createStep(
  "threepay-record-invoice",
  async (input: { ctx: CheckoutContext; created: CreatedInvoice; requester_hash?: string | null }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const { ctx, created } = input
    const now = new Date()
    const row = await threepay.createThreePayInvoices({
      transaction_id: created.transactionId,
      invoice_no: created.invoiceNo,
      environment: threepay.getOptions().environment,
      network: ctx.network,
      flow: ctx.flow,
      status: "initiated",
      raw_status: "initiated",
      state: "awaiting_payment",
      amount_usdt: ctx.amount_usdt,
      amount_received: "0",
      amount_missing: ctx.amount_usdt,
      amount_excess: "0",
      tolerance: ctx.tolerance,
      currency_code: ctx.currency_code,
      amount_fiat: ctx.amount,
      exchange_rate: ctx.exchange_rate,
      payment_url: created.paymentUrl,
      wallet_address: created.walletAddress,
      customer_email: ctx.email,
      requester_hash: input.requester_hash ?? null,
      cart_id: ctx.cart_id,
      payment_collection_id: ctx.payment_collection_id,
      expires_at: created.expiresAt ? new Date(created.expiresAt) : null,
      history: {
        entries: [
          {
            at: now.toISOString(),
            source: "checkout",
            status: "initiated",
            raw_status: "initiated",
            state: "awaiting_payment",
            note: created.recovered ? "created (recovered after an ambiguous create call)" : "created",
          },
        ],
      },
    })
    return new StepResponse(row, row.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).softDeleteThreePayInvoices([id])
  }
)
