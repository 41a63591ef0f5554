/** A customer's wallet user, which must exist (a sync or a settlement of a customer without one is a bug or a race). */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ThreePayError } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export const loadWalletUserStep = createStep("threepay-load-wallet-user", async (input: { customer_id: string }, { container }) => {
  const user = await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).retrieveWalletUser({ customer_id: input.customer_id })
  if (!user) throw new ThreePayError("threepay_wallet_not_found", "This customer has no USDT addresses yet.")
  return new StepResponse(user)
})
