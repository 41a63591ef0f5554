/**
 * GET /admin/3pay/attention?limit=&offset=: payments a person must look at
 * (underpaid, overpaid, orphan, late, wrong network, failed processing), each
 * with its order id, or its cart id when no order exists.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminAttentionResponse } from "../api-types"
import { listAttention } from "./list-attention"
import { threePayModule } from "../context"
import type { AdminAttentionQuery } from "../validators"

export async function GET(
  req: AuthenticatedMedusaRequest<unknown, AdminAttentionQuery>,
  res: MedusaResponse<AdminAttentionResponse>
) {
  const { limit, offset } = req.validatedQuery as AdminAttentionQuery
  res.json(await listAttention(req.scope, threePayModule(req), { limit, offset }))
}
