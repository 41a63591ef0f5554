/**
 * The Medusa side of a payment, read in one place: a payment collection, its
 * sessions and captured payments, its cart and the order made from it. Also
 * the one way to find the cart's 3PAY session. Amounts stay exact strings.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { isInvoiceProvider } from "medusa-payment-3pay-client/store-api"

export type SessionView = {
  id: string
  status: string
  /** Major units of `currency_code`, exact decimal string. */
  amount: string
  currency_code: string
  provider_id: string
  data: Record<string, unknown> | null
}

export type CollectionState = {
  id: string
  /** Major units, exact decimal string. */
  amount: string
  currency_code: string
  status: string
  sessions: SessionView[]
  /** Captured payments of the collection. */
  captured: Array<{ id: string; captured_at: string }>
  cart: { id: string; completed_at: string | null; email: string | null } | null
  order: { id: string; status: string } | null
  /**
   * The cart looks completed but has no order: linked to an order that does
   * not exist (Medusa's complete-cart was cut after its compensation deleted
   * the order but before it removed the link), or marked completed with no
   * order linked. steps/unlink-lost-order.ts repairs it before a settlement.
   */
  lost_order: { order_id: string | null } | null
}

type Raw = { value?: unknown } | null | undefined
/** Medusa's `raw_amount` is `{ value, precision }`: read the exact value, never a float. */
const exact = (raw: Raw, fallback: unknown) => String((raw && typeof raw === "object" ? raw.value : undefined) ?? fallback)

export async function loadCollectionState(container: MedusaContainer, paymentCollectionId: string): Promise<CollectionState | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: [
      "id",
      "amount",
      "raw_amount",
      "currency_code",
      "status",
      "payment_sessions.id",
      "payment_sessions.status",
      "payment_sessions.amount",
      "payment_sessions.raw_amount",
      "payment_sessions.currency_code",
      "payment_sessions.provider_id",
      "payment_sessions.data",
      "payments.id",
      "payments.captured_at",
      "cart.id",
      "cart.email",
      "cart.completed_at",
    ],
    filters: { id: paymentCollectionId },
  })
  type Row = {
    id: string
    amount: unknown
    raw_amount?: Raw
    currency_code: string
    status: string
    payment_sessions?: Array<Omit<SessionView, "amount"> & { amount: unknown; raw_amount?: Raw }>
    payments?: Array<{ id: string; captured_at: string | null }>
    cart?: { id: string; email?: string | null; completed_at?: string | Date | null } | null
  }
  const pc = data[0] as Row | undefined
  if (!pc) return null
  let order: CollectionState["order"] = null
  let lost_order: CollectionState["lost_order"] = null
  if (pc.cart?.id) {
    const link = await cartOrderLink(container, pc.cart.id)
    if (link?.order) order = link.order
    else if (link) lost_order = { order_id: link.order_id }
    else if (pc.cart.completed_at) lost_order = { order_id: null }
  }
  return {
    id: pc.id,
    amount: exact(pc.raw_amount, pc.amount),
    currency_code: pc.currency_code,
    status: pc.status,
    sessions: (pc.payment_sessions ?? []).map((s) => ({ ...s, amount: exact(s.raw_amount, s.amount) })),
    captured: (pc.payments ?? []).filter((p): p is { id: string; captured_at: string } => !!p.captured_at),
    cart: pc.cart
      ? {
          id: pc.cart.id,
          email: pc.cart.email ?? null,
          completed_at: pc.cart.completed_at ? new Date(pc.cart.completed_at).toISOString() : null,
        }
      : null,
    order,
    lost_order,
  }
}

/** The cart's row in Medusa's cart↔order link, and the order it points to (null: that order does not exist). */
export async function cartOrderLink(
  container: MedusaContainer,
  cartId: string
): Promise<{ order_id: string; order: { id: string; status: string } | null } | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id", "order.id", "order.status"], filters: { cart_id: cartId } })
  const link = data[0] as { order_id: string; order?: { id: string; status: string } | null } | undefined
  if (!link) return null
  return { order_id: link.order_id, order: link.order ? { id: link.order.id, status: link.order.status } : null }
}

/**
 * The cart is an order, or may be becoming one: an order is linked, or the
 * cart is marked completed with no order linked (a complete-cart still
 * running, or one cut half-way; complete-cart makes the order when run
 * again). A link to an order that does not exist is not: that order is lost,
 * and a settlement repairs the link (steps/find-lost-order.ts).
 */
export function cartIsOrder(state: Pick<CollectionState, "order" | "cart" | "lost_order">): boolean {
  return !!state.order || (!!state.cart?.completed_at && !state.lost_order?.order_id)
}

/** The collection's 3PAY session (Medusa keeps one session per collection; newest first if not). */
export function threePaySession(state: Pick<CollectionState, "sessions">): SessionView | null {
  return state.sessions.filter((s) => isInvoiceProvider(s.provider_id)).at(-1) ?? null
}
