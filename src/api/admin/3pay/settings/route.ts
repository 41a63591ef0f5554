/**
 * GET  /admin/3pay/settings  what is in force, the options' bounds, connection facts (no secrets), the webhook URL.
 * POST /admin/3pay/settings  saves a partial update; 400 `threepay_settings_invalid` naming the field.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminSettingsResponse } from "../../../../lib/admin/api-types"
import { settingsView, toSettingsInput } from "../../../../lib/admin/settings-view"
import { sendThreePayError } from "../../../utils/send-error"
import { actorOf, threePayModule, webhookUrlOf } from "../context"
import type { AdminSaveSettingsBody } from "../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminSettingsResponse>) {
  const threepay = threePayModule(req)
  const effective = await threepay.getEffectiveSettings()
  res.json(settingsView(threepay.getOptions(), effective, threepay.getClient().baseUrl, webhookUrlOf(req, threepay)))
}

export async function POST(req: AuthenticatedMedusaRequest<AdminSaveSettingsBody>, res: MedusaResponse) {
  const threepay = threePayModule(req)
  try {
    const effective = await threepay.saveSettings(toSettingsInput(req.validatedBody), actorOf(req))
    const body: AdminSettingsResponse = settingsView(
      threepay.getOptions(),
      effective,
      threepay.getClient().baseUrl,
      webhookUrlOf(req, threepay)
    )
    res.json(body)
  } catch (e) {
    sendThreePayError(req, res, e)
  }
}
