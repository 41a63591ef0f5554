/**
 * POST /admin/3pay/invoices/:transaction_id/resolve { note? }: "Mark as
 * handled". Takes the invoice off the "Needs attention" list (a new flag puts
 * it back) and notes who handled it, when and how, on its timeline.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { invoiceDto } from "../../../../../../lib/admin/invoice-dto"
import { ERROR_CODES } from "../../../../../../lib/error-codes"
import { sendThreePayError } from "../../../../../utils/send-error"
import { actorOf, threePayModule } from "../../../context"
import { TransactionIdParamSchema, type AdminResolveBody } from "../../../validators"

export async function POST(req: AuthenticatedMedusaRequest<AdminResolveBody>, res: MedusaResponse) {
  try {
    const params = TransactionIdParamSchema.safeParse(req.params)
    const row = params.success
      ? await threePayModule(req).resolveAttention(
          params.data.transaction_id,
          actorOf(req) ?? null,
          req.validatedBody?.note?.trim() || null
        )
      : null
    if (!row) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, "This store has no 3PAY invoice with that id.", ERROR_CODES.INVOICE_NOT_FOUND)
    }
    res.json({ invoice: invoiceDto(row) })
  } catch (e) {
    sendThreePayError(req, res, e)
  }
}
