/**
 * POST /admin/3pay/invoices/:transaction_id/recheck: "Re-check with 3PAY".
 * Runs the reconciliation of this one invoice (the same workflow as webhooks,
 * locked per invoice) and answers with the refreshed invoice. Errors in our
 * JSON shape: 404 `threepay_invoice_not_found`, 429 busy, 503 unreachable.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { AdminRecheckResponse } from "../../../../../../lib/admin/api-types"
import { invoiceDto } from "../../../../../../lib/admin/invoice-dto"
import { ERROR_CODES } from "../../../../../../lib/error-codes"
import { syncInvoiceWorkflow } from "../../../../../../workflows/sync-invoice"
import { sendThreePayError } from "../../../../../utils/send-error"
import { threePayModule } from "../../../context"
import { TransactionIdParamSchema } from "../../../validators"

const notFound = () =>
  new MedusaError(MedusaError.Types.NOT_FOUND, "This store has no 3PAY invoice with that id.", ERROR_CODES.INVOICE_NOT_FOUND)

export async function POST(req: AuthenticatedMedusaRequest, res: MedusaResponse) {
  try {
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
    const r = result as { state?: string | null; changed?: boolean; outcome?: string; order_id?: string | null }
    const body: AdminRecheckResponse = {
      result: { state: r.state ?? null, changed: !!r.changed, outcome: r.outcome ?? null, order_id: r.order_id ?? row.order_id ?? null },
      invoice: invoiceDto(row),
    }
    res.json(body)
  } catch (e) {
    sendThreePayError(req, res, e)
  }
}
