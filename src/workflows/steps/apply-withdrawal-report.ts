/**
 * What 3PAY said about a refund's withdrawal (a webhook, a list read),
 * merged into the refund under its row lock: forward-only status, facts kept
 * once known (refund-rows.ts `withdrawalPatch`). A repeat changes nothing.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { isFinalRefund } from "../../modules/threepay/refund-rules"
import { withdrawalPatch, type RefundRow, type WithdrawalReport } from "../../modules/threepay/refund-rows"
import type ThreePayModuleService from "../../modules/threepay/service"

export type AppliedReport = { refund_id: string; status: string | null; changed: boolean; became_final: boolean; order_id: string | null }

export const applyWithdrawalReportStep = createStep(
  "threepay-apply-withdrawal-report",
  async (input: { refund_id: string; report: WithdrawalReport; source: string }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    let before: RefundRow | null = null
    const row = await threepay.mutateRefund(input.refund_id, (r) => {
      before = r
      return withdrawalPatch(r, input.report, input.source)
    })
    const was = before as RefundRow | null
    const changed = !!row && !!was && row.status !== was.status
    return new StepResponse<AppliedReport>({
      refund_id: input.refund_id,
      status: row?.status ?? null,
      changed,
      became_final: changed && isFinalRefund(row!.status),
      order_id: row?.order_id ?? null,
    })
  }
)
