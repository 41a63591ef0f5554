/**
 * GET  /admin/3pay/settings  what is in force, the options' bounds, connection facts (no secrets), the webhook URL.
 * POST /admin/3pay/settings  saves a partial update (a workflow); 400 `threepay_settings_invalid` naming the field.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../lib/errors"
import { saveSettingsWorkflow } from "../../../../workflows/save-settings"
import type { AdminSettingsResponse } from "../api-types"
import { actorOf, threePayModule, webhookUrlOf } from "../context"
import type { AdminSaveSettingsBody } from "../validators"
import { settingsView, toSettingsInput } from "./settings-view"

export const GET = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSettingsResponse>) => {
  const threepay = threePayModule(req)
  const effective = await threepay.getEffectiveSettings()
  res.json(settingsView(threepay.getOptions(), effective, threepay.getClient().baseUrl, webhookUrlOf(req, threepay)))
})

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest<AdminSaveSettingsBody>, res: MedusaResponse) => {
  const threepay = threePayModule(req)
  const { result: effective } = await saveSettingsWorkflow(req.scope).run({
    input: { values: toSettingsInput(req.validatedBody), actor: actorOf(req) ?? null },
  })
  const body: AdminSettingsResponse = settingsView(threepay.getOptions(), effective, threepay.getClient().baseUrl, webhookUrlOf(req, threepay))
  res.json(body)
})
