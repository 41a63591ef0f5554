/**
 * "Needs attention": payments a person must look at. Invoices the ledger
 * flagged (underpaid, overpaid, orphan, late, wrong network, failed
 * processing) and webhook events that gave up without any invoice to flag.
 * Each item carries the order to open, or the cart when there is no order.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { ATTENTION_ADVICE, ATTENTION_LABELS, type AttentionCode } from "../../../../modules/threepay/attention"
import { invoiceDto } from "../invoice-dto"
import type ThreePayModuleService from "../../../../modules/threepay/service"
import type { AdminAttentionResponse, AttentionItemDto } from "../api-types"

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

function reason(code: AttentionCode, detail: string | null = null, raisedAt = "") {
  return { code, label: ATTENTION_LABELS[code], advice: ATTENTION_ADVICE[code], detail, raised_at: raisedAt }
}

/** Orders made from these carts (an invoice may have been applied before its order id was noted). */
async function ordersForCarts(container: MedusaContainer, cartIds: string[]): Promise<Map<string, string>> {
  if (!cartIds.length) return new Map()
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id", "cart_id"], filters: { cart_id: cartIds } })
  return new Map((data as Array<{ order_id: string; cart_id: string }>).map((r) => [r.cart_id, r.order_id]))
}

export async function listAttention(
  container: MedusaContainer,
  threepay: ThreePayModuleService,
  page: { limit: number; offset: number }
): Promise<AdminAttentionResponse> {
  const [rows, invoiceCount] = await threepay.listAndCountThreePayInvoices(
    { $or: [{ attention: { $ne: null } }, { orphan: true }], attention_resolved_at: null },
    { take: page.limit, skip: page.offset, order: { updated_at: "DESC" } }
  )
  // Dead events whose invoice the ledger does not hold: nothing else would show them.
  const dead = await threepay.listThreePayWebhookEvents(
    { processing_status: "dead", is_test: false },
    { take: 50, order: { updated_at: "DESC" }, select: ["id", "transaction_id", "attempts", "last_error", "first_received_at", "updated_at"] }
  )
  const deadTx = [...new Set(dead.map((e) => e.transaction_id).filter((t): t is string => !!t))]
  const known = deadTx.length
    ? new Set((await threepay.listThreePayInvoices({ transaction_id: deadTx }, { select: ["transaction_id"] })).map((r) => r.transaction_id))
    : new Set<string>()
  const strayEvents = dead.filter((e) => !e.transaction_id || !known.has(e.transaction_id))

  const views = rows.map(invoiceDto)
  const orders = await ordersForCarts(
    container,
    views.filter((v) => !v.order_id && v.cart_id).map((v) => v.cart_id!)
  )

  const items: AttentionItemDto[] = views.map((v, i) => {
    const { timeline: _timeline, ...invoice } = v
    const reasons = v.attention.length ? v.attention : v.orphan ? [reason("orphan")] : []
    return {
      kind: "invoice",
      key: v.id,
      reasons,
      order_id: v.order_id ?? (v.cart_id ? orders.get(v.cart_id) ?? null : null),
      cart_id: v.cart_id,
      transaction_id: v.transaction_id,
      invoice,
      event: null,
      updated_at: iso((rows[i] as { updated_at?: Date | string }).updated_at),
    }
  })
  // Stray events go first on the first page only, so paging stays about invoices.
  const eventItems: AttentionItemDto[] =
    page.offset === 0
      ? strayEvents.map((e) => ({
          kind: "event",
          key: e.id,
          reasons: [reason("failed_processing")],
          order_id: null,
          cart_id: null,
          transaction_id: e.transaction_id ?? null,
          invoice: null,
          event: {
            id: e.id,
            attempts: Number(e.attempts ?? 0),
            last_error: e.last_error ? String(e.last_error).slice(0, 300) : null,
            first_received_at: iso(e.first_received_at) ?? "",
          },
          updated_at: iso(e.updated_at as Date | string),
        }))
      : []
  return {
    items: [...eventItems, ...items],
    count: invoiceCount + strayEvents.length,
    limit: page.limit,
    offset: page.offset,
  }
}
