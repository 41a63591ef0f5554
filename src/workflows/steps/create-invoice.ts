/**
 * The one place the plugin asks 3PAY to create an invoice. Every invoice of
 * every cart (first invoice, renewal, top-up) comes from here, inside the
 * checkout workflow, after the reuse rule and the quotas. 3PAY gets an opaque
 * reference (recorded in the ledger), never the cart id, which is the cart's
 * access credential. If a later step fails, the compensation cancels the
 * invoice at 3PAY, so a failed checkout leaves no live invoice behind.
 */
import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isInvoiceAlreadyFinalError, type CreatedInvoice } from "medusa-payment-3pay-client"
import { spend } from "../../lib/budget"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { CheckoutPlan } from "./load-checkout"

export function callbackUrlFor(returnUrl: string | undefined, cartId: string | null): string | undefined {
  if (!returnUrl) return undefined
  return returnUrl.replace(/\{cart_id\}/g, encodeURIComponent(cartId ?? ""))
}

export type CreatedCheckoutInvoice = CreatedInvoice & { reference: string }

export const createInvoiceStep = createStep(
  "threepay-create-invoice",
  async (plan: CheckoutPlan, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const o = threepay.getOptions()
    const reference = generateEntityId(undefined, "tpref")
    const created = await threepay.getClient().createInvoice({
      network: plan.network,
      amount: plan.amount_usdt,
      timerMinutes: plan.timer_minutes,
      webhookUrl: o.backendUrl ? `${o.backendUrl}/hooks/3pay` : undefined,
      callbackUrl: callbackUrlFor(o.returnUrl, plan.cart_id),
      email: plan.email ?? undefined,
      firstName: plan.first_name ?? undefined,
      lastName: plan.last_name ?? undefined,
      phoneNumber: plan.phone ?? undefined,
      referenceId: reference,
      description: plan.kind === "top_up" ? `Order payment ${reference} (remainder)` : `Order payment ${reference}`,
    }, { purpose: "checkout" })
    const out: CreatedCheckoutInvoice = { ...created, reference }
    return new StepResponse(out, created.transactionId)
  },
  async (transactionId, { container }) => {
    if (!transactionId) return
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    try {
      await threepay.getClient().cancelInvoice(transactionId, spend("checkout"))
    } catch (e) {
      if (!isInvoiceAlreadyFinalError(e)) throw e
    }
  }
)
