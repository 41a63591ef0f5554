/**
 * Records reconciliation's schedule on the invoices it looked at: when to look
 * again, how many looks, and which ones are closed for good (expired with
 * nothing received, past their last look). Each row under its lock.
 */
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../modules/threepay"
import { notePatch } from "../modules/threepay/ledger"
import type ThreePayModuleService from "../modules/threepay/service"

export type CheckSchedule = { transaction_id: string; next_check_at: Date | null; check_count: number; closed_at: Date | null }

const scheduleChecksStep = createStep("threepay-schedule-checks", async (input: { schedule: CheckSchedule[] }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  for (const s of input.schedule) {
    await threepay.mutateInvoice(s.transaction_id, (row) => ({
      next_check_at: s.next_check_at,
      check_count: s.check_count,
      ...(s.closed_at
        ? {
            closed_at: s.closed_at,
            ...notePatch(row, { source: "reconciliation", note: "closed: expired with nothing received; 3PAY is not asked about it again" }),
          }
        : {}),
    }))
  }
  return new StepResponse(input.schedule.length)
})

export const scheduleChecksWorkflow = createWorkflow("threepay-schedule-checks", (input: { schedule: CheckSchedule[] }) => {
  return new WorkflowResponse(scheduleChecksStep(input))
})
