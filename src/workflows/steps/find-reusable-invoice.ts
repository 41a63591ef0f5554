/**
 * The reuse rule. Invoice creation shares 3PAY's budget of 20 per 15 minutes
 * with every shopper of the store, so a shopper who reloads, goes back, or
 * switches network and back keeps the unexpired, unpaid invoice already made
 * for the same cart, amount and network. 3PAY is asked first (verify), so an
 * invoice that expired or was paid meanwhile is seen as it is (and recorded).
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { spend } from "../../lib/budget"
import { ThreePayError } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { CheckoutPlan } from "./load-checkout"

/** An invoice with less time left than this is not offered again. */
export const MIN_REMAINING_MS = 3 * 60_000

export type ShownInvoice = {
  transaction_id: string
  invoice_no: string | null
  payment_url: string
  wallet_address: string | null
  expires_at: string | null
}

export const findReusableInvoiceStep = createStep(
  "threepay-find-reusable-invoice",
  async (plan: CheckoutPlan, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const candidate = await threepay.findReusableInvoice({
      cart_id: plan.cart_id,
      payment_collection_id: plan.payment_collection_id,
      network: plan.network,
      amount_usdt: plan.amount_usdt,
      min_remaining_ms: MIN_REMAINING_MS,
    })
    if (!candidate) return new StepResponse<ShownInvoice | null>(null)
    const fresh = await threepay.getClient().verifyInvoice(candidate.transaction_id, spend("checkout"))
    const applied = await threepay.applySnapshot(candidate.transaction_id, fresh, "checkout")
    if (!applied) return new StepResponse<ShownInvoice | null>(null)
    // Money arrived on it meanwhile: a new invoice now would ask the shopper to pay twice.
    if (applied.state === "paid" || applied.state === "overpaid") {
      throw new ThreePayError("threepay_invoice_paid", "This invoice was just paid: your order is being created.")
    }
    if (applied.state !== "awaiting_payment" && applied.row.amount_received !== "0") {
      throw new ThreePayError("threepay_payment_in_progress", "A payment on this invoice was just detected. Please wait: do not pay again.")
    }
    if (applied.state !== "awaiting_payment") return new StepResponse<ShownInvoice | null>(null)
    return new StepResponse<ShownInvoice | null>({
      transaction_id: candidate.transaction_id,
      invoice_no: candidate.invoice_no,
      payment_url: candidate.payment_url ?? fresh.paymentUrl ?? "",
      wallet_address: candidate.wallet_address ?? fresh.walletAddress,
      expires_at: candidate.expires_at ? new Date(candidate.expires_at).toISOString() : fresh.expiresAt,
    })
  }
)
