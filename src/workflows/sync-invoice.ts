/**
 * The one path from "3PAY says something about an invoice" to Medusa state,
 * used by the webhook pipeline, the reconciliation job, the storefront's "I
 * have paid" and the admin's "Re-check". Serialised per invoice with Medusa's
 * locking module; the cart itself is locked by Medusa's own workflows, so a
 * webhook, a repeat, the storefront's complete and the job may all arrive
 * together and still make one order and one capture.
 */
import { acquireLockStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { applyInvoiceToMedusaStep } from "./steps/apply-invoice-to-medusa"
import { refreshInvoiceStep, type RefreshInput } from "./steps/refresh-invoice"

export const syncInvoiceWorkflowId = "threepay-sync-invoice"

export const syncInvoiceWorkflow = createWorkflow(syncInvoiceWorkflowId, (input: RefreshInput) => {
  const key = transform({ input }, ({ input }) => `threepay:invoice:${input.transaction_id}`)
  acquireLockStep({ key, timeout: 45, ttl: 120 })
  const refreshed = refreshInvoiceStep(input)
  const applied = applyInvoiceToMedusaStep(refreshed)
  releaseLockStep({ key })
  const result = transform({ refreshed, applied }, ({ refreshed, applied }) => ({
    transaction_id: refreshed.transaction_id,
    known: refreshed.known,
    state: refreshed.known ? refreshed.assessment.state : null,
    changed: refreshed.known ? refreshed.changed : false,
    ...applied,
  }))
  return new WorkflowResponse(result)
})
