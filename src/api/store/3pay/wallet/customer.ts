/** The logged-in customer of a /store/3pay/wallet request (authenticated by the routes' middleware). */
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ThreePayError } from "../../../../lib/errors"

export function customerOf(req: AuthenticatedMedusaRequest): string {
  const a = req.auth_context
  if (a?.actor_type !== "customer" || !a.actor_id) throw new ThreePayError("threepay_login_required", "Log in to see your USDT balance.")
  return a.actor_id
}
