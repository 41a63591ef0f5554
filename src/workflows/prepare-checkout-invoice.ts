/**
 * Prepares the 3PAY invoice behind a checkout's payment session: reuse an
 * open one for the same cart, amount and network, or create and record a new
 * one; cancel the cart's invoices that can no longer be right. Serialised per
 * payment collection with Medusa's locking, so a double click makes one
 * invoice. Run by the middleware on the store's payment-session route.
 */
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkInvoiceQuotaStep } from "./steps/check-invoice-quota"
import { createRemoteInvoiceStep } from "./steps/create-remote-invoice"
import { findReusableInvoiceStep, type ReusableInvoice } from "./steps/find-reusable-invoice"
import { issueCheckoutHandoffStep } from "./steps/issue-checkout-handoff"
import { loadCheckoutContextStep } from "./steps/load-checkout-context"
import { recordInvoiceStep } from "./steps/record-invoice"
import { supersedeStaleInvoicesStep } from "./steps/supersede-stale-invoices"

export const prepareCheckoutInvoiceWorkflowId = "threepay-prepare-checkout-invoice"

export const prepareCheckoutInvoiceWorkflow = createWorkflow(
  prepareCheckoutInvoiceWorkflowId,
  (input: { payment_collection_id: string; network?: unknown; requester_hash?: string | null }) => {
    const ctx = loadCheckoutContextStep(input)
    const lockKey = transform({ input }, ({ input }) => `threepay:checkout:${input.payment_collection_id}`)
    acquireLockStep({ key: lockKey, timeout: 20, ttl: 60 })

    const reusable = findReusableInvoiceStep(ctx)
    const created = when({ reusable }, ({ reusable }) => !reusable).then(() => {
      checkInvoiceQuotaStep(transform({ ctx, input }, ({ ctx, input }) => ({ ctx, requester_hash: input.requester_hash ?? null })))
      const remote = createRemoteInvoiceStep(ctx)
      recordInvoiceStep(transform({ ctx, remote, input }, ({ ctx, remote, input }) => ({
        ctx,
        created: remote,
        requester_hash: input.requester_hash ?? null,
      })))
      return remote
    })
    supersedeStaleInvoicesStep(transform({ ctx }, ({ ctx }) => ({ cart_id: ctx.cart_id, amount_usdt: ctx.amount_usdt })))

    const chosen = transform({ reusable, created }, ({ reusable, created }): { invoice: ReusableInvoice; reused: boolean } => {
      if (reusable) return { invoice: reusable, reused: true }
      return {
        invoice: {
          transaction_id: created!.transactionId,
          invoice_no: created!.invoiceNo,
          payment_url: created!.paymentUrl,
          wallet_address: created!.walletAddress,
          expires_at: created!.expiresAt,
        },
        reused: false,
      }
    })
    const prepared = issueCheckoutHandoffStep(
      transform({ ctx, chosen }, ({ ctx, chosen }) => ({ ctx, invoice: chosen.invoice, reused: chosen.reused }))
    )
    releaseLockStep({ key: lockKey })
    return new WorkflowResponse(prepared)
  }
)
