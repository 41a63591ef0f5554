/**
 * What must hold once a cluster has settled, read from PostgreSQL (Medusa's
 * tables and the plugin's ledger) and from the emulator's own record of what
 * 3PAY did (invoices paid, webhooks delivered):
 *
 * - every invoice 3PAY reports paid became exactly one order with exactly one
 *   captured payment and one capture, or is flagged for the store owner (an
 *   orphan: e.g. money that arrived after its order_first order was canceled
 *   at expiry); anything else is a lost payment;
 * - no cart has two orders, no collection two captured payments;
 * - no order is left standing without its money (order_first orders whose
 *   invoice expired unpaid are canceled);
 * - every webhook the emulator delivered is in the ledger (by body hash);
 * - nothing is left to do: no event pending, processing or failed, no paid
 *   invoice waiting to be applied.
 */
import { createHash } from "node:crypto"
import { compareUsdt } from "medusa-payment-3pay-client"
import type { Cluster } from "./harness"

export type Expectation = {
  cart_id: string
  transaction_id: string
  flow: "pay_first" | "order_first"
  /** What the shopper did (chaos.ts), for the report. */
  scenario?: string
}

export type Verdict = {
  ok: boolean
  /** Nothing pending; the numbers below are final. */
  settled: boolean
  checked: { carts: number; paid_invoices: number; orders: number; deliveries: number }
  lost_payments: string[]
  duplicate_orders: string[]
  orders_without_payment: string[]
  missing_events: string[]
  /** Paid invoices flagged for the store owner instead of captured (by design, e.g. paid after its order was canceled). */
  flagged: string[]
  pending: string[]
  /** Webhooks 3PAY has not delivered yet (held, or waiting for a retry). */
  undelivered: number
}

type CartRow = {
  cart_id: string
  orders: number
  order_ids: string[] | null
  live_orders: number
  captured_payments: number
  captures: number
  payments: number
}

export async function checkInvariants(cluster: Cluster, expectations: Expectation[]): Promise<Verdict> {
  const carts = [...new Set(expectations.map((e) => e.cart_id))]
  const rows = await cluster.sql<CartRow>(
    `select c.id as cart_id,
            count(distinct oc.order_id)::int as orders,
            array_remove(array_agg(distinct oc.order_id), null) as order_ids,
            count(distinct o.id) filter (where o.status <> 'canceled')::int as live_orders,
            count(distinct p.id) filter (where p.captured_at is not null)::int as captured_payments,
            count(distinct cap.id)::int as captures,
            count(distinct p.id) filter (where p.canceled_at is null)::int as payments
       from unnest($1::text[]) as c(id)
       left join order_cart oc on oc.cart_id = c.id and oc.deleted_at is null
       left join "order" o on o.id = oc.order_id and o.deleted_at is null
       left join cart_payment_collection cpc on cpc.cart_id = c.id and cpc.deleted_at is null
       left join payment p on p.payment_collection_id = cpc.payment_collection_id and p.deleted_at is null
       left join capture cap on cap.payment_id = p.id and cap.deleted_at is null
      group by c.id`,
    [carts]
  )
  const byCart = new Map(rows.map((r) => [r.cart_id, r]))
  const ledger = await cluster.sql<{ transaction_id: string; cart_id: string | null; applied_at: Date | null; order_id: string | null; orphan: boolean; attention: unknown; state: string }>(
    `select transaction_id, cart_id, applied_at, order_id, orphan, attention, state from threepay_invoice
      where deleted_at is null and transaction_id = any($1::text[])`,
    [expectations.map((e) => e.transaction_id)]
  )
  const ledgerByTx = new Map(ledger.map((r) => [r.transaction_id, r]))
  const emu = new Map(cluster.emulator.control.invoices().map((i) => [i.transactionId, i]))
  const paidAt3pay = (tx: string) => {
    const i = emu.get(tx)
    return !!i && i.status === "confirmed" && compareUsdt(i.actualBalance, i.amount) >= 0
  }

  const v: Verdict = {
    ok: false,
    settled: false,
    checked: { carts: carts.length, paid_invoices: 0, orders: 0, deliveries: 0 },
    lost_payments: [],
    duplicate_orders: [],
    orders_without_payment: [],
    missing_events: [],
    flagged: [],
    pending: [],
    undelivered: 0,
  }
  const paidCarts = new Set<string>()
  for (const e of expectations) {
    if (!paidAt3pay(e.transaction_id)) continue
    v.checked.paid_invoices++
    paidCarts.add(e.cart_id)
    const c = byCart.get(e.cart_id)
    const l = ledgerByTx.get(e.transaction_id)
    const captured = !!c && c.live_orders === 1 && c.captured_payments === 1 && c.captures === 1
    if (captured) continue
    if (l?.orphan || (l?.attention && Object.keys(l.attention as object).length)) {
      const codes = l.attention ? Object.keys(l.attention as object).join(",") : "orphan"
      v.flagged.push(`${e.transaction_id} (${e.flow}, ${e.scenario ?? "?"}: ${codes}; orders ${c?.orders ?? 0}, live ${c?.live_orders ?? 0}, captured ${c?.captured_payments ?? 0})`)
      continue
    }
    v.lost_payments.push(`${e.transaction_id} (cart ${e.cart_id}, ${e.flow}, ${e.scenario ?? "?"}: orders ${c?.orders ?? 0}, live ${c?.live_orders ?? 0}, captured ${c?.captured_payments ?? 0}, ledger ${l?.state ?? "none"})`)
  }
  for (const c of rows) {
    v.checked.orders += c.orders
    if (c.orders > 1 || c.captured_payments > 1 || c.captures > 1) {
      v.duplicate_orders.push(`cart ${c.cart_id}: ${c.orders} orders, ${c.captured_payments} captured payments, ${c.captures} captures`)
    }
    // A standing order must have its money: captured, on an invoice 3PAY says is paid.
    if (c.live_orders > 0 && (c.captured_payments === 0 || !paidCarts.has(c.cart_id))) {
      v.orders_without_payment.push(`cart ${c.cart_id}: order(s) ${(c.order_ids ?? []).join(", ")}, ${c.captured_payments} captured`)
    }
  }

  // Every webhook 3PAY delivered is in the ledger.
  const txs = new Set(expectations.map((e) => e.transaction_id))
  const delivered = cluster.emulator.control
    .deliveries()
    .filter((d) => !d.test && d.transactionId && txs.has(d.transactionId))
    .filter((d) => d.dropped !== "skip" && d.responseStatus !== null && d.responseStatus >= 200 && d.responseStatus < 300)
  v.checked.deliveries = delivered.length
  const hashes = [...new Set(delivered.map((d) => createHash("sha256").update(d.body).digest("hex")))]
  const known = new Set(
    (await cluster.sql<{ body_sha256: string }>(`select body_sha256 from threepay_webhook_event where body_sha256 = any($1::text[])`, [hashes])).map(
      (r) => r.body_sha256
    )
  )
  for (const d of delivered) {
    const h = createHash("sha256").update(d.body).digest("hex")
    if (!known.has(h)) v.missing_events.push(`${d.id} (${d.transactionId}, answered ${d.responseStatus})`)
  }

  const busy = await cluster.sql<{ id: string; processing_status: string; transaction_id: string }>(
    `select id, processing_status, transaction_id from threepay_webhook_event
      where deleted_at is null and processing_status in ('pending', 'processing', 'failed') and transaction_id = any($1::text[])`,
    [[...txs]]
  )
  for (const b of busy) v.pending.push(`event ${b.id} ${b.processing_status} (${b.transaction_id})`)
  for (const l of ledger) {
    if ((l.state === "paid" || l.state === "overpaid") && !l.applied_at && !l.orphan) v.pending.push(`invoice ${l.transaction_id} paid, not applied`)
  }
  // Webhooks 3PAY still owes (held, or a retry scheduled) do not hold the store back: reconciliation
  // does not wait for them. They are counted apart, and checked once 3PAY delivered them.
  v.undelivered = cluster.emulator.control
    .deliveries()
    .filter((d) => !d.test && d.transactionId && txs.has(d.transactionId) && (d.held || d.deliveryStatus === "pending")).length
  v.settled = v.pending.length === 0
  v.ok = v.settled && !v.lost_payments.length && !v.duplicate_orders.length && !v.orders_without_payment.length && !v.missing_events.length
  return v
}
