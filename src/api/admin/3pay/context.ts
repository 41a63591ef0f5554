/**
 * What every /admin/3pay route needs from a request: the plugin's module, the
 * webhook URL to show, and who is acting (for the settings' `updated_by`).
 */
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { THREEPAY_MODULE } from "../../../modules/threepay"
import type ThreePayModuleService from "../../../modules/threepay/service"
import { webhookUrlFor } from "./webhook-url"
import type { WebhookUrlDto } from "./api-types"

export function threePayModule(req: AuthenticatedMedusaRequest): ThreePayModuleService {
  return req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE)
}

export function webhookUrlOf(req: AuthenticatedMedusaRequest, threepay: ThreePayModuleService): WebhookUrlDto {
  const o = threepay.getOptions()
  const header = (name: string) => {
    const v = req.headers[name]
    return Array.isArray(v) ? v[0] : v
  }
  return webhookUrlFor(o.backendUrl, o.environment, {
    protocol: req.protocol,
    host: header("host"),
    forwardedProto: header("x-forwarded-proto"),
    forwardedHost: header("x-forwarded-host"),
  })
}

/** "user:user_01…" or "api-key:apk_01…": both may administer 3PAY. */
export function actorOf(req: AuthenticatedMedusaRequest): string | undefined {
  const a = req.auth_context
  return a?.actor_id ? `${a.actor_type}:${a.actor_id}` : undefined
}
