/**
 * POST /admin/3pay/invoices/:transaction_id/resolve { note? }: "Mark as
 * handled". Takes the invoice off the "Needs attention" list (a new flag puts
 * it back) and notes who handled it, when and how, on its timeline.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ThreePayError, threepayRoute } from "../../../../../../lib/errors"
import { resolveAttentionWorkflow } from "../../../../../../workflows/resolve-attention"
import { actorOf } from "../../../context"
import { invoiceDto } from "../../../invoice-dto"
import { TransactionIdParamSchema, type AdminResolveBody } from "../../../validators"

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest<AdminResolveBody>, res: MedusaResponse) => {
  const params = TransactionIdParamSchema.safeParse(req.params)
  if (!params.success) throw new ThreePayError("threepay_invoice_not_found", "This store has no 3PAY invoice with that id.")
  const { result } = await resolveAttentionWorkflow(req.scope).run({
    input: { transaction_id: params.data.transaction_id, actor: actorOf(req) ?? null, note: req.validatedBody?.note?.trim() || null },
  })
  res.json({ invoice: invoiceDto(result) })
})
