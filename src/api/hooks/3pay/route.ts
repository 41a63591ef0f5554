/**
 * POST /hooks/3pay: the URL a store owner enters in the 3PAY dashboard.
 * Body parsing is off for this route (see api/middlewares.ts) so the
 * signature is checked on the exact bytes 3PAY signed. Every request, valid
 * or not, is recorded before the answer; processing happens afterwards.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { THREEPAY_MODULE } from "../../../modules/threepay"
import type ThreePayModuleService from "../../../modules/threepay/service"
import { recordWebhookDeliveryWorkflow } from "../../../workflows/record-webhook-delivery"
import { examineDelivery } from "./examine-delivery"
import { readRawBody } from "./raw-body"

export async function POST(req: MedusaRequest, res: MedusaResponse) {
  const options = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE).getOptions()
  const body = await readRawBody(req, options.webhookMaxBytes)
  const delivery = examineDelivery(options, { ...body, headers: req.headers })
  const { result } = await recordWebhookDeliveryWorkflow(req.scope).run({ input: delivery })
  if (delivery.kind === "rejected") {
    res.status(delivery.http_status).json({ code: delivery.code, message: delivery.message })
    return
  }
  res.status(200).json({ received: true, event_id: result.event_id, duplicate: result.duplicate, test: delivery.is_test })
}
