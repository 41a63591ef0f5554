/**
 * Fair use of 3PAY's invoice budget (20 creations per 15 minutes for the
 * whole store, Wallet Gen tier: invoices and customers' wallets alike): one
 * cart may create a few fresh invoices in that window, and
 * one shopper's client (its IP, or the address a storefront server vouched
 * for) at most a share of the 20, so no client can take the store's checkout
 * capacity alone. Reused invoices do not count. Both slots are taken at once
 * or not at all, atomically across carts, requests and Medusa instances
 * (lib/budget-store.ts), before anything is asked of 3PAY. A slot is given
 * back when no invoice came of it (the workflow failed after the claim: the
 * plugin's budget or 3PAY refused, 3PAY failed): a shopper told "busy, retry
 * in a minute" must not find their cart's quota spent by the refusals. The
 * shared budget still counts every call that reached 3PAY.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { FIFTEEN_MINUTES_MS } from "medusa-payment-3pay-client"
import { ThreePayError, tooMany } from "../../lib/errors"
import { tierLimitsOf, type ThreePayOptions } from "../../lib/options"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export const QUOTA_WINDOW_MS = FIFTEEN_MINUTES_MS

/** Fresh invoices one cart, and one client, may create per window. */
export function invoiceQuotas(o: Pick<ThreePayOptions, "maxInvoicesPerCart" | "clientInvoiceShare" | "rateLimits">) {
  return {
    per_cart: o.maxInvoicesPerCart,
    per_client: Math.max(1, Math.floor(tierLimitsOf(o).walletGen.limit * o.clientInvoiceShare)),
  }
}

export const checkInvoiceQuotaStep = createStep(
  "threepay-check-invoice-quota",
  async (input: { cart_id: string | null; requester_hash: string | null }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const store = threepay.budgetStore()
    if (!store) throw new ThreePayError("threepay_unexpected", "The 3PAY plugin has no database connection for its invoice quotas.")
    const q = invoiceQuotas(threepay.getOptions())
    const claims = [
      ...(input.cart_id ? [{ key: `quota:cart:${input.cart_id}`, limit: q.per_cart, windowMs: QUOTA_WINDOW_MS, who: "this cart" }] : []),
      ...(input.requester_hash ? [{ key: `quota:client:${input.requester_hash}`, limit: q.per_client, windowMs: QUOTA_WINDOW_MS, who: "this shopper" }] : []),
    ]
    if (!claims.length) return new StepResponse(true, [] as string[])
    const r = await store.claimQuota(claims, Date.now())
    if (!r.allowed) {
      const who = claims.find((c) => c.key === r.key)?.who ?? "this shopper"
      throw tooMany("threepay_too_many_invoices", input.cart_id ? `Too many new USDT invoices for ${who}; use the invoice already shown.` : `Too many new USDT addresses and invoices for ${who} right now.`, r.retryAfterMs / 1000)
    }
    return new StepResponse(true, r.tickets)
  },
  async (tickets, { container }) => {
    if (!tickets?.length) return
    const store = container.resolve<ThreePayModuleService>(THREEPAY_MODULE).budgetStore()
    for (const ticket of tickets) await store?.release("", ticket)
  }
)
