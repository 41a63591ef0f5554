import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import { invoiceDetails } from "./invoice-fixture"
import { assessInvoice, describeState, sessionStatusFor, webhookActionFor } from "../payment-state"

const inv = invoiceDetails
const expected = { network: "TRC20" as const, amountUsdt: "100", tolerance: "0" }

describe("the status mapping, in one table", () => {
  it.each([
    // 3PAY word, actualBalance, state, paid, pay_first status, order_first status, webhook action
    ["initiated", null, "awaiting_payment", false, "pending", "pending_authorization", "pending"],
    ["Initiated", "0", "awaiting_payment", false, "pending", "pending_authorization", "pending"],
    ["amount confirmed", "100", "confirming", false, "pending", "pending_authorization", "pending"],
    ["AMOUNT_CONFIRMED", "100", "confirming", false, "pending", "pending_authorization", "pending"],
    ["confirmed", "100", "paid", true, "captured", "captured", "captured"],
    ["confirmed", null, "paid", true, "captured", "captured", "captured"],
    ["Successful", "100", "paid", true, "captured", "captured", "captured"],
    ["confirmed", "100.5", "overpaid", true, "captured", "captured", "captured"],
    ["confirmed", "99.99", "underpaid", false, "requires_more", "requires_more", "requires_more"],
    ["underpaid", "50", "underpaid", false, "requires_more", "requires_more", "requires_more"],
    ["expired", "0", "expired", false, "canceled", "canceled", "canceled"],
    ["cancelled", null, "cancelled", false, "canceled", "canceled", "canceled"],
    ["failed", null, "failed", false, "error", "error", "failed"],
    ["something new", "100", "confirming", false, "pending", "pending_authorization", "pending"],
    ["", null, "awaiting_payment", false, "pending", "pending_authorization", "pending"],
  ])("%p with %p received", (word, received, state, paid, payFirst, orderFirst, action) => {
    const a = assessInvoice(inv(word, { actualBalance: received }), expected)
    expect(a.state).toBe(state)
    expect(a.paid).toBe(paid)
    expect(sessionStatusFor(a.state, "pay_first")).toBe(payFirst as PaymentSessionStatus)
    expect(sessionStatusFor(a.state, "order_first")).toBe(orderFirst as PaymentSessionStatus)
    expect(webhookActionFor(a.state)).toBe(action as PaymentActions)
  })

  it("never maps anything to AUTHORIZED", () => {
    for (const s of ["awaiting_payment", "confirming", "paid", "overpaid", "underpaid", "expired", "cancelled", "failed", "wrong_network"] as const) {
      expect(webhookActionFor(s)).not.toBe(PaymentActions.AUTHORIZED)
    }
  })

  it("forgives the tolerance, and no more", () => {
    const t = { ...expected, tolerance: "0.5" }
    expect(assessInvoice(inv("confirmed", { actualBalance: "99.5" }), t)).toMatchObject({ state: "paid", paid: true, missing: "0.5" })
    expect(assessInvoice(inv("confirmed", { actualBalance: "99.499999" }), t)).toMatchObject({ state: "underpaid", paid: false })
  })

  it("an invoice on the other network is never paid", () => {
    const a = assessInvoice(inv("confirmed", { actualBalance: "100", network: "ERC20", currencyType: "USDT-ERC20" }), expected)
    expect(a).toMatchObject({ state: "wrong_network", paid: false })
  })

  it("an invoice at 3PAY for less than the amount due cannot pay it, whatever its status says", () => {
    const a = assessInvoice(inv("confirmed", { amount: "10", actualBalance: "10" }), expected)
    expect(a.paid).toBe(false)
  })

  it("says it in words a merchant understands", () => {
    expect(describeState(assessInvoice(inv("confirmed", { actualBalance: "90" }), expected))).toBe("Underpaid by 10 USDT")
    expect(describeState(assessInvoice(inv("confirmed", { actualBalance: "100.25" }), expected))).toBe("Overpaid by 0.25 USDT")
    expect(describeState(assessInvoice(inv("confirmed", { actualBalance: "100" }), expected), true)).toBe("Paid after expiry")
    expect(describeState(assessInvoice(inv("amount confirmed"), expected))).toBe("Payment detected, confirming")
  })
})
