/**
 * The network-selection path: a shopper picks 3PAY and a network (or asks for
 * a new invoice, or for the rest of a partial payment), and gets a payment
 * session showing the invoice to pay. Read top-down:
 *
 * 1. load the cart, its order, the settings and what its invoices already
 *    hold; check the network; decide the amount (the total, or the remainder
 *    after a partial payment, on the same network); refuse double payments;
 * 2. lock the payment collection (a double click makes one invoice);
 * 3. reuse the cart's open invoice for that amount and network, or check the
 *    quotas, create it at 3PAY (the only place that does) and record it;
 * 4. cancel the cart's open invoices for other amounts;
 * 5. open the session through Medusa's own createPaymentSessionsWorkflow,
 *    handing the invoice to the provider by a one-time reference;
 * 6. note the session on the invoice, tell subscribers a new invoice exists.
 *
 * Used by the store's (and admin's) payment-session route, and by
 * POST /store/3pay/renew.
 */
import { createPaymentSessionsWorkflow, emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_PROVIDER_ID } from "medusa-payment-3pay-client/store-api"
import { THREEPAY_EVENTS, invoiceEventData } from "../lib/events"
import { bindSessionStep } from "./steps/bind-session"
import { checkInvoiceQuotaStep } from "./steps/check-invoice-quota"
import { createInvoiceStep } from "./steps/create-invoice"
import { findReusableInvoiceStep, type ShownInvoice } from "./steps/find-reusable-invoice"
import { checkoutHandoffOf, issueCheckoutHandoffStep } from "./steps/issue-checkout-handoff"
import { loadCheckoutStep, type CheckoutMode } from "./steps/load-checkout"
import { recordInvoiceStep } from "./steps/record-invoice"
import { supersedeInvoicesStep } from "./steps/supersede-invoices"
import { acquireLeaseStep, releaseLeaseStep } from "./steps/lease-lock"

export const openCheckoutSessionWorkflowId = "threepay-open-checkout-session"

export type OpenCheckoutSessionInput = {
  payment_collection_id: string
  network?: unknown
  mode: CheckoutMode
  /** The logged-in customer, as Medusa's own route passes it (account holders). */
  customer_id?: string | null
  /** Key of the shopper's client for the per-client quota (null: not counted). */
  requester_hash?: string | null
}

export const openCheckoutSessionWorkflow = createWorkflow(openCheckoutSessionWorkflowId, (input: OpenCheckoutSessionInput) => {
  const plan = loadCheckoutStep(transform({ input }, ({ input }) => ({
    payment_collection_id: input.payment_collection_id,
    network: input.network,
    mode: input.mode,
  })))

  const lockKey = transform({ input }, ({ input }) => `threepay:checkout:${input.payment_collection_id}`)
  // A lease (steps/lease-lock.ts): it holds when another workflow runs this one as a step.
  const lease = acquireLeaseStep({ key: lockKey, timeout: 20 })

  const reusable = findReusableInvoiceStep(plan)
  const created = when("threepay-create-when-none-reusable", { reusable }, ({ reusable }) => !reusable).then(() => {
    checkInvoiceQuotaStep(transform({ plan, input }, ({ plan, input }) => ({ cart_id: plan.cart_id, requester_hash: input.requester_hash ?? null })))
    const remote = createInvoiceStep(plan)
    const row = recordInvoiceStep(transform({ plan, remote, input }, ({ plan, remote, input }) => ({
      plan,
      created: remote,
      requester_hash: input.requester_hash ?? null,
    })))
    emitEventStep({
      eventName: THREEPAY_EVENTS.INVOICE_CREATED,
      data: transform({ row }, ({ row }) => invoiceEventData(row)),
    })
    return remote
  })

  supersedeInvoicesStep(transform({ plan }, ({ plan }) => ({
    transaction_ids: plan.stale_transaction_ids,
    reason: "amount_changed" as const,
  })))

  const shown = transform({ reusable, created }, ({ reusable, created }): { invoice: ShownInvoice; reused: boolean } =>
    reusable
      ? { invoice: reusable, reused: true }
      : {
          invoice: {
            transaction_id: created!.transactionId,
            invoice_no: created!.invoiceNo,
            payment_url: created!.paymentUrl,
            wallet_address: created!.walletAddress,
            expires_at: created!.expiresAt,
          },
          reused: false,
        }
  )
  const sessionData = issueCheckoutHandoffStep(transform({ plan, shown }, ({ plan, shown }) => checkoutHandoffOf(plan, shown.invoice)))
  const session = createPaymentSessionsWorkflow.runAsStep({
    input: transform({ input, sessionData }, ({ input, sessionData }) => ({
      payment_collection_id: input.payment_collection_id,
      provider_id: THREEPAY_PROVIDER_ID,
      customer_id: input.customer_id ?? undefined,
      data: sessionData,
    })),
  })
  bindSessionStep(transform({ shown, session }, ({ shown, session }) => ({
    transaction_id: shown.invoice.transaction_id,
    session_id: session.id,
    reused: shown.reused,
  })))

  releaseLeaseStep(lease)
  return new WorkflowResponse(
    transform({ shown, session, plan }, ({ shown, session, plan }) => ({
      session_id: session.id,
      transaction_id: shown.invoice.transaction_id,
      reused: shown.reused,
      kind: plan.kind,
      amount_usdt: plan.amount_usdt,
      network: plan.network,
    }))
  )
})
