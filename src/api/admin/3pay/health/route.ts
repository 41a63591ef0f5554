/**
 * GET /admin/3pay/health: webhook health from the ledger (deliveries per
 * outcome over 24 h and 7 days, failed and dead events, payments only
 * reconciliation saw, the last reconciliation run) with a verdict.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminHealthResponse } from "../api-types"
import { webhookHealth } from "./webhook-health"
import { threePayModule } from "../context"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminHealthResponse>) {
  res.json(await webhookHealth(threePayModule(req)))
}
