/**
 * The reuse rule. Invoice creation shares 3PAY's budget of 20 per 15 minutes
 * with every shopper of the store, so a shopper who reloads, goes back, or
 * switches network and back keeps the unexpired, unpaid invoice already made
 * for the same cart, amount and network. 3PAY is asked first (verify), so an
 * invoice that expired or was paid meanwhile is seen as it is.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { applyInvoiceSnapshot } from "../../modules/threepay/ledger"
import type { CheckoutContext } from "./load-checkout-context"

/** An invoice with less time left than this is not offered again. */
export const MIN_REMAINING_MS = 3 * 60_000

export type ReusableInvoice = {
  transaction_id: string
  invoice_no: string | null
  payment_url: string
  wallet_address: string | null
  expires_at: string | null
}

export const findReusableInvoiceStep = createStep(
  "threepay-find-reusable-invoice",
  async (ctx: CheckoutContext, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const candidate = await threepay.findReusableInvoice({
      cart_id: ctx.cart_id,
      payment_collection_id: ctx.payment_collection_id,
      network: ctx.network,
      amount_usdt: ctx.amount_usdt,
      min_remaining_ms: MIN_REMAINING_MS,
    })
    if (!candidate) return new StepResponse<ReusableInvoice | null>(null)

    const fresh = await threepay.getClient().verifyInvoice(candidate.transaction_id)
    const updated = await applyInvoiceSnapshot(threepay, candidate.transaction_id, fresh, "checkout")
    const usable = updated && ["awaiting_payment", "confirming", "paid", "overpaid", "underpaid"].includes(updated.state)
    if (!usable) return new StepResponse<ReusableInvoice | null>(null)
    return new StepResponse<ReusableInvoice | null>({
      transaction_id: candidate.transaction_id,
      invoice_no: candidate.invoice_no,
      payment_url: candidate.payment_url ?? fresh.paymentUrl ?? "",
      wallet_address: candidate.wallet_address ?? fresh.walletAddress,
      expires_at: candidate.expires_at ? new Date(candidate.expires_at).toISOString() : fresh.expiresAt,
    })
  }
)
