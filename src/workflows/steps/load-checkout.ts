/**
 * Reads everything a 3PAY checkout decision needs and decides what invoice
 * the cart needs now: the payment collection's amount in USDT, the cart and
 * its order, the store's settings, the network the shopper asked for (the one
 * network check, settings-rules.ts `pickNetwork`), and what the cart's
 * earlier invoices already received. Refuses, with a stable code, whatever
 * would make a shopper pay twice or pay for a cart that cannot become an
 * order. Pure reads: nothing to compensate.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Network } from "medusa-payment-3pay-client"
import { isInvoiceProvider } from "medusa-payment-3pay-client/store-api"
import { quoteUsdt } from "../../lib/amounts"
import { ThreePayError } from "../../lib/errors"
import type { Flow } from "../../lib/options"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { cartCoverage, toleranceFor, type Coverage } from "../../modules/threepay/invoice-state"
import { moneyOf, type LedgerInvoice } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"
import { pickNetwork } from "../../modules/threepay/settings-rules"

export type CheckoutMode = "select" | "renew"

export type CheckoutInput = {
  payment_collection_id: string
  network?: unknown
  mode: CheckoutMode
}

export type CheckoutPlan = {
  payment_collection_id: string
  cart_id: string | null
  order_id: string | null
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  /** The collection's amount in its currency, exact. */
  amount: string
  currency_code: string
  exchange_rate: string
  network: Network
  flow: Flow
  timer_minutes: number
  /** USDT the cart costs, and what its invoices already cover. */
  coverage: Coverage
  /** USDT the invoice to show must ask for: the total, or the remainder after a partial payment. */
  amount_usdt: string
  kind: "checkout" | "top_up"
  /** Invoices of this cart for other amounts, still open at 3PAY: they can no longer be right. */
  stale_transaction_ids: string[]
}

/** The payment collection and cart facts both checkout paths read (invoice and wallet). */
export type PcRow = {
  id: string
  amount: unknown
  raw_amount?: { value?: unknown } | null
  currency_code: string
  cart?: {
    id: string
    email?: string | null
    customer_id?: string | null
    completed_at?: string | null
    billing_address?: { first_name?: string | null; last_name?: string | null; phone?: string | null } | null
    region?: { payment_providers?: Array<{ id: string }> | null } | null
    items?: Array<{ requires_shipping?: boolean | null } | null> | null
    shipping_methods?: Array<{ id: string } | null> | null
  } | null
}

const conflict = (code: "threepay_invoice_paid" | "threepay_payment_in_progress" | "threepay_payment_needs_review" | "threepay_cart_completed" | "threepay_invoice_not_expired", message: string) =>
  new ThreePayError(code, message)

/** The refusals that keep a shopper from paying twice, given what the cart's invoices hold. */
function refuseDoublePayment(invoices: LedgerInvoice[], coverage: Coverage, orderId: string | null, flow: Flow) {
  if (coverage.covered || invoices.some((i) => !!i.applied_at)) {
    throw conflict("threepay_invoice_paid", "This cart is already paid: your order is being created.")
  }
  if (coverage.in_flight) {
    throw conflict("threepay_payment_in_progress", "Your payment was detected and is being confirmed. Please wait: do not pay again.")
  }
  if (coverage.covered_unconfirmed) {
    throw conflict(
      "threepay_payment_needs_review",
      "The full amount arrived but 3PAY has not confirmed it. The store will check it: please do not pay again."
    )
  }
  if (invoices.some((i) => i.wrong_network)) {
    throw conflict("threepay_payment_needs_review", "A payment for this cart was reported on another network. Please contact the store before paying again.")
  }
  if (orderId && flow === "pay_first") throw conflict("threepay_cart_completed", "This cart is already an order.")
}

export const PAYMENT_COLLECTION_FIELDS = [
  "id",
  "amount",
  "raw_amount",
  "currency_code",
  "cart.id",
  "cart.email",
  "cart.customer_id",
  "cart.completed_at",
  "cart.billing_address.first_name",
  "cart.billing_address.last_name",
  "cart.billing_address.phone",
  "cart.region.payment_providers.id",
  "cart.items.requires_shipping",
  "cart.shipping_methods.id",
]

/** A cart that cannot become an order is not paid for (an invoice would spend 3PAY's budget for nothing). */
export function refuseIncompleteCart(cart: NonNullable<PcRow["cart"]>): void {
  if (!cart.email) throw new ThreePayError("threepay_cart_incomplete", "Add an email address to the cart before paying.")
  const needsShipping = (cart.items ?? []).some((i) => i?.requires_shipping)
  if (needsShipping && !(cart.shipping_methods ?? []).some(Boolean)) {
    throw new ThreePayError("threepay_cart_incomplete", "Choose a shipping method before paying.")
  }
}

/** Reads and decides (see the top of this file); throws the refusal that fits. */
export async function planCheckout(container: MedusaContainer, input: CheckoutInput): Promise<CheckoutPlan> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const settings = await threepay.getEffectiveSettings()
  // The network asked for is checked first: an unknown or switched-off one is refused whatever the cart.
  const asked = input.network === undefined || input.network === null || input.network === "" ? null : pickNetwork(settings, input.network)

  const { data } = await query.graph({ entity: "payment_collection", fields: PAYMENT_COLLECTION_FIELDS, filters: { id: input.payment_collection_id } })
  const pc = data[0] as PcRow | undefined
  if (!pc) throw new ThreePayError("threepay_session_not_found", `Payment collection ${input.payment_collection_id} was not found.`)
  const cart = pc.cart ?? null

  let orderId: string | null = null
  if (cart) {
    const { data: links } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
    orderId = (links[0] as { order_id?: string } | undefined)?.order_id ?? null
    // Checked before an invoice is spent on it (Medusa checks it again later).
    const providers = cart.region?.payment_providers?.map((p) => p.id)
    if (providers && !providers.some(isInvoiceProvider)) {
      throw new ThreePayError("threepay_not_in_region", "USDT payments are not enabled for this cart's region.")
    }
    if (!orderId) refuseIncompleteCart(cart)
  }

  const rawAmount = pc.raw_amount?.value ?? pc.amount
  const quote = quoteUsdt(String(rawAmount), pc.currency_code, threepay.getOptions().exchangeRates)
  const tolerance = toleranceFor(quote.usdt, settings.underpaymentToleranceBps, settings.underpaymentTolerance)
  const invoices = cart ? await threepay.listCartInvoices(cart.id) : []
  const coverage = cartCoverage(invoices.map(moneyOf), quote.usdt, tolerance)
  // The flow the cart started with (the admin may have switched it since).
  const flow = invoices.at(-1)?.flow ?? settings.flow
  refuseDoublePayment(invoices, coverage, orderId, flow)
  if (cart?.completed_at && !orderId) {
    throw conflict("threepay_cart_completed", "This cart is already completed.")
  }

  // After a partial payment, the rest is asked for on the network that received the money.
  const paying = [...invoices].reverse().find((i) => moneyOf(i).received !== "0" && !i.wrong_network)
  const partial = !!paying && coverage.received !== "0"
  let network: Network
  if (partial) {
    network = paying!.network
    if (asked && asked !== network) {
      throw new ThreePayError(
        "threepay_network_invalid",
        `${coverage.received} USDT of this cart already arrived on ${network}: pay the remaining ${coverage.missing} USDT on ${network} too.`
      )
    }
  } else {
    const latest = invoices.at(-1)
    network = pickNetwork(settings, input.network, input.mode === "renew" ? latest?.network : undefined)
  }

  if (input.mode === "renew" && !partial) {
    const latest = invoices.at(-1)
    const stillOpen =
      latest &&
      latest.network === network &&
      latest.state === "awaiting_payment" &&
      !latest.superseded_at &&
      latest.expires_at &&
      new Date(latest.expires_at).getTime() > Date.now()
    if (stillOpen) {
      throw conflict(
        "threepay_invoice_not_expired",
        `This invoice can still be paid until ${new Date(latest!.expires_at!).toISOString()}. Pay it, or choose another network.`
      )
    }
  }

  const amountUsdt = partial ? coverage.missing : quote.usdt
  const plan: CheckoutPlan = {
    payment_collection_id: pc.id,
    cart_id: cart?.id ?? null,
    order_id: orderId,
    email: cart?.email ?? null,
    first_name: cart?.billing_address?.first_name ?? null,
    last_name: cart?.billing_address?.last_name ?? null,
    phone: cart?.billing_address?.phone ?? null,
    amount: String(rawAmount),
    currency_code: quote.currencyCode,
    exchange_rate: quote.rate,
    network,
    flow,
    timer_minutes: settings.invoiceTimerMinutes,
    coverage,
    amount_usdt: amountUsdt,
    kind: partial ? "top_up" : "checkout",
    stale_transaction_ids: invoices
      .filter((i) => i.status === "initiated" && !i.superseded_at && i.amount_usdt !== amountUsdt && moneyOf(i).received === "0")
      .map((i) => i.transaction_id),
  }
  return plan
}

export const loadCheckoutStep = createStep("threepay-load-checkout", async (input: CheckoutInput, { container }) => {
  return new StepResponse(await planCheckout(container, input))
})
