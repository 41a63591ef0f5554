/**
 * GET /store/3pay/config: what the payment step needs before any invoice
 * exists (enabled networks with chain, token, contract and explorer, the
 * default network, the invoice timer and the wrong-network warning). The
 * admin's settings apply at once; nothing secret is in it.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { buildStoreConfig } from "../../../../lib/storefront/config-view"
import { THREEPAY_MODULE } from "../../../../modules/threepay"
import type ThreePayModuleService from "../../../../modules/threepay/service"
import { sendStoreError } from "../respond"

export async function GET(req: MedusaRequest, res: MedusaResponse) {
  try {
    const threepay = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const config = buildStoreConfig(await threepay.getEffectiveSettings(), threepay.getOptions().environment)
    // Short: an admin who switches a network off expects shoppers to see it soon.
    res.setHeader("Cache-Control", "public, max-age=30")
    res.json({ config })
  } catch (e) {
    sendStoreError(req, res, e)
  }
}
