/**
 * Holds a settlement left open (its order was made but not recorded, or
 * the process died between the hold and the order): each is finished
 * before anything new is decided. The cart became an order: debit. It did
 * not: release. Checkouts that can no longer be paid are closed, and a
 * deposit that found no cart to complete is spent as a trigger.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadCollectionState } from "../../lib/collection-state"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { foldWallet, settlementKey, type FoldableEntry } from "../../modules/threepay/wallet-ledger"
import { debitHold } from "./record-wallet-payment"

export const finishOpenHoldsStep = createStep("threepay-finish-open-holds", async (input: { customer_id: string; source: string }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const user = await threepay.retrieveWalletUser({ customer_id: input.customer_id })
  if (!user) return new StepResponse(0)
  const open = foldWallet((await threepay.listWalletEntries(user.id)) as unknown as FoldableEntry[]).open_holds
  let finished = 0
  for (const holdId of open.keys()) {
    const [checkout] = await threepay.listThreePayWalletCheckouts({ hold_id: holdId }, { take: 1 })
    if (!checkout) continue
    const state = await loadCollectionState(container, checkout.payment_collection_id)
    if (state?.order && state.captured.length) {
      await debitHold(threepay, { wallet_user_id: user.id, checkout, hold_id: holdId, order_id: state.order.id, trigger_entry_id: null, actor: input.source })
    } else {
      await threepay.appendWalletEntries(user.id, [
        {
          id: `${holdId}_r`,
          kind: "release",
          amount: checkout.amount_usdt,
          hold_id: holdId,
          dedupe_key: settlementKey(holdId),
          checkout_id: checkout.id,
          cart_id: checkout.cart_id,
          reason: `released: cart ${checkout.cart_id} did not become an order`,
          actor: input.source,
        },
      ])
    }
    finished++
  }
  return new StepResponse(finished)
})

export const closeWalletCheckoutsStep = createStep(
  "threepay-close-wallet-checkouts",
  async (input: { stale: Array<{ id: string; reason: string }>; close_trigger_id: string | null }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    for (const s of input.stale) await threepay.updateThreePayWalletCheckouts({ id: s.id, status: "canceled", last_error: s.reason })
    if (input.close_trigger_id) await threepay.updateThreePayWalletEntries({ id: input.close_trigger_id, trigger_open: false })
    return new StepResponse(input.stale.length)
  }
)
