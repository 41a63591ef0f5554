/**
 * Asks 3PAY about an invoice this store created (verify), or takes the copy
 * reconciliation fetched from 3PAY's list moments ago. An invoice the ledger
 * does not know (another store's, or a forged id) costs no call to 3PAY.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { spend } from "../../lib/budget"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type { LedgerSource } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"

export type ReadInvoiceInput = {
  transaction_id: string
  /** Who asks: the budget reserves 3PAY calls for money first (lib/budget.ts). */
  source: LedgerSource
  /** A copy fetched from 3PAY's API moments ago (reconciliation's list page). */
  snapshot?: InvoiceDetails | null
}

export const readInvoiceStep = createStep("threepay-read-invoice", async (input: ReadInvoiceInput, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  if (!(await threepay.retrieveInvoiceByTransaction(input.transaction_id))) {
    return new StepResponse<InvoiceDetails | null>(null)
  }
  const details = input.snapshot ?? (await threepay.getClient().verifyInvoice(input.transaction_id, spend(input.source)))
  return new StepResponse<InvoiceDetails | null>(details)
})
