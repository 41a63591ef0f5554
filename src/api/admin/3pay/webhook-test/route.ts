/**
 * POST /admin/3pay/webhook-test: asks 3PAY for a test delivery and watches the
 * ledger for it. Always 200 with a verdict: a failed test is an answer, not
 * an error of this route.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminWebhookTestResponse } from "../api-types"
import { runWebhookTest } from "./run-webhook-test"
import { threePayModule, webhookUrlOf } from "../context"
import type { AdminWebhookTestBody } from "../validators"

export async function POST(
  req: AuthenticatedMedusaRequest<AdminWebhookTestBody>,
  res: MedusaResponse<AdminWebhookTestResponse>
) {
  const threepay = threePayModule(req)
  res.json(
    await runWebhookTest(threepay, {
      webhookUrl: webhookUrlOf(req, threepay).url,
      waitMs: req.validatedBody?.wait_ms,
    })
  )
}
