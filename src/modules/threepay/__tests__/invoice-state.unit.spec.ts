/**
 * The ledger's money rules by example: what a snapshot from 3PAY means for
 * one invoice, the tolerance, and whether a cart's invoices pay it.
 */
import { invoiceDetails } from "../../../lib/__tests__/invoice-fixture"
import { cartCoverage, invoiceState, mergeSnapshot, toleranceFor, type InvoiceMoney } from "../invoice-state"

const fresh = (over: Partial<InvoiceMoney> = {}): InvoiceMoney => ({
  network: "TRC20",
  status: "initiated",
  raw_status: "initiated",
  amount_usdt: "100",
  received: "0",
  received_known: false,
  tx_hashes: [],
  wrong_network: false,
  ...over,
})

/** Merges snapshots (status word, actualBalance) in order. */
function after(...snaps: Array<[string, string | null]>): InvoiceMoney {
  return snaps.reduce((m, [word, balance]) => mergeSnapshot(m, invoiceDetails(word, { actualBalance: balance })).next, fresh())
}

describe("invoiceState: one invoice, in one table", () => {
  it.each([
    // 3PAY word, actualBalance, state
    ["initiated", null, "awaiting_payment"],
    ["Initiated", "0", "awaiting_payment"],
    ["amount confirmed", "100", "confirming"],
    ["AMOUNT_CONFIRMED", "100", "confirming"],
    ["confirmed", "100", "paid"],
    ["Successful", "100", "paid"],
    ["confirmed", "100.5", "overpaid"],
    ["confirmed", "99.99", "underpaid"],
    ["underpaid", "50", "underpaid"],
    ["expired", "0", "expired"],
    ["cancelled", null, "cancelled"],
    ["failed", null, "failed"],
    ["something new", "100", "confirming"],
    ["", null, "awaiting_payment"],
  ])("%p with %p received is %p", (word, balance, state) => {
    expect(invoiceState(after([word, balance]), "0")).toBe(state)
  })

  it("fails closed: 'confirmed' without a readable amount is never paid, and says so", () => {
    const r = mergeSnapshot(fresh(), invoiceDetails("confirmed", { actualBalance: null }))
    expect(r.amount_unreadable).toBe(true)
    expect(invoiceState(r.next, "0")).toBe("confirming")
    // ...until 3PAY reports the amount.
    expect(invoiceState(mergeSnapshot(r.next, invoiceDetails("confirmed", { actualBalance: "100" })).next, "0")).toBe("paid")
  })

  it("keeps a partial payment when the invoice then expires with a balance of 0", () => {
    const m = after(["amount confirmed", "60"], ["expired", "0"])
    expect(m).toMatchObject({ status: "expired", received: "60", received_known: true })
    expect(invoiceState(m, "0")).toBe("expired_partial")
  })

  it("never downgrades a paid invoice, whatever comes later", () => {
    const m = after(["confirmed", "100"], ["initiated", "0"], ["amount confirmed", "0"], ["expired", "0"])
    expect(m.status).toBe("confirmed")
    expect(invoiceState(m, "0")).toBe("paid")
  })

  it("a payment after expiry is an upgrade", () => {
    expect(invoiceState(after(["expired", "0"], ["confirmed", "100"]), "0")).toBe("paid")
  })

  it("an invoice reported on the other network stays flagged, even if reported right later", () => {
    const m = mergeSnapshot(fresh(), invoiceDetails("confirmed", { actualBalance: "100", network: "ERC20", currencyType: "USDT-ERC20" })).next
    expect(invoiceState(m, "0")).toBe("wrong_network")
    expect(invoiceState(mergeSnapshot(m, invoiceDetails("confirmed", { actualBalance: "100" })).next, "0")).toBe("wrong_network")
  })

  it("keeps every tx hash 3PAY reported, once each, in lower case", () => {
    const m = [
      invoiceDetails("amount confirmed", { actualBalance: "50", blockchainTxHash: "AB".repeat(32) }),
      invoiceDetails("amount confirmed", { actualBalance: "50", blockchainTxHash: "ab".repeat(32) }),
      invoiceDetails("confirmed", { actualBalance: "100", blockchainTxHash: "cd".repeat(32) }),
    ].reduce((acc, s) => mergeSnapshot(acc, s).next, fresh())
    expect(m.tx_hashes).toEqual(["ab".repeat(32), "cd".repeat(32)])
  })
})

describe("toleranceFor: basis points of the amount due, capped; the smaller wins", () => {
  it.each([
    ["100", 50, "2", "0.5"],
    ["1000", 50, "2", "2"],
    ["5", 50, "100", "0.025"],
    ["5", 0, "100", "0"],
    ["100", 10_000, "0", "0"],
    // Rounded down to the micro-USDT: never forgives more than the rule says.
    ["0.000003", 5000, "1", "0.000001"],
  ])("%s USDT due, %d bps, cap %s -> %s", (due, bps, cap, expected) => {
    expect(toleranceFor(due, bps, cap)).toBe(expected)
  })
})

describe("cartCoverage: a cart's invoices together", () => {
  it("an underpayment plus a top-up for the difference covers the cart", () => {
    const first = after(["confirmed", "60"])
    const topUp = { ...after(["confirmed", "40"]), amount_usdt: "40" }
    expect(cartCoverage([first], "100", "0")).toMatchObject({ covered: false, received: "60", missing: "40" })
    expect(cartCoverage([first, topUp], "100", "0")).toMatchObject({ covered: true, received: "100", missing: "0", excess: "0" })
  })

  it("a partial payment that expired counts toward the cart; a confirmed top-up completes it", () => {
    const first = after(["amount confirmed", "60"], ["expired", "0"])
    const topUp = { ...after(["confirmed", "40"]), amount_usdt: "40" }
    expect(cartCoverage([first], "100", "0")).toMatchObject({ covered: false, received: "60", missing: "40", in_flight: false })
    expect(cartCoverage([first, topUp], "100", "0")).toMatchObject({ covered: true })
  })

  it("money 3PAY never confirmed is held for a person, never an order", () => {
    const first = after(["amount confirmed", "100"], ["expired", "0"])
    expect(cartCoverage([first], "100", "0")).toMatchObject({ covered: false, covered_unconfirmed: true })
  })

  it("money still being confirmed does not count yet, and says a payment is in flight", () => {
    expect(cartCoverage([after(["amount confirmed", "100"])], "100", "0")).toMatchObject({ covered: false, in_flight: true, received: "0" })
  })

  it("wrong-network money and unreadable amounts never count", () => {
    const wrong = mergeSnapshot(fresh(), invoiceDetails("confirmed", { actualBalance: "100", network: "ERC20", currencyType: "USDT-ERC20" })).next
    const unreadable = after(["confirmed", null])
    expect(cartCoverage([wrong, unreadable], "100", "0")).toMatchObject({ covered: false, received: "0" })
  })

  it("the tolerance forgives up to its amount, and not a micro-USDT more", () => {
    expect(cartCoverage([after(["confirmed", "99.5"])], "100", "0.5").covered).toBe(true)
    expect(cartCoverage([after(["confirmed", "99.499999"])], "100", "0.5").covered).toBe(false)
  })

  it("measures the excess beyond the total", () => {
    expect(cartCoverage([after(["confirmed", "130"])], "100", "0")).toMatchObject({ covered: true, excess: "30" })
  })
})
