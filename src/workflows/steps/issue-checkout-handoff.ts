/**
 * Signs the invoice for the payment provider (see lib/checkout-handoff.ts).
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { signHandoff } from "../../lib/checkout-handoff"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { CheckoutContext } from "./load-checkout-context"
import type { ReusableInvoice } from "./find-reusable-invoice"

export type PreparedCheckout = {
  network: CheckoutContext["network"]
  token: string
  transaction_id: string
  reused: boolean
}

export const issueCheckoutHandoffStep = createStep(
  "threepay-issue-checkout-handoff",
  async (input: { ctx: CheckoutContext; invoice: ReusableInvoice; reused: boolean }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const { ctx, invoice } = input
    const token = signHandoff(
      {
        v: 1,
        iat: Date.now(),
        cart_id: ctx.cart_id,
        payment_collection_id: ctx.payment_collection_id,
        network: ctx.network,
        amount_usdt: ctx.amount_usdt,
        currency_code: ctx.currency_code,
        exchange_rate: ctx.exchange_rate,
        flow: ctx.flow,
        tolerance: ctx.tolerance,
        invoice: { ...invoice, reused: input.reused },
      },
      threepay.getOptions().apiKey
    )
    const out: PreparedCheckout = {
      network: ctx.network,
      token,
      transaction_id: invoice.transaction_id,
      reused: input.reused,
    }
    return new StepResponse(out)
  }
)
