/**
 * GET /admin/3pay/customers/:id/wallet[?limit&offset]: the customer widget's
 * data: addresses with explorer links, the balance, 3PAY's reported balance
 * and the comparison, flags, carts and the ledger's entries (newest first).
 * A customer without a wallet answers 200 with `wallet: null`.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../../../lib/errors"
import type { AdminCustomerWalletResponse } from "../../../api-types"
import { threePayModule } from "../../../context"
import type { AdminWalletQuery } from "../../../validators"
import { adminWalletDto } from "../../../wallet-view"
import { customerIdOf } from "./load"

export const GET = threepayRoute(async (req: AuthenticatedMedusaRequest<unknown, AdminWalletQuery>, res: MedusaResponse) => {
  const threepay = threePayModule(req)
  const customerId = customerIdOf(req)
  const user = await threepay.retrieveWalletUser({ customer_id: customerId })
  const q = req.validatedQuery ?? { limit: 50, offset: 0 }
  const body: AdminCustomerWalletResponse = {
    customer_id: customerId,
    wallets_enabled: threepay.getOptions().wallets.enabled,
    wallet: user ? await adminWalletDto(threepay, user, q) : null,
  }
  res.json(body)
})
