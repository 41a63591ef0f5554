/**
 * Keeps one cart or one visitor from spending 3PAY's store-wide budget of 20
 * invoices per 15 minutes: each may create only a few fresh invoices in that
 * window (reused invoices do not count). Counted in the ledger, so every
 * server instance sees the same numbers.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { tooMany } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { CheckoutPlan } from "./load-checkout"

export const QUOTA_WINDOW_MS = 15 * 60_000

export const checkInvoiceQuotaStep = createStep(
  "threepay-check-invoice-quota",
  async (input: { plan: CheckoutPlan; requester_hash: string | null }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const o = threepay.getOptions()
    const since = new Date(Date.now() - QUOTA_WINDOW_MS)
    const check = async (filters: Record<string, unknown>, limit: number, who: string) => {
      const recent = await threepay.listThreePayInvoices(
        { ...filters, created_at: { $gte: since } },
        { take: limit, order: { created_at: "ASC" }, select: ["id", "created_at"] }
      )
      if (recent.length < limit) return
      const oldest = new Date(recent[0].created_at as unknown as string).getTime()
      const retryAfter = Math.max(1, Math.ceil((oldest + QUOTA_WINDOW_MS - Date.now()) / 1000))
      throw tooMany("threepay_too_many_invoices", `Too many new USDT invoices for ${who}; use the invoice already shown.`, retryAfter)
    }
    if (input.plan.cart_id) await check({ cart_id: input.plan.cart_id }, o.maxInvoicesPerCart, "this cart")
    if (input.requester_hash) await check({ requester_hash: input.requester_hash }, o.maxInvoicesPerVisitor, "this visitor")
    return new StepResponse(true)
  }
)
