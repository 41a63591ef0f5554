/**
 * The 3PAY invoices behind one order, for the order widget. The ledger knows
 * the order id once a payment was applied; before that (order_first, awaiting
 * payment) the invoice is found through the order's payment collections and
 * cart. Orders of other providers get no invoice, unless USDT arrived on one
 * of their cart's invoices: a merchant must see money the store received.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { toMicro } from "medusa-payment-3pay-client"
import { invoiceDto } from "../../invoice-dto"
import type ThreePayModuleService from "../../../../../modules/threepay/service"
import type { AdminOrderInvoicesResponse, InvoiceViewDto } from "../../api-types"
import { isThreePayProvider } from "medusa-payment-3pay-client/store-api"


type OrderPaymentFacts = {
  payment_collections?: Array<{
    id: string
    payments?: Array<{ provider_id?: string | null } | null> | null
    payment_sessions?: Array<{ provider_id?: string | null } | null> | null
  } | null> | null
}

async function orderFacts(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const [{ data: orders }, { data: carts }] = await Promise.all([
    query.graph({
      entity: "order",
      fields: ["id", "payment_collections.id", "payment_collections.payments.provider_id", "payment_collections.payment_sessions.provider_id"],
      filters: { id: orderId },
    }),
    query.graph({ entity: "order_cart", fields: ["cart_id"], filters: { order_id: orderId } }),
  ])
  const order = orders[0] as OrderPaymentFacts | undefined
  if (!order) return null
  const collections = (order.payment_collections ?? []).filter((c): c is NonNullable<typeof c> => !!c)
  const providers = collections.flatMap((c) => [...(c.payments ?? []), ...(c.payment_sessions ?? [])].map((p) => p?.provider_id ?? ""))
  return {
    collectionIds: collections.map((c) => c.id),
    cartId: ((carts[0] as { cart_id?: string } | undefined)?.cart_id ?? null) as string | null,
    usesThreePay: providers.some(isThreePayProvider),
  }
}

const received = (v: InvoiceViewDto) => {
  try {
    return toMicro(v.amount_received || "0") > 0n
  } catch {
    return false
  }
}

/** Which invoice the widget shows: the one applied to this order, else a paid one, else the newest live one. */
export function pickPrimary(orderId: string, views: InvoiceViewDto[]): InvoiceViewDto | null {
  return (
    views.find((v) => v.order_id === orderId) ??
    views.find((v) => v.state === "paid" || v.state === "overpaid") ??
    views.find((v) => !v.superseded_reason) ??
    views[0] ??
    null
  )
}

export async function invoicesForOrder(
  container: MedusaContainer,
  threepay: ThreePayModuleService,
  orderId: string
): Promise<AdminOrderInvoicesResponse> {
  const empty: AdminOrderInvoicesResponse = { order_id: orderId, invoice: null, other_invoices: [] }
  const facts = await orderFacts(container, orderId)
  if (!facts) return empty
  const or: Record<string, unknown>[] = [{ order_id: orderId }]
  if (facts.collectionIds.length) or.push({ payment_collection_id: facts.collectionIds })
  if (facts.cartId) or.push({ cart_id: facts.cartId })
  const rows = await threepay.listThreePayInvoices({ $or: or }, { order: { created_at: "DESC" }, take: 50 })
  const views = rows.map(invoiceDto)
  const relevant = facts.usesThreePay ? views : views.filter((v) => v.order_id === orderId || received(v))
  const primary = pickPrimary(orderId, relevant)
  if (!primary) return empty
  return { order_id: orderId, invoice: primary, other_invoices: relevant.filter((v) => v.id !== primary.id) }
}
