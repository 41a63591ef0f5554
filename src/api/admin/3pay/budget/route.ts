/**
 * GET /admin/3pay/budget: 3PAY's call budget as every instance of the store
 * shares it (kept in PostgreSQL): each tier's use in the current window, who
 * spent it, and the moments the plugin refused or waited. Reads the database
 * only; costs no 3PAY call.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { FIFTEEN_MINUTES_MS } from "medusa-payment-3pay-client"
import { STANDARD_RESERVE } from "../../../../lib/budget"
import { threepayRoute } from "../../../../lib/errors"
import { invoiceQuotas } from "../../../../workflows/steps/check-invoice-quota"
import type { AdminBudgetResponse } from "../api-types"
import { budgetView } from "../connection/check-connection"
import { threePayModule } from "../context"

export const GET = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminBudgetResponse>) => {
  const threepay = threePayModule(req)
  const snapshot = await threepay.getClient().rateBudgetSnapshot()
  res.setHeader("Cache-Control", "no-store")
  res.json({
    at: snapshot.at,
    window_minutes: FIFTEEN_MINUTES_MS / 60_000,
    tiers: budgetView(snapshot),
    reserves: { ...STANDARD_RESERVE },
    quotas: invoiceQuotas(threepay.getOptions()),
  })
})
