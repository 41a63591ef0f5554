/**
 * POST /admin/3pay/customers/:id/wallet/adjustments `{ amount, reason }`: a
 * correction of the customer's balance (a refund to the balance, a deposit
 * 3PAY confirmed by hand...), through the adjustment workflow: one ledger
 * entry with the reason and the admin who made it. 409 `threepay_balance_short`
 * when it would take more than is available.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../../../../lib/errors"
import { adjustWalletWorkflow } from "../../../../../../../workflows/adjust-wallet"
import type { AdminWalletAdjustmentResponse } from "../../../../api-types"
import { actorOf, threePayModule } from "../../../../context"
import type { AdminWalletAdjustmentBodyType } from "../../../../validators"
import { adminEntryDto, adminWalletDto } from "../../../../wallet-view"
import { walletOf } from "../load"

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest<AdminWalletAdjustmentBodyType>, res: MedusaResponse) => {
  const user = await walletOf(req)
  const { amount, reason } = req.validatedBody
  const { result } = await adjustWalletWorkflow(req.scope).run({
    input: { customer_id: user.customer_id, amount, reason, actor: actorOf(req) ?? "admin" },
  })
  const body: AdminWalletAdjustmentResponse = { entry: adminEntryDto(result, user.environment), wallet: await adminWalletDto(threePayModule(req), user) }
  res.status(201).json(body)
})
