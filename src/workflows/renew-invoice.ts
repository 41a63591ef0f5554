/**
 * "Get a new invoice" / "Pay the rest" (POST /store/3pay/renew): a fresh
 * invoice for the cart when its invoice expired or was cancelled, on the same
 * network or another one; or, after a partial payment, an invoice for exactly
 * what is missing, on the network that received the money. Read top-down:
 *
 * 1. find the cart's current invoice, and refuse what the ledger already
 *    says is wrong (an unknown or disabled network, an invoice still open, a
 *    cart paid or being paid): these cost nothing and count nothing;
 * 2. count the renewal against the cart's limit, before anything reaches 3PAY;
 * 3. if our clock says the invoice expired but no expiry reached the ledger
 *    (a lost webhook), ask 3PAY first: a payment may have just arrived;
 * 4. the checkout workflow does the rest (refusals that prevent paying twice,
 *    reuse, quotas, creation, the new session).
 */
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { loadCartPayment } from "../lib/cart-payment"
import { openCheckoutSessionWorkflow } from "./open-checkout-session"
import { consumeCartLimitStep } from "./steps/consume-cart-limit"
import { planCheckout } from "./steps/load-checkout"
import { syncInvoiceWorkflow } from "./sync-invoice"

export type RenewInvoiceInput = {
  cart_id: string
  network?: string
  sales_channel_ids?: string[]
  requester_hash?: string | null
  customer_id?: string | null
}

const findRenewTargetStep = createStep("threepay-find-renew-target", async (input: RenewInvoiceInput, { container }) => {
  const p = await loadCartPayment(container, input.cart_id, { salesChannelIds: input.sales_channel_ids })
  await planCheckout(container, { payment_collection_id: p.cart.payment_collection_id!, network: input.network, mode: "renew" })
  const expiresAt = p.invoice.expires_at ? new Date(p.invoice.expires_at).getTime() : null
  return new StepResponse({
    cart_id: p.cart.id,
    payment_collection_id: p.cart.payment_collection_id!,
    transaction_id: p.invoice.transaction_id,
    stale: p.invoice.state === "awaiting_payment" && expiresAt !== null && expiresAt <= Date.now(),
  })
})

export const renewInvoiceWorkflow = createWorkflow("threepay-renew-invoice", (input: RenewInvoiceInput) => {
  const target = findRenewTargetStep(input)
  consumeCartLimitStep(transform({ target }, ({ target }) => ({ action: "renew" as const, cart_id: target.cart_id })))
  when("threepay-renew-refresh-stale", { target }, ({ target }) => target.stale).then(() => {
    syncInvoiceWorkflow.runAsStep({
      input: transform({ target }, ({ target }) => ({ transaction_id: target.transaction_id, source: "storefront" as const })),
    })
  })
  const opened = openCheckoutSessionWorkflow.runAsStep({
    input: transform({ input, target }, ({ input, target }) => ({
      payment_collection_id: target.payment_collection_id,
      network: input.network,
      mode: "renew" as const,
      customer_id: input.customer_id ?? null,
      requester_hash: input.requester_hash ?? null,
    })),
  })
  return new WorkflowResponse(opened)
})
