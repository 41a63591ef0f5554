/**
 * Under `refundFundsFrom: "user"` (3PAY draws a user withdrawal from the
 * user's balance too; docs/3pay-wire-format.md), the refund first credits
 * the user's balance with its amount through `updateBalance`. That call moves
 * money and has no idempotency key: `funding_sent_at` is written before it
 * is sent, so it is sent at most once per refund, whatever fails after.
 * Under "merchant" (the default) nothing is sent.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { spend } from "../../lib/budget"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { refundHistoryPatch } from "../../modules/threepay/refund-rows"
import type ThreePayModuleService from "../../modules/threepay/service"

export const fundRefundStep = createStep("threepay-fund-refund", async (input: { refund_id: string }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  if (threepay.getOptions().refundFundsFrom !== "user") return new StepResponse({ funded: false })
  let mine = false
  const row = await threepay.mutateRefund(input.refund_id, (r) => {
    if (r.funding_sent_at || r.requested_at) return null
    mine = true
    return { funding_sent_at: new Date(), ...refundHistoryPatch(r, r.status, `crediting the 3PAY user's balance with ${r.amount} USDT to fund the withdrawal`) }
  })
  if (!mine || !row) return new StepResponse({ funded: false })
  try {
    await threepay
      .getClient()
      .updateWalletBalance({ userId: row.user_id, amount: row.amount, network: row.network, operation: "credit", reason: `refund ${row.id}` }, spend("refund"))
  } catch (e) {
    // Not sent again: the withdrawal that follows is refused if the credit did not happen, and says so.
    await threepay.mutateRefund(row.id, (r) => refundHistoryPatch(r, r.status, `the balance credit may not have happened: ${(e as Error).message?.slice(0, 200)}`))
  }
  return new StepResponse({ funded: true })
})
