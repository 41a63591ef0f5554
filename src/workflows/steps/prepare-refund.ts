/**
 * Everything a refund request is checked against before anything is written:
 * the destination address (lib/refund-address.ts, the one judge), the order
 * and its 3PAY payment, the network it was paid on, and the 3PAY user the
 * withdrawal will be made for. Pure reads; refusals are ThreePayErrors.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { normalizeUsdt, toMicro, type Network } from "medusa-payment-3pay-client"
import { ThreePayError } from "../../lib/errors"
import { requireRefundAddress } from "../../lib/refund-address"
import { loadRefundOrder, refundUserKeyOf } from "../../lib/refund-order"
import { walletUserIdFor } from "../../lib/wallet-user-id"
import type { NewRefund } from "../../modules/threepay/refund-rows"

export type RefundRequest = {
  order_id: string
  payment_id: string
  amount: string
  address: string
  network: Network
  idempotency_key: string
  confirm_lowercase?: boolean
  note?: string | null
  created_by: string | null
}

export type PreparedRefund = {
  refund: NewRefund
  /** Who the 3PAY user is made for when it does not exist yet. */
  owner: { customer_id: string; email: string }
}

export const prepareRefundStep = createStep("threepay-prepare-refund", async (input: RefundRequest, { container }) => {
  const { address, checksum } = requireRefundAddress(input.network, input.address, input.confirm_lowercase === true)
  let amount: string
  try {
    amount = normalizeUsdt(input.amount, "exact")
  } catch {
    amount = "0"
  }
  if (toMicro(amount) <= 0n) throw new ThreePayError("threepay_amount_invalid", "The refund amount must be more than 0 USDT, with at most 6 decimals.")
  const order = await loadRefundOrder(container, input.order_id)
  if (!order) throw new ThreePayError("threepay_order_not_found", "This order has no USDT invoice payment to refund.")
  if (order.payment.id !== input.payment_id) {
    throw new ThreePayError("threepay_refund_invalid", "This payment is not the order's USDT invoice payment.")
  }
  if (order.network !== input.network) {
    throw new ThreePayError(
      "threepay_network_invalid",
      `This order was paid on ${order.network}: the refund is sent on ${order.network} too, to an address of that network.`
    )
  }
  if (!order.email) throw new ThreePayError("threepay_refund_invalid", "This order has no email address: 3PAY needs one for the refund's user.")
  const key = refundUserKeyOf(order)
  const refund: NewRefund = {
    idempotency_key: input.idempotency_key,
    order_id: order.order_id,
    payment_id: order.payment.id,
    transaction_id: order.invoice.transaction_id,
    customer_id: order.customer_id,
    user_id: walletUserIdFor(key),
    network: input.network,
    address,
    address_checksum: checksum,
    amount,
    currency_code: order.invoice.currency_code,
    exchange_rate: order.invoice.exchange_rate,
    note: input.note ?? null,
    created_by: input.created_by,
  }
  return new StepResponse<PreparedRefund>({ refund, owner: { customer_id: key, email: order.email } })
})
