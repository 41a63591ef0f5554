/**
 * Reads what paying a cart from its customer's balance needs, and refuses
 * with a stable code what must not happen: a guest or another customer's
 * cart, a region without the wallet provider, a cart that cannot become an
 * order, a cart whose invoice already holds money (never pay twice), a
 * network the store does not accept. Pure reads.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Network } from "medusa-payment-3pay-client"
import { isWalletProvider } from "medusa-payment-3pay-client/store-api"
import { quoteUsdt } from "../../lib/amounts"
import { ThreePayError } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { countable } from "../../modules/threepay/invoice-state"
import { moneyOf } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"
import { pickNetwork } from "../../modules/threepay/settings-rules"
import { PAYMENT_COLLECTION_FIELDS, refuseIncompleteCart, type PcRow } from "./load-checkout"
import { requireWallets } from "./load-wallet-customer"

export type WalletCheckoutPlan = {
  payment_collection_id: string
  cart_id: string
  customer_id: string
  network: Network
  amount_usdt: string
  amount: string
  currency_code: string
  exchange_rate: string
}

export async function planWalletCheckout(
  container: MedusaContainer,
  input: { payment_collection_id: string; network?: unknown; customer_id?: string | null }
): Promise<WalletCheckoutPlan> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  requireWallets(threepay)
  if (!input.customer_id) throw new ThreePayError("threepay_login_required", "Log in to pay from your USDT balance.")
  const settings = await threepay.getEffectiveSettings()
  const network = pickNetwork(settings, input.network)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "payment_collection", fields: PAYMENT_COLLECTION_FIELDS, filters: { id: input.payment_collection_id } })
  const pc = data[0] as PcRow | undefined
  const cart = pc?.cart
  // Another customer's cart is "not found", as a cart id one does not hold.
  if (!pc || !cart || cart.customer_id !== input.customer_id) {
    throw new ThreePayError("threepay_cart_not_found", "This cart was not found in your account.")
  }
  if (!(cart.region?.payment_providers ?? []).some((p) => isWalletProvider(p.id))) {
    throw new ThreePayError("threepay_not_in_region", "Paying from a USDT balance is not enabled for this cart's region.")
  }
  const { data: links } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cart.id } })
  if (links.length || cart.completed_at) throw new ThreePayError("threepay_cart_completed", "This cart is already an order.")
  refuseIncompleteCart(cart)
  const invoices = await threepay.listCartInvoices(cart.id)
  if (invoices.some((i) => !!i.applied_at || countable(moneyOf(i)) > 0n || i.status === "amount_confirmed")) {
    throw new ThreePayError("threepay_payment_in_progress", "A USDT invoice of this cart already received money: finish paying it there.")
  }
  const raw = String(pc.raw_amount?.value ?? pc.amount)
  const quote = quoteUsdt(raw, pc.currency_code, threepay.getOptions().exchangeRates)
  return {
    payment_collection_id: pc.id,
    cart_id: cart.id,
    customer_id: input.customer_id,
    network,
    amount_usdt: quote.usdt,
    amount: raw,
    currency_code: quote.currencyCode,
    exchange_rate: quote.rate,
  }
}

export const loadWalletCheckoutStep = createStep(
  "threepay-load-wallet-checkout",
  async (input: { payment_collection_id: string; network?: unknown; customer_id?: string | null }, { container }) => {
    return new StepResponse(await planWalletCheckout(container, input))
  }
)
