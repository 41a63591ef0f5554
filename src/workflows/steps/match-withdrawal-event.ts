/**
 * A withdrawal webhook (3PAY reports a user withdrawal's status): which of
 * our refunds it is about, by its withdrawal id, else (a create whose answer
 * was lost, reported before we found it) by the user, address and amount of
 * a refund still waiting to learn its id. Read from the recorded body, which
 * passed the signature check.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { parseWebhookEvent } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type { WithdrawalReport } from "../../modules/threepay/refund-rows"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { Claim } from "./webhook-event-steps"

export type WithdrawalEventMatch = { is_withdrawal: boolean; refund_id: string | null; report: WithdrawalReport | null }

export const matchWithdrawalEventStep = createStep(
  "threepay-match-withdrawal-event",
  async (input: { event_id: string; claim: Claim }, { container }) => {
    const none: WithdrawalEventMatch = { is_withdrawal: false, refund_id: null, report: null }
    if (!input.claim.claimed) return new StepResponse(none)
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const [event] = await threepay.listThreePayWebhookEvents({ id: input.event_id }, { take: 1, select: ["id", "event_type", "raw_body"] })
    if (event?.event_type !== "withdrawal") return new StepResponse(none)
    let w
    try {
      w = parseWebhookEvent(event.raw_body).withdrawal
    } catch {
      w = null
    }
    if (!w) return new StepResponse<WithdrawalEventMatch>({ is_withdrawal: true, refund_id: null, report: null })
    const refund = await threepay.findRefundOfWithdrawal(w)
    const report: WithdrawalReport = {
      id: w.id,
      status: w.status,
      rawStatus: w.rawStatus,
      transactionHash: w.transactionHash,
      fee: w.fee,
      netAmount: w.netAmount,
      reason: w.reason,
    }
    return new StepResponse<WithdrawalEventMatch>({ is_withdrawal: true, refund_id: refund?.id ?? null, report })
  }
)
