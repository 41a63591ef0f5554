/**
 * The 3PAY user a refund is withdrawn for must exist with a generated wallet
 * (3PAY refuses a withdrawal for a user without one). Reused when it is
 * known to exist (the customer's wallet, or an earlier refund of the same
 * user that reached 3PAY); otherwise generated through the wallets' one
 * caller (generate-wallet.ts), whose derived user id makes a repeat harmless.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { generateWalletFor } from "./generate-wallet"

export const ensureRefundUserStep = createStep(
  "threepay-ensure-refund-user",
  async (input: { user_id: string; owner: { customer_id: string; email: string } }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    if (await threepay.retrieveWalletUser({ user_id: input.user_id })) return new StepResponse({ generated: false })
    const [earlier] = await threepay.listThreePayRefunds({ user_id: input.user_id, requested_at: { $ne: null } }, { take: 1, select: ["id"] })
    if (earlier) return new StepResponse({ generated: false })
    await generateWalletFor(container, input.owner)
    return new StepResponse({ generated: true })
  }
)
