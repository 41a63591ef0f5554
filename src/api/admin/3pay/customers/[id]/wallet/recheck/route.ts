/**
 * POST /admin/3pay/customers/:id/wallet/recheck: reads the customer's wallet
 * at 3PAY now (balance and transaction list, the admin's budget), credits
 * what arrived, compares the balances, and lets new deposits complete
 * waiting carts: the same workflows as webhooks.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../../../../lib/errors"
import { settleWalletCarts } from "../../../../../../../lib/wallet-settlement"
import { syncWalletWorkflow } from "../../../../../../../workflows/sync-wallet"
import type { AdminWalletRecheckResponse } from "../../../../api-types"
import { threePayModule } from "../../../../context"
import { adminWalletDto } from "../../../../wallet-view"
import { walletOf } from "../load"

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const user = await walletOf(req)
  const { result } = await syncWalletWorkflow(req.scope).run({ input: { customer_id: user.customer_id, source: "admin", mode: "list" } })
  const settled = await settleWalletCarts(req.scope, user.customer_id, { source: "admin" })
  const threepay = threePayModule(req)
  const fresh = (await threepay.retrieveWalletUser({ id: user.id }))!
  const body: AdminWalletRecheckResponse = {
    result: { credited: result.credited.length, difference: result.difference, orders: settled.orders },
    wallet: await adminWalletDto(threepay, fresh),
  }
  res.json(body)
})
