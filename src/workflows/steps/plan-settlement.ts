/**
 * Decides what an invoice's news means for Medusa, from the ledger (every
 * invoice of the cart, re-read from 3PAY) and Medusa's state (collection,
 * session, cart, order). One decision, made here; the sync workflow carries
 * it out with Medusa's own workflows:
 *
 * - settle: the cart's invoices cover its total and 3PAY confirmed them:
 *   processPaymentWorkflow makes the order (or captures the waiting one),
 *   through the cart's 3PAY session, or a new one if the shopper's session
 *   was deleted meanwhile;
 * - cancel_order: order_first, the invoice expired and nothing arrived;
 * - cancel_session: pay_first, the invoice expired and nothing arrived: the
 *   storefront offers a new invoice;
 * - reflect: show the ledger's view on the session (detected, underpaid...);
 * - none: nothing to do (already applied, unknown, or only flags to raise).
 *
 * "Protect status": an invoice already applied to an order is never touched
 * again, whatever arrives later; a partly paid order is held, never canceled.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMicro } from "medusa-payment-3pay-client"
import type { PaymentState } from "medusa-payment-3pay-client/store-api"
import { quoteUsdt } from "../../lib/amounts"
import type { CheckoutHandoff } from "../../lib/handoff"
import { cartIsOrder, loadCollectionState, threePaySession, type CollectionState } from "../../lib/collection-state"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type { AttentionCode } from "../../modules/threepay/attention"
import { cartCoverage, countable, type Coverage } from "../../modules/threepay/invoice-state"
import { moneyOf, type LedgerInvoice } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { RecordedSnapshot } from "./record-snapshot"

export type SettlementAction = "none" | "settle" | "cancel_order" | "cancel_session" | "reflect"

export type SettlementPlan = {
  transaction_id: string
  known: boolean
  action: SettlementAction
  /** What happened, in words (the webhook ledger's outcome). */
  outcome: string
  flags: Array<{ code: AttentionCode; detail: string | null }>
  flag_note: string | null
  collection_id: string | null
  cart_id: string | null
  order_id: string | null
  /** The session to settle or reflect on; null with `open_session`. */
  session: { id: string; amount: string; currency_code: string } | null
  /** settle: the shopper's session is gone; open a new one on this invoice first, with this hand-over. */
  open_session: boolean
  handoff: Omit<CheckoutHandoff, "kind"> | null
  /** The ledger row changed with this news. */
  changed: boolean
  coverage: Coverage | null
  /** The cart's invoices, for the settlement and for superseding the open ones. */
  cart_transaction_ids: string[]
  /** Session data for reflect / settle (the ledger's view). */
  session_data: Record<string, unknown> | null
  /** reflect on a canceled invoice (pay_first): the session's new status. */
  session_status: "canceled" | null
  state: PaymentState | null
  event: "partially_paid" | "expired" | null
  row: LedgerInvoice | null
}

const NONE = (transaction_id: string, outcome: string, extra: Partial<SettlementPlan> = {}): SettlementPlan => ({
  transaction_id,
  known: true,
  action: "none",
  outcome,
  flags: [],
  flag_note: null,
  collection_id: null,
  cart_id: null,
  order_id: null,
  session: null,
  open_session: false,
  handoff: null,
  changed: false,
  coverage: null,
  cart_transaction_ids: [],
  session_data: null,
  session_status: null,
  state: null,
  event: null,
  row: null,
  ...extra,
})

/** The public view of the cart's payment for its session: the latest invoice, the cart's totals. */
export function sessionViewOf(latest: LedgerInvoice, coverage: Coverage, state: PaymentState): Record<string, unknown> {
  return {
    transaction_id: latest.transaction_id,
    invoice_no: latest.invoice_no,
    payment_url: latest.payment_url ?? "",
    wallet_address: latest.wallet_address,
    expires_at: latest.expires_at ? new Date(latest.expires_at).toISOString() : null,
    network: latest.network,
    status: state,
    amount_usdt: coverage.due,
    amount_received: coverage.received,
    amount_missing: coverage.missing,
    amount_excess: coverage.excess,
    tx_hash: latest.tx_hash,
    checked_at: new Date().toISOString(),
  }
}

function cartState(row: LedgerInvoice, coverage: Coverage): PaymentState {
  if (coverage.covered) return coverage.excess !== "0" ? "overpaid" : "paid"
  if (coverage.received !== "0" && !coverage.in_flight) {
    return row.state === "expired_partial" ? "expired_partial" : "underpaid"
  }
  return row.state as PaymentState
}

export function planFor(
  recorded: NonNullable<RecordedSnapshot>,
  state: CollectionState | null,
  invoices: LedgerInvoice[],
  exchangeRates: Record<string, string>
): SettlementPlan {
  const { row } = recorded
  const tx = row.transaction_id
  const base = { row, state: recorded.state, changed: recorded.changed, cart_transaction_ids: invoices.map((i) => i.transaction_id) }
  const event: SettlementPlan["event"] =
    recorded.changed && (recorded.state === "underpaid" || recorded.state === "expired_partial")
      ? "partially_paid"
      : recorded.changed && recorded.previous_state !== recorded.state && (recorded.state === "expired" || recorded.state === "cancelled")
        ? "expired"
        : null

  if (row.applied_at) return NONE(tx, `already applied (order ${row.order_id ?? "?"})`, { ...base, order_id: row.order_id })
  const applied = invoices.find((i) => !!i.applied_at)
  if (applied) {
    // The cart was already paid by another invoice: money here is beyond what was captured.
    const extra = countable(moneyOf(row))
    const detail = `${fromMicro(extra)} USDT arrived after order ${applied.order_id ?? "?"} was paid by another invoice`
    return NONE(tx, extra > 0n ? `overpaid: ${detail}` : `already applied (order ${applied.order_id ?? "?"})`, {
      ...base,
      order_id: applied.order_id,
      ...(extra > 0n ? { flags: [{ code: "overpaid" as const, detail }], flag_note: detail } : {}),
    })
  }
  if (!state) {
    const paid = recorded.state === "paid" || recorded.state === "overpaid"
    return NONE(tx, paid ? "orphan: its payment collection no longer exists" : `recorded ${recorded.state}`, {
      ...base,
      event,
      ...(paid ? { flags: [{ code: "orphan", detail: "its payment collection no longer exists" }], flag_note: "orphan payment: its payment collection no longer exists" } : {}),
    })
  }

  const due = quoteUsdt(state.amount, state.currency_code, exchangeRates).usdt
  const tolerance = invoices.at(-1)?.tolerance ?? row.tolerance ?? "0"
  const coverage = cartCoverage(invoices.map(moneyOf), due, tolerance)
  const latest = invoices.at(-1) ?? row
  const session = threePaySession(state)
  const holds = session && invoices.some((i) => i.transaction_id === session.data?.transaction_id) ? session : null
  const ctx = {
    ...base,
    collection_id: state.id,
    cart_id: state.cart?.id ?? null,
    order_id: state.order?.id ?? null,
    coverage,
    event,
    session: holds ? { id: holds.id, amount: holds.amount, currency_code: holds.currency_code } : null,
  }
  const view = sessionViewOf(latest, coverage, cartState(row, coverage))

  // Medusa already captured this cart's payment through its session's own
  // invoice (the storefront completed it before any news reached the ledger):
  // money on another invoice is beyond what the order took.
  if (state.captured.length && session?.data?.transaction_id !== tx && countable(moneyOf(row)) > 0n) {
    const reason = `its cart was already paid by another invoice (order ${state.order?.id ?? "?"})`
    return NONE(tx, `orphan: ${reason}`, { ...ctx, flags: [{ code: "orphan", detail: reason }], flag_note: `orphan payment: ${reason}` })
  }

  if (coverage.covered) {
    const orphan = (reason: string) =>
      NONE(tx, `orphan: ${reason}`, { ...ctx, flags: [{ code: "orphan", detail: reason }], flag_note: `orphan payment: ${reason}` })
    if (state.order?.status === "canceled") return orphan(`its order ${state.order.id} was canceled`)
    if (!holds && cartIsOrder(state)) {
      return orphan(`its cart was already completed with another payment (order ${state.order?.id ?? "?"})`)
    }
    const handoff: Omit<CheckoutHandoff, "kind"> | null = holds
      ? null
      : {
          payment_collection_id: state.id,
          cart_id: state.cart?.id ?? null,
          network: row.network,
          amount_due_usdt: due,
          amount: state.amount,
          currency_code: state.currency_code,
          exchange_rate: row.exchange_rate,
          flow: row.flow,
          tolerance,
          invoice: {
            transaction_id: tx,
            invoice_no: row.invoice_no,
            payment_url: row.payment_url ?? "",
            wallet_address: row.wallet_address,
            expires_at: row.expires_at ? new Date(row.expires_at).toISOString() : null,
          },
        }
    return { ...NONE(tx, "settle", ctx), action: "settle", open_session: !holds, handoff, session_data: view }
  }
  if (coverage.covered_unconfirmed) {
    const detail = `${coverage.received} of ${coverage.due} USDT arrived on invoices 3PAY did not confirm`
    return NONE(tx, "held: paid, not confirmed by 3PAY", { ...ctx, flags: [{ code: "paid_unconfirmed", detail }], flag_note: detail })
  }

  const closedEmpty = (recorded.state === "expired" || recorded.state === "cancelled") && coverage.received === "0"
  if (closedEmpty && row.flow === "order_first" && state.order && state.order.status !== "canceled") {
    // Only the invoice the order waits on: an older one expiring says nothing about the order.
    if (latest.transaction_id === tx) {
      return { ...NONE(tx, `order ${state.order.id} canceled: invoice ${recorded.state}, stock released`, ctx), action: "cancel_order" }
    }
  }
  if (closedEmpty && !state.order && holds?.data?.transaction_id === tx) {
    return {
      ...NONE(tx, "session canceled; the storefront can offer a new invoice", ctx),
      action: "cancel_session",
      session_data: view,
      session_status: "canceled",
    }
  }
  if (recorded.changed && holds && holds.status !== "authorized" && holds.status !== "captured") {
    const outcome =
      recorded.state === "underpaid" || recorded.state === "expired_partial"
        ? `${coverage.received} USDT arrived, ${coverage.missing} USDT missing${state.order ? `: order ${state.order.id} held` : ""}`
        : `recorded ${recorded.state}`
    return { ...NONE(tx, outcome, ctx), action: "reflect", session_data: view }
  }
  return NONE(tx, `recorded ${recorded.state}`, ctx)
}

export const planSettlementStep = createStep(
  "threepay-plan-settlement",
  async (input: { transaction_id: string; recorded: RecordedSnapshot }, { container }) => {
    if (!input.recorded) {
      return new StepResponse<SettlementPlan>({
        ...NONE(input.transaction_id, "ignored: this invoice was not created by this store"),
        known: false,
      })
    }
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const row = input.recorded.row
    const state = row.payment_collection_id ? await loadCollectionState(container, row.payment_collection_id) : null
    const invoices = row.cart_id ? await threepay.listCartInvoices(row.cart_id) : [row]
    return new StepResponse(planFor(input.recorded, state, invoices, threepay.getOptions().exchangeRates))
  }
)
