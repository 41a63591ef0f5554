/**
 * Creates the invoice at 3PAY. If a later step fails, the compensation
 * cancels it at 3PAY, so a failed checkout leaves no live invoice behind.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ThreePayValidationError } from "medusa-payment-3pay-client"
import type { CreatedInvoice } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { CheckoutContext } from "./load-checkout-context"

export function callbackUrlFor(returnUrl: string | undefined, cartId: string | null): string | undefined {
  if (!returnUrl) return undefined
  return returnUrl.replace(/\{cart_id\}/g, encodeURIComponent(cartId ?? ""))
}

export const createRemoteInvoiceStep = createStep(
  "threepay-create-remote-invoice",
  async (ctx: CheckoutContext, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const o = threepay.getOptions()
    const created: CreatedInvoice = await threepay.getClient().createInvoice({
      network: ctx.network,
      amount: ctx.amount_usdt,
      timerMinutes: ctx.timer_minutes,
      webhookUrl: o.backendUrl ? `${o.backendUrl}/hooks/3pay` : undefined,
      callbackUrl: callbackUrlFor(o.returnUrl, ctx.cart_id),
      email: ctx.email ?? undefined,
      firstName: ctx.first_name ?? undefined,
      lastName: ctx.last_name ?? undefined,
      phoneNumber: ctx.phone ?? undefined,
      referenceId: ctx.cart_id ?? ctx.payment_collection_id,
      description: ctx.cart_id ? `Medusa cart ${ctx.cart_id}` : "Medusa payment",
    })
    return new StepResponse(created, created.transactionId)
  },
  async (transactionId, { container }) => {
    if (!transactionId) return
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    try {
      await threepay.getClient().cancelInvoice(transactionId)
    } catch (e) {
      if (!(e instanceof ThreePayValidationError)) throw e
    }
  }
)
