/**
 * Puts the invoice a new payment session must show in this process's memory
 * (lib/handoff.ts) and returns the session `data` that carries its one-time
 * reference: all the provider will read.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { HANDOFF_FIELD, issueHandoff, type CheckoutHandoff } from "../../lib/handoff"
import type { ShownInvoice } from "./find-reusable-invoice"
import type { CheckoutPlan } from "./load-checkout"

export const issueCheckoutHandoffStep = createStep(
  "threepay-issue-checkout-handoff",
  async (handoff: Omit<CheckoutHandoff, "kind">) => {
    const ref = issueHandoff({ kind: "checkout", ...handoff })
    return new StepResponse({ network: handoff.network, [HANDOFF_FIELD]: ref })
  }
)

/** The hand-over for the checkout workflow's plan and the invoice it chose. */
export function checkoutHandoffOf(plan: CheckoutPlan, invoice: ShownInvoice): Omit<CheckoutHandoff, "kind"> {
  return {
    payment_collection_id: plan.payment_collection_id,
    cart_id: plan.cart_id,
    network: plan.network,
    amount_due_usdt: plan.coverage.due,
    amount: plan.amount,
    currency_code: plan.currency_code,
    exchange_rate: plan.exchange_rate,
    flow: plan.flow,
    tolerance: plan.coverage.tolerance,
    invoice,
  }
}
