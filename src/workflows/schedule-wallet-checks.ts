/** Records when reconciliation looks at each wallet again (lib/reconcile-wallets.ts), each row under its lock. */
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"

export type WalletCheckSchedule = { wallet_user_id: string; next_check_at: Date | null; check_count: number }

const scheduleWalletChecksStep = createStep("threepay-schedule-wallet-checks", async (input: { schedule: WalletCheckSchedule[] }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  for (const s of input.schedule) {
    await threepay.mutateWalletUser(s.wallet_user_id, () => ({ next_check_at: s.next_check_at, check_count: s.check_count }))
  }
  return new StepResponse(input.schedule.length)
})

export const scheduleWalletChecksWorkflow = createWorkflow("threepay-schedule-wallet-checks", (input: { schedule: WalletCheckSchedule[] }) => {
  return new WorkflowResponse(scheduleWalletChecksStep(input))
})
