/**
 * Reads the Medusa side of an invoice in one place: its payment collection,
 * the sessions in it, the cart and the order (if any).
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export type SessionView = {
  id: string
  status: string
  amount: number
  currency_code: string
  provider_id: string
  data: Record<string, unknown> | null
}

export type CollectionState = {
  id: string
  amount: number
  currency_code: string
  status: string
  sessions: SessionView[]
  /** Captured payments of the collection (id and when). */
  captured: Array<{ id: string; captured_at: string }>
  cart: { id: string; completed_at: string | null } | null
  order: { id: string; status: string } | null
}

export async function loadCollectionState(container: MedusaContainer, paymentCollectionId: string): Promise<CollectionState | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment_collection",
    fields: [
      "id",
      "amount",
      "currency_code",
      "status",
      "payment_sessions.id",
      "payment_sessions.status",
      "payment_sessions.amount",
      "payment_sessions.currency_code",
      "payment_sessions.provider_id",
      "payment_sessions.data",
      "payments.id",
      "payments.captured_at",
      "cart.id",
      "cart.completed_at",
    ],
    filters: { id: paymentCollectionId },
  })
  const pc = data[0] as
    | (Omit<CollectionState, "sessions" | "order" | "captured"> & {
        payment_sessions?: SessionView[]
        payments?: Array<{ id: string; captured_at: string | null }>
      })
    | undefined
  if (!pc) return null
  let order: CollectionState["order"] = null
  if (pc.cart?.id) {
    const { data: links } = await query.graph({
      entity: "order_cart",
      fields: ["order_id", "order.id", "order.status"],
      filters: { cart_id: pc.cart.id },
    })
    const o = (links[0] as { order?: { id: string; status: string } } | undefined)?.order
    if (o) order = { id: o.id, status: o.status }
  }
  return {
    id: pc.id,
    amount: Number(pc.amount),
    currency_code: pc.currency_code,
    status: pc.status,
    sessions: pc.payment_sessions ?? [],
    captured: (pc.payments ?? []).filter((p): p is { id: string; captured_at: string } => !!p.captured_at),
    cart: pc.cart ?? null,
    order,
  }
}

export function sessionHolding(state: CollectionState, transactionId: string): SessionView | null {
  return state.sessions.find((s) => s.data?.transaction_id === transactionId) ?? null
}
