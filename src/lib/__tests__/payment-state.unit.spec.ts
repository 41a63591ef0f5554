import { PaymentSessionStatus } from "@medusajs/framework/utils"
import { PAYMENT_STATES } from "medusa-payment-3pay-client/store-api"
import { describeState, sessionStatusFor } from "../payment-state"

describe("the session status of each state, per flow, in one table", () => {
  it.each([
    // state, pay_first, order_first
    ["awaiting_payment", "pending", "pending_authorization"],
    ["confirming", "pending", "pending_authorization"],
    ["paid", "captured", "captured"],
    ["overpaid", "captured", "captured"],
    ["underpaid", "requires_more", "pending_authorization"],
    ["expired_partial", "requires_more", "pending_authorization"],
    ["expired", "canceled", "canceled"],
    ["cancelled", "canceled", "canceled"],
    ["failed", "error", "error"],
    ["wrong_network", "error", "error"],
  ] as const)("%s: %s in pay_first, %s in order_first", (state, payFirst, orderFirst) => {
    expect(sessionStatusFor(state, "pay_first")).toBe(payFirst as PaymentSessionStatus)
    expect(sessionStatusFor(state, "order_first")).toBe(orderFirst as PaymentSessionStatus)
  })

  it("covers every state, and never says authorized (crypto is captured or nothing)", () => {
    for (const s of PAYMENT_STATES) {
      for (const flow of ["pay_first", "order_first"] as const) expect(sessionStatusFor(s, flow)).not.toBe(PaymentSessionStatus.AUTHORIZED)
    }
  })

  it("says it in words a merchant understands", () => {
    const a = { received: "90", missing: "10", excess: "0.25" }
    expect(describeState("underpaid", a)).toBe("Underpaid by 10 USDT")
    expect(describeState("overpaid", a)).toBe("Overpaid by 0.25 USDT")
    expect(describeState("paid", a, true)).toBe("Paid after expiry")
    expect(describeState("expired_partial", a)).toBe("Partially paid (90 USDT), expired: 10 USDT missing")
    expect(describeState("confirming", a)).toBe("Payment detected, confirming")
  })
})
