/**
 * Finds a cart's USDT payment the way the store routes may see it: the cart
 * (its id is what a shopper holds, like every Medusa store route), its
 * current 3PAY payment session, the invoice behind that session in our
 * ledger, and the order once the cart became one. Reads only: nothing here
 * calls 3PAY, so a status poll stays cheap.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { LedgerRow } from "../invoice-view"
import { isThreePayProvider } from "medusa-payment-3pay-client/store-api"
import { storedSessionSchema, type StoredSession } from "../session-data"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { cartNotFound, sessionNotFound } from "./errors"


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
  /** The invoice in our ledger; null for a session the provider made on its own (no ledger row yet). */
  invoice: LedgerRow | null
}

type CartRow = {
  id: string
  completed_at?: string | Date | null
  sales_channel_id?: string | null
  payment_collection?: { id: string; payment_sessions?: CartSession[] | null } | null
  order?: { id: string; status: string } | null
}

/** The cart, with the store's sales channels checked like Medusa's own store routes scope a publishable key. */
export async function loadCart(container: MedusaContainer, cartId: string, salesChannelIds?: string[]) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "cart",
    fields: [
      "id",
      "completed_at",
      "sales_channel_id",
      "payment_collection.id",
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

function threePaySessions(cart: CartRow): CartSession[] {
  const sessions = (cart.payment_collection?.payment_sessions ?? []).filter((s) =>
    isThreePayProvider(s.provider_id)
  )
  // Newest first; Medusa keeps one session per collection, but be safe.
  return sessions.sort((a, b) => String(b.created_at ?? "").localeCompare(String(a.created_at ?? "")))
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
  const sessions = threePaySessions(cart)
  const session = opts.sessionId ? sessions.find((s) => s.id === opts.sessionId) : sessions[0]
  if (!session) throw sessionNotFound()
  const stored = storedSessionSchema.safeParse(session.data ?? {})
  if (!stored.success) throw sessionNotFound()

  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const row = (await threepay.retrieveInvoiceByTransaction(stored.data.transaction_id)) as LedgerRow | null
  // The ledger binds each invoice to its cart; a mismatch means the session is not this cart's to show.
  if (row?.cart_id && row.cart_id !== cart.id) throw sessionNotFound()

  return {
    cart: {
      id: cart.id,
      completed_at: cart.completed_at ? new Date(cart.completed_at).toISOString() : null,
      payment_collection_id: cart.payment_collection?.id ?? null,
      order: cart.order ? { id: cart.order.id, status: cart.order.status } : null,
    },
    session,
    stored: stored.data,
    invoice: row,
  }
}
