/** The wallet of the customer in the path, or the answer that there is none. */
import type { AuthenticatedMedusaRequest } from "@medusajs/framework/http"
import { ThreePayError } from "../../../../../../lib/errors"
import type { WalletUserRow } from "../../../../../../modules/threepay/wallet-rows"
import { threePayModule } from "../../../context"
import { CustomerIdParamSchema } from "../../../validators"

export function customerIdOf(req: AuthenticatedMedusaRequest): string {
  const p = CustomerIdParamSchema.safeParse(req.params)
  if (!p.success) throw new ThreePayError("threepay_wallet_not_found", "This customer has no USDT wallet.")
  return p.data.id
}

export async function walletOf(req: AuthenticatedMedusaRequest): Promise<WalletUserRow> {
  const user = await threePayModule(req).retrieveWalletUser({ customer_id: customerIdOf(req) })
  if (!user) throw new ThreePayError("threepay_wallet_not_found", "This customer has no USDT wallet.")
  return user
}
