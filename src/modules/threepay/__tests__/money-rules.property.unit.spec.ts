/**
 * The money rules, for any input (fast-check): any sequence of snapshots
 * from 3PAY, in any order, with repeats, with any balances, on one invoice or
 * spread over a cart's invoices. The real rule code runs: the merge
 * (invoice-state.ts), the ledger row patch (ledger.ts) and the settlement
 * decision (workflows/steps/plan-settlement.ts).
 */
import fc from "fast-check"
import { fromMicro, normalizeInvoiceStatus, toMicro, type InvoiceDetails } from "medusa-payment-3pay-client"
import { invoiceDetails } from "../../../lib/__tests__/invoice-fixture"
import type { CollectionState } from "../../../lib/collection-state"
import { planFor } from "../../../workflows/steps/plan-settlement"
import { cartCoverage, countable, invoiceState, mergeSnapshot, type InvoiceMoney } from "../invoice-state"
import { moneyOf, snapshotPatch, type LedgerInvoice } from "../ledger"

const WORDS = ["initiated", "amount confirmed", "confirmed", "underpaid", "expired", "cancelled", "failed", "Successful", "pending"]

/** A balance in micro-USDT (up to 200 USDT), or unreadable. */
const balance = fc.option(fc.bigInt({ min: 0n, max: 200_000_000n }), { nil: null, freq: 5 })
const snapshot = fc.record({ word: fc.constantFrom(...WORDS), balance })
type Snap = { word: string; balance: bigint | null }

const details = (s: Snap, over: Partial<InvoiceDetails> = {}) =>
  invoiceDetails(s.word, { actualBalance: s.balance === null ? null : fromMicro(s.balance), ...over })

const start = (amount = "100"): InvoiceMoney => ({
  network: "TRC20",
  status: "initiated",
  raw_status: "initiated",
  amount_usdt: amount,
  received: "0",
  received_known: false,
  tx_hashes: [],
  wrong_network: false,
})

const merge = (snaps: Snap[], amount = "100") => snaps.reduce((m, s) => mergeSnapshot(m, details(s)).next, start(amount))

describe("one invoice, any snapshots in any order", () => {
  it("received is the most 3PAY ever reported, and nothing else", () => {
    fc.assert(
      fc.property(fc.array(snapshot, { maxLength: 12 }), (snaps) => {
        const m = merge(snaps)
        const seen = snaps.map((s) => s.balance).filter((b): b is bigint => b !== null)
        expect(toMicro(m.received)).toBe(seen.reduce((a, b) => (b > a ? b : a), 0n))
        expect(m.received_known).toBe(seen.length > 0)
      })
    )
  })

  it("order and repeats do not matter for what the ledger ends with", () => {
    fc.assert(
      fc.property(fc.array(snapshot, { minLength: 1, maxLength: 10 }).chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray([...s, ...s], { minLength: 2 * s.length, maxLength: 2 * s.length }))), ([snaps, shuffled]) => {
        const a = merge(snaps)
        const b = merge(shuffled)
        expect(b.received).toBe(a.received)
        expect(b.status).toBe(a.status)
        expect(invoiceState(b, "0")).toBe(invoiceState(a, "0"))
      })
    )
  })

  it("once paid, nothing downgrades it", () => {
    fc.assert(
      fc.property(fc.array(snapshot, { maxLength: 12 }), fc.bigInt({ min: 0n, max: 5_000_000n }), (snaps, tolMicro) => {
        const tol = fromMicro(tolMicro)
        let m = start()
        let paid = false
        for (const s of snaps) {
          m = mergeSnapshot(m, details(s)).next
          const state = invoiceState(m, tol)
          if (paid) expect(["paid", "overpaid"]).toContain(state)
          paid ||= state === "paid" || state === "overpaid"
        }
      })
    )
  })

  it("paid means 3PAY confirmed it and reported at least the amount minus the tolerance", () => {
    fc.assert(
      fc.property(fc.array(snapshot, { maxLength: 12 }), fc.bigInt({ min: 0n, max: 5_000_000n }), (snaps, tolMicro) => {
        const m = merge(snaps)
        const state = invoiceState(m, fromMicro(tolMicro))
        const confirmed = snaps.some((s) => ["confirmed", "underpaid"].includes(normalizeInvoiceStatus(s.word)))
        const paid = state === "paid" || state === "overpaid"
        expect(paid).toBe(confirmed && m.received_known && toMicro(m.received) + tolMicro >= 100_000_000n)
      })
    )
  })
})

/** A ledger row of a cart, as the module would hold it. */
function row(id: string, amount: string, flow: "pay_first" | "order_first"): LedgerInvoice {
  return {
    id: `tpinv_${id}`,
    transaction_id: id,
    invoice_no: null,
    reference: `tpref_${id}`,
    kind: "checkout",
    environment: "sandbox",
    network: "TRC20",
    flow,
    status: "initiated",
    raw_status: "initiated",
    state: "awaiting_payment",
    amount_usdt: amount,
    amount_received: "0",
    received_known: false,
    amount_missing: amount,
    amount_excess: "0",
    fee: null,
    net_amount: null,
    tolerance: "0.5",
    currency_code: "usd",
    amount_fiat: "100",
    exchange_rate: "1",
    payment_url: "https://pay/x",
    wallet_address: "TAddr",
    tx_hash: null,
    tx_hashes: [] as unknown as Record<string, unknown>,
    wrong_network: false,
    customer_email: null,
    requester_hash: null,
    cart_id: "cart_1",
    payment_collection_id: "pay_col_1",
    payment_session_id: null,
    order_id: null,
    expires_at: null,
    confirmed_at: null,
    paid_at: null,
    late: false,
    orphan: false,
    attention: null,
    attention_resolved_at: null,
    attention_resolved_by: null,
    attention_note: null,
    applied_at: null,
    captured_usdt: null,
    paid_via: null,
    superseded_at: null,
    superseded_reason: null,
    last_synced_at: null,
    history: { entries: [] },
    created_at: new Date(),
    updated_at: new Date(),
    deleted_at: null,
  } as unknown as LedgerInvoice
}

const collection = (order: CollectionState["order"], sessionTx: string): CollectionState => ({
  id: "pay_col_1",
  amount: "100",
  currency_code: "usd",
  status: "not_paid",
  sessions: [{ id: "payses_1", status: "pending", amount: "100", currency_code: "usd", provider_id: "pp_3pay_3pay", data: { transaction_id: sessionTx } }],
  captured: [],
  cart: { id: "cart_1", completed_at: null, email: "a@b.c" },
  order,
  lost_order: null,
})

describe("a cart's invoices: an order exists if and only if they pay its total", () => {
  it("for any news on up to three invoices, in any order, with repeats", () => {
    const event = fc.record({ invoice: fc.integer({ min: 0, max: 2 }), snap: snapshot })
    fc.assert(
      fc.property(fc.array(event, { maxLength: 15 }), fc.constantFrom("pay_first" as const, "order_first" as const), (events, flow) => {
        // A checkout invoice for the total, and two top-ups for 40 and 10.
        let rows = [row("a", "100", flow), row("b", "40", flow), row("c", "10", flow)]
        let order: CollectionState["order"] = flow === "order_first" ? { id: "order_1", status: "pending" } : null
        let applied = false
        let canceled = false
        for (const e of events) {
          const r = rows[e.invoice]
          const out = snapshotPatch(r, details(e.snap), "webhook")
          rows = rows.map((x, i) => (i === e.invoice ? ({ ...x, ...out.patch } as LedgerInvoice) : x))
          const plan = planFor({ row: rows[e.invoice], changed: out.changed, state: out.state, previous_state: out.previous_state }, collection(order, "c"), rows, {})
          if (applied) expect(plan.action).toBe("none")
          if (plan.action === "settle") {
            // Medusa's processPaymentWorkflow: the order exists (or is captured), the ledger records it.
            applied = true
            order = { id: "order_1", status: "pending" }
            rows = rows.map((x) => ({ ...x, applied_at: x.transaction_id === rows[e.invoice].transaction_id ? new Date() : x.applied_at }) as LedgerInvoice)
          }
          if (plan.action === "cancel_order") {
            // Never a cart that received money.
            expect(cartCoverage(rows.map(moneyOf), "100", "0.5").received).toBe("0")
            canceled = true
            order = { id: "order_1", status: "canceled" }
          }
        }
        const total = rows.reduce((sum, r) => sum + countable(moneyOf(r)), 0n)
        const confirmed = rows.some((r) => ["confirmed", "underpaid"].includes(r.status) && countable(moneyOf(r)) > 0n)
        const paysTotal = total + 500_000n >= 100_000_000n && confirmed
        if (!canceled) expect(applied).toBe(paysTotal)
        else expect(applied).toBe(false)
      }),
      { numRuns: 300 }
    )
  })
})

describe("a cart a cut complete-cart left without its order (steps/find-lost-order.ts)", () => {
  const paidRow = () => {
    const r = row("a", "100", "order_first")
    const out = snapshotPatch(r, details({ word: "confirmed", balance: 100_000_000n }), "webhook")
    return { recorded: { row: { ...r, ...out.patch } as LedgerInvoice, changed: out.changed, state: out.state, previous_state: out.previous_state } }
  }
  const completed = (lost: CollectionState["lost_order"], sessions: boolean): CollectionState => ({
    ...collection(null, "a"),
    ...(sessions ? {} : { sessions: [] }),
    cart: { id: "cart_1", completed_at: new Date().toISOString(), email: "a@b.c" },
    lost_order: lost,
  })

  it("linked to an order that does not exist: settled (the settlement unlinks it), even with the shopper's session gone", () => {
    const { recorded } = paidRow()
    expect(planFor(recorded, completed({ order_id: "order_lost" }, true), [recorded.row], {})).toMatchObject({ action: "settle", open_session: false })
    expect(planFor(recorded, completed({ order_id: "order_lost" }, false), [recorded.row], {})).toMatchObject({ action: "settle", open_session: true })
  })

  it("marked completed with no order linked: settled through its session (complete-cart makes the order); without one, an orphan, since a complete may be running", () => {
    const { recorded } = paidRow()
    expect(planFor(recorded, completed({ order_id: null }, true), [recorded.row], {})).toMatchObject({ action: "settle" })
    const plan = planFor(recorded, completed({ order_id: null }, false), [recorded.row], {})
    expect(plan.action).toBe("none")
    expect(plan.flags.map((f) => f.code)).toEqual(["orphan"])
  })
})
