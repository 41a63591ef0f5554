/**
 * What an invoice means for the shop, decided in one place: from 3PAY's word
 * (re-read from its API, never from a webhook body alone) and the amounts, to
 * a merchant-facing state, a Medusa session status and a webhook action.
 */
import { PaymentActions, PaymentSessionStatus } from "@medusajs/framework/utils"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import type { Network } from "medusa-payment-3pay-client"
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import type { Flow } from "./options"

import { PAYMENT_STATES, type PaymentState } from "medusa-payment-3pay-client/store-api"

export { PAYMENT_STATES, type PaymentState }

export type Expected = {
  network: Network
  /** USDT due, decimal string. */
  amountUsdt: string
  /** USDT the shop forgives (exchange withdrawal fees), decimal string. */
  tolerance: string
}

export type Assessment = {
  state: PaymentState
  /** True only when 3PAY confirmed at least the amount due (minus tolerance). */
  paid: boolean
  due: string
  received: string
  missing: string
  excess: string
}

const micro = (v: string | null | undefined) => (v ? toMicro(v, "half-up") : 0n)
const pos = (v: bigint) => (v > 0n ? v : 0n)

export function assessInvoice(inv: InvoiceDetails, expected: Expected): Assessment {
  const due = toMicro(expected.amountUsdt, "half-up")
  const tolerance = toMicro(expected.tolerance, "half-up")
  // `actualBalance` is what arrived on chain. Without it, a `confirmed`
  // invoice counts as its own amount: 3PAY credits confirmed invoices in full.
  const receivedMicro =
    inv.actualBalance != null
      ? micro(inv.actualBalance)
      : inv.status === "confirmed"
        ? micro(inv.amount)
        : 0n
  const base = {
    due: fromMicro(due),
    received: fromMicro(receivedMicro),
    missing: fromMicro(pos(due - receivedMicro)),
    excess: fromMicro(pos(receivedMicro - due)),
  }
  const make = (state: PaymentState, paid = false): Assessment => ({ state, paid, ...base })

  if (inv.network && inv.network !== expected.network) return make("wrong_network")
  // An invoice at 3PAY for less than we expect cannot pay this session.
  const invoiceAmount = inv.amount != null ? micro(inv.amount) : due
  switch (inv.status) {
    case "confirmed": {
      if (invoiceAmount + tolerance < due) return make("underpaid")
      if (receivedMicro + tolerance < due) return make("underpaid")
      return make(receivedMicro > due ? "overpaid" : "paid", true)
    }
    case "underpaid":
      return make("underpaid")
    case "amount_confirmed":
      return make("confirming")
    case "expired":
      return make("expired")
    case "cancelled":
      return make("cancelled")
    case "failed":
      return make("failed")
    case "initiated":
    case "pending":
    default:
      return make(receivedMicro > 0n ? "confirming" : "awaiting_payment")
  }
}

/** The Medusa payment-session status for a state, per checkout flow. */
export function sessionStatusFor(state: PaymentState, flow: Flow): PaymentSessionStatus {
  switch (state) {
    case "paid":
    case "overpaid":
      // Crypto is settled on arrival: there is nothing to capture later.
      return PaymentSessionStatus.CAPTURED
    case "awaiting_payment":
    case "confirming":
      return flow === "order_first"
        ? PaymentSessionStatus.PENDING_AUTHORIZATION
        : PaymentSessionStatus.PENDING
    case "underpaid":
      return PaymentSessionStatus.REQUIRES_MORE
    case "expired":
    case "cancelled":
      return PaymentSessionStatus.CANCELED
    case "failed":
    case "wrong_network":
      return PaymentSessionStatus.ERROR
  }
}

/**
 * The action for Medusa's core webhook route. Only a paid invoice maps to an
 * action that completes anything, and it is SUCCESSFUL, never AUTHORIZED: with
 * AUTHORIZED and a deleted session Medusa 2.21.2 completes an unrelated cart.
 */
export function webhookActionFor(state: PaymentState): PaymentActions {
  switch (state) {
    case "paid":
    case "overpaid":
      return PaymentActions.SUCCESSFUL
    case "awaiting_payment":
    case "confirming":
      return PaymentActions.PENDING
    case "underpaid":
      return PaymentActions.REQUIRES_MORE
    case "expired":
    case "cancelled":
      return PaymentActions.CANCELED
    case "failed":
    case "wrong_network":
      return PaymentActions.FAILED
  }
}

/** Words a merchant understands, for the admin and logs. */
export function describeState(a: Assessment, late = false): string {
  switch (a.state) {
    case "awaiting_payment":
      return "Awaiting payment"
    case "confirming":
      return "Payment detected, confirming"
    case "paid":
      return late ? "Paid after expiry" : "Paid"
    case "overpaid":
      return `Overpaid by ${a.excess} USDT${late ? " (after expiry)" : ""}`
    case "underpaid":
      return `Underpaid by ${a.missing} USDT`
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
