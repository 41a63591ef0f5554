/**
 * GET /admin/3pay/connection: does the API key work? One cheap call to 3PAY
 * (kept out of checkout's share of the rate budget), answered as a verdict
 * (ok, wrong_key, wrong_environment, unreachable, threepay_error, busy,
 * unexpected) with a sentence for the store owner, plus the budget snapshot.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { AdminConnectionResponse } from "../api-types"
import { checkConnection } from "./check-connection"
import { threePayModule } from "../context"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminConnectionResponse>) {
  const threepay = threePayModule(req)
  const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
  const report = await checkConnection(threepay.getClient(), {
    apiSecretSet: !!threepay.getOptions().apiSecret,
    // Client errors are redacted (no key, no secret), so the message may be logged.
    onUnexpected: (e) => logger.warn(`[3pay] connection check failed unexpectedly: ${(e as Error)?.message ?? e}`),
  })
  res.json(report)
}
