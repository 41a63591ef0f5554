/**
 * What a payment state means to Medusa and to people, in one place: the
 * payment-session status per checkout flow, and the words the admin and the
 * storefront show. The states themselves are decided by the ledger's rules
 * (modules/threepay/invoice-state.ts).
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { PaymentState } from "medusa-payment-3pay-client/store-api"
import type { Flow } from "./options"

export type { PaymentState }

/** The Medusa payment-session status for a state, per checkout flow. */
export function sessionStatusFor(state: PaymentState, flow: Flow): PaymentSessionStatus {
  switch (state) {
    case "paid":
    case "overpaid":
      // Crypto is settled on arrival: there is nothing to capture later.
      return PaymentSessionStatus.CAPTURED
    case "awaiting_payment":
    case "confirming":
      return flow === "order_first" ? PaymentSessionStatus.PENDING_AUTHORIZATION : PaymentSessionStatus.PENDING
    case "underpaid":
    case "expired_partial":
      // Money arrived, the rest is missing: order_first holds the order, pay_first asks for more.
      return flow === "order_first" ? PaymentSessionStatus.PENDING_AUTHORIZATION : PaymentSessionStatus.REQUIRES_MORE
    case "expired":
    case "cancelled":
      return PaymentSessionStatus.CANCELED
    case "failed":
    case "wrong_network":
      return PaymentSessionStatus.ERROR
  }
}

/** Words a merchant or shopper understands. */
export function describeState(
  state: PaymentState,
  amounts: { received: string; missing: string; excess: string },
  late = false
): string {
  switch (state) {
    case "awaiting_payment":
      return "Awaiting payment"
    case "confirming":
      return "Payment detected, confirming"
    case "paid":
      return late ? "Paid after expiry" : "Paid"
    case "overpaid":
      return `Overpaid by ${amounts.excess} USDT${late ? " (after expiry)" : ""}`
    case "underpaid":
      return `Underpaid by ${amounts.missing} USDT`
    case "expired_partial":
      return `Partially paid (${amounts.received} USDT), expired: ${amounts.missing} USDT missing`
    case "expired":
      return "Expired"
    case "cancelled":
      return "Cancelled"
    case "failed":
      return "Failed"
    case "wrong_network":
      return "Reported on the wrong network"
  }
}
