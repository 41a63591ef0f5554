/**
 * POST /admin/3pay/invoices/:transaction_id/recheck: "Re-check with 3PAY".
 * Runs the sync workflow for this one invoice (the same one as webhooks,
 * locked per invoice) and answers with the refreshed invoice. Errors in our
 * JSON shape: 404 `threepay_invoice_not_found`, 429 busy, 503 unreachable.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ThreePayError, threepayRoute } from "../../../../../../lib/errors"
import { syncInvoiceWorkflow } from "../../../../../../workflows/sync-invoice"
import type { AdminRecheckResponse } from "../../../api-types"
import { threePayModule } from "../../../context"
import { invoiceDto } from "../../../invoice-dto"
import { TransactionIdParamSchema } from "../../../validators"

const notFound = () => new ThreePayError("threepay_invoice_not_found", "This store has no 3PAY invoice with that id.")

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const params = TransactionIdParamSchema.safeParse(req.params)
  if (!params.success) throw notFound()
  const threepay = threePayModule(req)
  const txId = params.data.transaction_id
  if (!(await threepay.retrieveInvoiceByTransaction(txId))) throw notFound()
  const { result } = await syncInvoiceWorkflow(req.scope).run({
    input: { transaction_id: txId, source: "admin", note: "re-checked from the admin" },
  })
  const row = await threepay.retrieveInvoiceByTransaction(txId)
  if (!row) throw notFound()
  const body: AdminRecheckResponse = {
    result: { state: result.state ?? null, changed: !!result.changed, outcome: result.outcome ?? null, order_id: result.order_id ?? row.order_id ?? null },
    invoice: invoiceDto(row),
  }
  res.json(body)
})
