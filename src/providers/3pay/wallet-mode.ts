/**
 * The provider registered with `mode: "wallet"` (id "wallet":
 * `pp_3pay_wallet`): a cart paid from its customer's USDT balance. It never
 * calls 3PAY and never moves money itself (it runs inside the payment
 * module, where the plugin's ledger is out of reach): the plugin's
 * workflows hand it what it must say (lib/handoff.ts).
 *
 * - initiatePayment: only with the wallet checkout workflow's hand-over;
 * - authorizePayment: "captured" while settle-wallet-cart.ts holds the
 *   cart's amount on the balance for this session, else "pending" (the
 *   balance is short: a deposit will settle it);
 * - capturePayment: only what was captured at authorization;
 * - cancel / delete: nothing to give back here (a hold is released by the
 *   workflow that wrote it, as its compensation);
 * - refund: an admin adjustment credits the balance instead.
 */
import { PaymentSessionStatus } from "@medusajs/framework/utils"
import type { InitiatePaymentInput, InitiatePaymentOutput } from "@medusajs/framework/types"
import { quoteUsdt } from "../../lib/amounts"
import { ThreePayError } from "../../lib/errors"
import { HANDOFF_FIELD, peekSettlement, takeHandoff } from "../../lib/handoff"
import type { ThreePayOptions } from "../../lib/options"

type Data = Record<string, unknown> | undefined

/** What the wallet session shows: the cart's network and amount, never the customer's balance or address. */
export async function initiateWalletPayment(
  input: InitiatePaymentInput,
  options: ThreePayOptions,
  collectionOf: (sessionId: string) => Promise<string | null>
): Promise<InitiatePaymentOutput> {
  const data = (input.data ?? {}) as Record<string, unknown>
  const taken = takeHandoff(data[HANDOFF_FIELD], "wallet_checkout")
  if (!taken.ok) {
    throw new ThreePayError(
      taken.reason === "absent" ? "threepay_handoff_required" : "threepay_handoff_invalid",
      "USDT balance sessions are opened by the 3PAY plugin's checkout route: POST /store/payment-collections/:id/payment-sessions with provider_id pp_3pay_wallet, logged in."
    )
  }
  const h = taken.handoff
  const sessionId = typeof data.session_id === "string" ? data.session_id : String(input.context?.idempotency_key ?? "")
  if ((await collectionOf(sessionId)) !== h.payment_collection_id) {
    throw new ThreePayError("threepay_handoff_invalid", "This USDT balance hand-over belongs to another payment. Choose the payment method again.")
  }
  const quote = quoteUsdt(input.amount, input.currency_code, options.exchangeRates)
  if (quote.usdt !== h.amount_due_usdt || quote.currencyCode !== h.currency_code) {
    throw new ThreePayError("threepay_handoff_invalid", "The cart total changed while the USDT payment was prepared. Choose the payment method again.")
  }
  return {
    id: h.checkout_ref,
    status: PaymentSessionStatus.PENDING,
    data: {
      mode: "wallet",
      checkout_ref: h.checkout_ref,
      cart_id: h.cart_id,
      network: h.network,
      amount_usdt: h.amount_due_usdt,
      currency_code: h.currency_code,
      exchange_rate: h.exchange_rate,
      environment: options.environment,
      status: "awaiting_payment",
      [HANDOFF_FIELD]: undefined,
    },
  }
}

export function walletStatus(input: { data?: Data; context?: { idempotency_key?: string } }): { status: PaymentSessionStatus; data: Record<string, unknown> } {
  const data = { ...(input.data ?? {}) }
  const sessionId = String(data.session_id ?? input.context?.idempotency_key ?? "")
  const held = sessionId ? peekSettlement(sessionId, Date.now(), "wallet_settlement") : null
  if (held) {
    return { status: PaymentSessionStatus.CAPTURED, data: { ...data, status: "paid", hold_id: held.hold_id, paid_from_balance: held.amount_usdt } }
  }
  return { status: PaymentSessionStatus.PENDING, data }
}

export function captureWalletPayment(input: { data?: Data }): { data: Record<string, unknown> } {
  const data = input.data ?? {}
  if (data.status !== "paid" || typeof data.hold_id !== "string") {
    throw new ThreePayError("threepay_balance_short", "This cart's amount is not held on the customer's USDT balance: there is nothing to capture.")
  }
  return { data }
}

export const WALLET_REFUND_MESSAGE =
  "A payment from a customer's USDT balance is refunded to that balance: POST /admin/3pay/customers/:id/wallet/adjustments " +
  "with the amount and a reason, then record the refund in Medusa with a note."
