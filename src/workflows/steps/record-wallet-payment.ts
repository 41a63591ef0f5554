/**
 * After Medusa's processPaymentWorkflow: if the cart is an order with its
 * payment captured, the hold becomes a debit (Medusa's capture), the
 * checkout is paid, and the deposit that triggered it is spent. It never
 * throws: a failure here would make Medusa cancel the payment it just
 * captured. A hold left open (the order not there yet) is finished by the
 * next settlement (steps/finish-open-holds.ts).
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { loadCollectionState } from "../../lib/collection-state"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { settlementKey } from "../../modules/threepay/wallet-ledger"
import type { WalletCheckoutRow, WalletEntryRow } from "../../modules/threepay/wallet-rows"

export type WalletPaymentResult = { applied: boolean; order_id: string | null; outcome: string; debit: WalletEntryRow | null }

/** Debits a hold for the order that took it; marks the checkout paid and the trigger spent. */
export async function debitHold(
  threepay: ThreePayModuleService,
  input: { wallet_user_id: string; checkout: WalletCheckoutRow; hold_id: string; order_id: string; trigger_entry_id: string | null; actor: string }
): Promise<WalletEntryRow | null> {
  const c = input.checkout
  const r = await threepay.appendWalletEntries(input.wallet_user_id, [
    {
      id: `${input.hold_id}_d`,
      kind: "debit",
      amount: c.amount_usdt,
      hold_id: input.hold_id,
      dedupe_key: settlementKey(input.hold_id),
      checkout_id: c.id,
      cart_id: c.cart_id,
      order_id: input.order_id,
      reason: `paid order ${input.order_id}`,
      actor: input.actor,
    },
  ])
  await threepay.updateThreePayWalletCheckouts({
    id: c.id,
    status: "paid",
    order_id: input.order_id,
    paid_at: new Date(),
    last_error: null,
    ...(input.trigger_entry_id ? { settled_by_entry_id: input.trigger_entry_id } : {}),
  })
  if (input.trigger_entry_id) await threepay.updateThreePayWalletEntries({ id: input.trigger_entry_id, trigger_open: false })
  // The hold names the order too: the admin's order card finds every entry that paid it.
  await threepay.updateThreePayWalletEntries({ id: input.hold_id, order_id: input.order_id })
  return r.written[0] ?? null
}

export const recordWalletPaymentStep = createStep(
  "threepay-record-wallet-payment",
  async (
    input: { wallet_user_id: string; checkout: WalletCheckoutRow; hold_id: string; trigger_entry_id: string | null; source: string },
    { container }
  ) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    try {
      const after = await loadCollectionState(container, input.checkout.payment_collection_id)
      if (!after?.order || !after.captured.length) {
        return new StepResponse<WalletPaymentResult>({
          applied: false,
          order_id: after?.order?.id ?? null,
          outcome: `cart ${input.checkout.cart_id} is not an order with a captured payment yet`,
          debit: null,
        })
      }
      const debit = await debitHold(threepay, { ...input, order_id: after.order.id, actor: input.source })
      return new StepResponse<WalletPaymentResult>({ applied: true, order_id: after.order.id, outcome: `order ${after.order.id}`, debit })
    } catch (e) {
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`[3pay] could not record the wallet payment of cart ${input.checkout.cart_id}: ${(e as Error).message}`)
      return new StepResponse<WalletPaymentResult>({ applied: false, order_id: null, outcome: `not recorded: ${(e as Error).message}`, debit: null })
    }
  }
)
