/**
 * Cancels at 3PAY the open invoices of a cart that can no longer be right
 * (the cart total changed, or the cart was paid by another invoice), so
 * nobody pays them by mistake. Invoices for the same amount on the other
 * network stay open: the shopper may switch back. Best effort, never
 * throws: an invoice 3PAY already closed is left to reconciliation; other
 * failures are logged and retried by the next checkout or settlement.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { isInvoiceAlreadyFinalError } from "medusa-payment-3pay-client"
import { spend } from "../../lib/budget"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export const supersedeInvoicesStep = createStep(
  "threepay-supersede-invoices",
  async (input: { transaction_ids: string[]; reason: "amount_changed" | "cart_completed" }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const done: string[] = []
    for (const tx of input.transaction_ids) {
      try {
        await threepay.getClient().cancelInvoice(tx, spend("checkout"))
      } catch (e) {
        if (!isInvoiceAlreadyFinalError(e)) logger.warn(`[3pay] could not cancel stale invoice ${tx}: ${(e as Error).message}`)
        continue
      }
      try {
        await threepay.noteOnInvoice(
          tx,
          { source: "checkout", note: `cancelled at 3PAY: ${input.reason === "amount_changed" ? "the cart total changed" : "the cart was paid by another invoice"}` },
          { superseded_at: new Date(), superseded_reason: input.reason }
        )
        done.push(tx)
      } catch (e) {
        // Never fail the caller (it may run after a payment was captured); reconciliation records the cancel.
        logger.warn(`[3pay] cancelled stale invoice ${tx} but could not record it: ${(e as Error).message}`)
      }
    }
    return new StepResponse(done)
  }
)
