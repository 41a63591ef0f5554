/**
 * Reserves the refund in the ledger (module service `reserveRefund`: under
 * the paying invoice's row lock, unique idempotency key, never above what is
 * still refundable). A repeat of the same key returns the first refund and
 * `created: false`: the rest of the workflow then sends nothing.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type { NewRefund, RefundRow } from "../../modules/threepay/refund-rows"
import type ThreePayModuleService from "../../modules/threepay/service"

export const reserveRefundStep = createStep("threepay-reserve-refund", async (input: NewRefund, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const { row, created } = await threepay.reserveRefund(input)
  return new StepResponse<{ row: RefundRow; created: boolean }>({ row, created })
})
