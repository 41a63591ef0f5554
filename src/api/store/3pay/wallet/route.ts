/**
 * GET /store/3pay/wallet: the logged-in customer's USDT addresses, balance
 * and newest entries (the database only, never 3PAY).
 * POST /store/3pay/wallet: makes the addresses on first use (one Wallet Gen
 * call, within the same quotas as invoices); 201 when made, 200 when they existed.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../lib/errors"
import { requesterHashOfRequest } from "../../../../lib/requester"
import { walletView } from "../../../../lib/wallet-view"
import { THREEPAY_MODULE } from "../../../../modules/threepay"
import type ThreePayModuleService from "../../../../modules/threepay/service"
import { requireWallets } from "../../../../workflows/steps/load-wallet-customer"
import { createWalletWorkflow } from "../../../../workflows/create-wallet"
import { customerOf } from "./customer"

export const GET = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const threepay = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  requireWallets(threepay)
  const user = await threepay.retrieveWalletUser({ customer_id: customerOf(req) })
  res.setHeader("Cache-Control", "private, no-store")
  res.json({ wallet: await walletView(threepay, user, (await threepay.getEffectiveSettings()).networks) })
})

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const threepay = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const { result } = await createWalletWorkflow(req.scope).run({
    input: { customer_id: customerOf(req), requester_hash: requesterHashOfRequest(req, threepay.getOptions()) },
  })
  // The addresses are now shown: reconciliation watches for a deposit for a while.
  await threepay.updateThreePayWalletUsers({ id: result.wallet.id, address_shown_at: new Date(), next_check_at: null, check_count: 0 })
  res.setHeader("Cache-Control", "no-store")
  res.status(result.created ? 201 : 200).json({ wallet: await walletView(threepay, result.wallet, (await threepay.getEffectiveSettings()).networks) })
})
