/**
 * GET /store/3pay/config: what the payment step needs before any invoice
 * exists (enabled networks with chain, token, contract and explorer, the
 * default network, the invoice timer and the wrong-network warning). The
 * admin's settings apply at once; nothing secret is in it.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../lib/errors"
import { THREEPAY_MODULE } from "../../../../modules/threepay"
import type ThreePayModuleService from "../../../../modules/threepay/service"
import { buildStoreConfig } from "./store-config"

export const GET = threepayRoute(async (req: MedusaRequest, res: MedusaResponse) => {
  const threepay = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const config = buildStoreConfig(await threepay.getEffectiveSettings(), threepay.getOptions().environment)
  // Short: an admin who switches a network off expects shoppers to see it soon.
  res.setHeader("Cache-Control", "public, max-age=30")
  res.json({ config })
})
