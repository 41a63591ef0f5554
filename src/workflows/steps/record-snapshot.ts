/**
 * Merges what 3PAY said into the invoice's ledger row (module service
 * `applySnapshot`, under the row's lock): received money only accumulates,
 * statuses only move forward, flags are raised, the timeline grows. Nothing
 * to compensate: what 3PAY said stays said.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import type { PaymentState } from "medusa-payment-3pay-client/store-api"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type { LedgerInvoice, LedgerSource } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"

export type RecordedSnapshot = {
  row: LedgerInvoice
  changed: boolean
  state: PaymentState
  previous_state: PaymentState
} | null

export const recordSnapshotStep = createStep(
  "threepay-record-snapshot",
  async (input: { transaction_id: string; details: InvoiceDetails | null; source: LedgerSource; note?: string }, { container }) => {
    if (!input.details) return new StepResponse<RecordedSnapshot>(null)
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const applied = await threepay.applySnapshot(input.transaction_id, input.details, input.source, input.note)
    if (!applied) return new StepResponse<RecordedSnapshot>(null)
    return new StepResponse<RecordedSnapshot>({
      row: applied.row,
      changed: applied.changed,
      state: applied.state,
      previous_state: applied.previous_state,
    })
  }
)
