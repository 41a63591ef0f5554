/**
 * A cart's USDT payment as the store routes may see it: the cart (its id is
 * what a shopper holds, like every Medusa store route), its current 3PAY
 * payment session, the invoice that session shows, every invoice of the cart
 * (a top-up after a partial payment included) and what they cover together,
 * and the order once the cart became one. Reads only: nothing here calls
 * 3PAY, so a status poll stays cheap.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { isInvoiceProvider } from "medusa-payment-3pay-client/store-api"
import { THREEPAY_MODULE } from "../modules/threepay"
import { cartCoverage, type Coverage } from "../modules/threepay/invoice-state"
import { moneyOf, type LedgerInvoice } from "../modules/threepay/ledger"
import type ThreePayModuleService from "../modules/threepay/service"
import { quoteUsdt } from "./amounts"
import { ThreePayError } from "./errors"
import { storedSessionSchema, type StoredSession } from "./session-data"

export type CartSession = {
  id: string
  status: string
  provider_id: string
  created_at: string | null
  data: Record<string, unknown> | null
}

export type CartPayment = {
  cart: {
    id: string
    completed_at: string | null
    payment_collection_id: string | null
    order: { id: string; status: string } | null
  }
  session: CartSession
  /** What the provider wrote into the session (read back with its schema). */
  stored: StoredSession
  /** The invoice the session shows. */
  invoice: LedgerInvoice
  /** Every invoice of the cart, oldest first. */
  invoices: LedgerInvoice[]
  /** What the cart's invoices cover of its total. */
  coverage: Coverage
}

type CartRow = {
  id: string
  completed_at?: string | Date | null
  sales_channel_id?: string | null
  payment_collection?: {
    id: string
    amount: unknown
    raw_amount?: { value?: unknown } | null
    currency_code: string
    payment_sessions?: CartSession[] | null
  } | null
  order?: { id: string; status: string } | null
}

export const cartNotFound = () =>
  new ThreePayError("threepay_cart_not_found", "This cart was not found. Reload the page, or start the checkout again.")

/** Also the answer for another cart's session: it must not tell whether that session exists. */
export const sessionNotFound = () =>
  new ThreePayError("threepay_session_not_found", "This cart has no USDT payment yet. Choose a network to get a payment invoice.")

/** The cart, with the store's sales channels checked like Medusa's own store routes scope a publishable key. */
async function loadCart(container: MedusaContainer, cartId: string, salesChannelIds?: string[]): Promise<CartRow> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "completed_at",
      "sales_channel_id",
      "payment_collection.id",
      "payment_collection.amount",
      "payment_collection.raw_amount",
      "payment_collection.currency_code",
      "payment_collection.payment_sessions.id",
      "payment_collection.payment_sessions.status",
      "payment_collection.payment_sessions.provider_id",
      "payment_collection.payment_sessions.created_at",
      "payment_collection.payment_sessions.data",
      "order.id",
      "order.status",
    ],
    filters: { id: cartId },
  })
  const cart = data[0] as CartRow | undefined
  if (!cart) throw cartNotFound()
  // A publishable key sees the carts of its own sales channels only.
  if (salesChannelIds?.length && cart.sales_channel_id && !salesChannelIds.includes(cart.sales_channel_id)) {
    throw cartNotFound()
  }
  return cart
}

/**
 * The cart's current 3PAY payment. With `sessionId`, that session, and only
 * if it belongs to this cart: another cart's session is "not found".
 */
export async function loadCartPayment(
  container: MedusaContainer,
  cartId: string,
  opts: { sessionId?: string; salesChannelIds?: string[] } = {}
): Promise<CartPayment> {
  const cart = await loadCart(container, cartId, opts.salesChannelIds)
  const sessions = (cart.payment_collection?.payment_sessions ?? [])
    .filter((s) => isInvoiceProvider(s.provider_id))
    .sort((a, b) => String(b.created_at ?? "").localeCompare(String(a.created_at ?? "")))
  const session = opts.sessionId ? sessions.find((s) => s.id === opts.sessionId) : sessions[0]
  if (!session) throw sessionNotFound()
  const stored = storedSessionSchema.safeParse(session.data ?? {})
  if (!stored.success) throw sessionNotFound()

  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const invoices = await threepay.listCartInvoices(cart.id)
  const invoice = invoices.find((i) => i.transaction_id === stored.data.transaction_id)
  // The ledger binds each invoice to its cart: a session showing another cart's invoice is not this cart's to show.
  if (!invoice) throw sessionNotFound()

  const pc = cart.payment_collection!
  const due = quoteUsdt(String(pc.raw_amount?.value ?? pc.amount), pc.currency_code, threepay.getOptions().exchangeRates).usdt
  return {
    cart: {
      id: cart.id,
      completed_at: cart.completed_at ? new Date(cart.completed_at).toISOString() : null,
      payment_collection_id: pc.id,
      order: cart.order ? { id: cart.order.id, status: cart.order.status } : null,
    },
    session,
    stored: stored.data,
    invoice,
    invoices,
    coverage: cartCoverage(invoices.map(moneyOf), due, invoices.at(-1)?.tolerance ?? invoice.tolerance ?? "0"),
  }
}
