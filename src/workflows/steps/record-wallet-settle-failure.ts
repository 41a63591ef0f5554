/** A wallet settlement that failed (Medusa could not make the order): counted on the checkout; after the last try the cart stops waiting and the wallet is flagged. */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { withFlags } from "../../modules/threepay/attention"
import type ThreePayModuleService from "../../modules/threepay/service"
import { MAX_SETTLE_ATTEMPTS } from "./plan-wallet-settlement"

export const recordWalletSettleFailureStep = createStep(
  "threepay-record-wallet-settle-failure",
  async (input: { checkout_id: string; message: string }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const [c] = await threepay.listThreePayWalletCheckouts({ id: input.checkout_id }, { take: 1 })
    if (!c) return new StepResponse("skipped")
    const failed = (c.attempts ?? 0) >= MAX_SETTLE_ATTEMPTS
    await threepay.updateThreePayWalletCheckouts({ id: c.id, last_error: input.message.slice(0, 1000), ...(failed ? { status: "failed" as const } : {}) })
    if (failed) {
      await threepay.mutateWalletUser(c.wallet_user_id, (row) => {
        const { flags } = withFlags(row.attention, [{ code: "failed_processing", detail: `cart ${c.cart_id}: ${input.message.slice(0, 250)}` }])
        return { attention: flags as Record<string, unknown>, attention_resolved_at: null }
      })
    }
    return new StepResponse(failed ? "failed" : "will retry")
  }
)
