/**
 * How a ledger row changes with 3PAY's news (ledger.ts): forward-only
 * statuses, received money kept, flags raised and kept, the timeline.
 */
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { invoiceDetails } from "../../../lib/__tests__/invoice-fixture"
import { activeCodes, flagsOf } from "../attention"
import { attentionPatch, historyOf, snapshotPatch, type LedgerInvoice } from "../ledger"

const base = {
  id: "tpinv_1",
  transaction_id: "tx1",
  network: "TRC20",
  amount_usdt: "100",
  tolerance: "0",
  status: "initiated",
  raw_status: "initiated",
  state: "awaiting_payment",
  amount_received: "0",
  received_known: false,
  tx_hashes: [],
  wrong_network: false,
  late: false,
  orphan: false,
  attention: null,
  attention_resolved_at: null,
  paid_at: null,
  history: { entries: [] },
} as unknown as LedgerInvoice

function snap(status: string, received: string | null = null, over: Partial<InvoiceDetails> = {}): InvoiceDetails {
  return invoiceDetails(status, {
    transactionId: "tx1",
    actualBalance: received,
    fee: received ? "1" : null,
    netAmount: received ? "99" : null,
    walletAddress: "TAddr",
    blockchainTxHash: received && received !== "0" ? "ab".repeat(32) : null,
    ...over,
  })
}

/** Applies snapshots one after the other, as the module does under the row lock. */
function apply(row: LedgerInvoice, ...snaps: InvoiceDetails[]) {
  let r = row
  let last = null as ReturnType<typeof snapshotPatch> | null
  for (const s of snaps) {
    last = snapshotPatch(r, s, "webhook")
    r = { ...r, ...last.patch } as LedgerInvoice
  }
  return { row: r, last: last! }
}

describe("snapshotPatch: statuses only move forward, money only accumulates", () => {
  it("moves initiated -> amount confirmed -> confirmed and records each step", () => {
    const { row, last } = apply(base, snap("amount confirmed", "100"), snap("confirmed", "100"))
    expect(last).toMatchObject({ changed: true, previous_state: "confirming", state: "paid" })
    expect(row).toMatchObject({ status: "confirmed", state: "paid", paid_via: "webhook" })
    expect(row.paid_at).toBeInstanceOf(Date)
    expect(historyOf(row).map((h) => h.state)).toEqual(["confirming", "paid"])
  })

  it.each(["initiated", "amount confirmed", "expired", "cancelled"])(
    "a late %p never downgrades a paid invoice, and says so in the timeline",
    (late) => {
      const { row, last } = apply(base, snap("confirmed", "100"), snap(late, "0"))
      expect(last.changed).toBe(false)
      expect(row).toMatchObject({ status: "confirmed", state: "paid", amount_received: "100" })
      expect(historyOf(row).at(-1)!.note).toContain("ignored")
    }
  )

  it("a partial payment then an expiry with a balance of 0 keeps the money, and flags it", () => {
    const { row } = apply(base, snap("amount confirmed", "60"), snap("expired", "0"))
    expect(row).toMatchObject({ status: "expired", state: "expired_partial", amount_received: "60", amount_missing: "40" })
    expect(activeCodes(row.attention)).toEqual(["expired_partial"])
  })

  it("a payment after expiry upgrades the invoice and marks it late", () => {
    const { row } = apply(base, snap("expired"), snap("confirmed", "100"))
    expect(row).toMatchObject({ state: "paid", late: true })
    expect(activeCodes(row.attention)).toContain("late")
  })

  it("confirmed without an amount is flagged, never paid", () => {
    const { row } = apply(base, snap("confirmed", null))
    expect(row.state).toBe("confirming")
    expect(row.paid_at).toBeNull()
    expect(activeCodes(row.attention)).toEqual(["amount_unreadable"])
  })

  it("an underpayment that grows to the full amount is paid; the underpaid flag is kept, cleared", () => {
    const a = apply(base, snap("confirmed", "60"))
    expect(a.row).toMatchObject({ state: "underpaid", amount_missing: "40" })
    expect(activeCodes(a.row.attention)).toEqual(["underpaid"])
    const b = apply(a.row, snap("confirmed", "100"))
    expect(b.row.state).toBe("paid")
    expect(activeCodes(b.row.attention)).toEqual([])
    expect(flagsOf(b.row.attention).underpaid?.cleared_at).toBeTruthy()
    expect(b.row.attention_resolved_by).toBe("3pay")
  })
})

describe("attention flags: added and kept, never overwritten", () => {
  it("a second flag keeps the first one, and re-opens an item marked handled", () => {
    const first = { ...base, ...attentionPatch(base, [{ code: "underpaid", detail: "60 of 100" }]) } as LedgerInvoice
    const handled = { ...first, attention_resolved_at: new Date(), attention_resolved_by: "user:1" } as LedgerInvoice
    const second = { ...handled, ...attentionPatch(handled, [{ code: "orphan", detail: "cart completed" }]) } as LedgerInvoice
    expect(activeCodes(second.attention)).toEqual(["underpaid", "orphan"])
    expect(flagsOf(second.attention).underpaid?.detail).toBe("60 of 100")
    expect(second).toMatchObject({ orphan: true, attention_resolved_at: null })
  })

  it("raising a flag already raised keeps its first time and does not re-open", () => {
    const first = { ...base, ...attentionPatch(base, [{ code: "late" }]) } as LedgerInvoice
    const handled = { ...first, attention_resolved_at: new Date() } as LedgerInvoice
    const again = attentionPatch(handled, [{ code: "late" }])
    expect(again.attention_resolved_at).toBeUndefined()
    expect(flagsOf(again.attention).late?.raised_at).toBe(flagsOf(first.attention).late?.raised_at)
  })
})
