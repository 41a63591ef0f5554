/**
 * POST /hooks/3pay — the URL a store owner enters in the 3PAY dashboard.
 * Body parsing is off for this route (see api/middlewares.ts) so the
 * signature is checked on the exact bytes 3PAY signed.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { readRawBody } from "../../../lib/raw-body"
import { receiveWebhook } from "../../../lib/webhook-intake"
import { THREEPAY_MODULE } from "../../../modules/threepay"
import type ThreePayModuleService from "../../../modules/threepay/service"

export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const threepay = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const body = await readRawBody(req, threepay.getOptions().webhookMaxBytes)
  const result = await receiveWebhook(req.scope, { ...body, headers: req.headers })
  res.status(result.status).json(result.body)
}
