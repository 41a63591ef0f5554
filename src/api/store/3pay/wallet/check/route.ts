/**
 * POST /store/3pay/wallet/check: "I have sent it". Re-reads the customer's
 * wallet at 3PAY now (balance first: one call when nothing new arrived),
 * credits what arrived and lets each new deposit complete a waiting cart.
 * At most one look per customer every 10 seconds; sooner, the answer is the
 * ledger's as it is.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../../lib/errors"
import { settleWalletCarts } from "../../../../../lib/wallet-settlement"
import { walletView } from "../../../../../lib/wallet-view"
import { THREEPAY_MODULE } from "../../../../../modules/threepay"
import type ThreePayModuleService from "../../../../../modules/threepay/service"
import { requireWallets } from "../../../../../workflows/steps/load-wallet-customer"
import { syncWalletWorkflow } from "../../../../../workflows/sync-wallet"
import { customerOf } from "../customer"

const MIN_INTERVAL_MS = 10_000

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const threepay = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  requireWallets(threepay)
  const customerId = customerOf(req)
  const user = await threepay.retrieveWalletUser({ customer_id: customerId })
  if (user) {
    const last = user.last_synced_at ? new Date(user.last_synced_at as unknown as Date).getTime() : 0
    if (Date.now() - last >= MIN_INTERVAL_MS) {
      await syncWalletWorkflow(req.scope).run({ input: { customer_id: customerId, source: "storefront", mode: "balance_first" } })
    }
    await settleWalletCarts(req.scope, customerId, { source: "storefront" })
  }
  const fresh = await threepay.retrieveWalletUser({ customer_id: customerId })
  res.setHeader("Cache-Control", "no-store")
  res.json({ wallet: await walletView(threepay, fresh, (await threepay.getEffectiveSettings()).networks) })
})

