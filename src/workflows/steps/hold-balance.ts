/**
 * Reserves a cart's amount on its customer's balance: a hold entry, written
 * under the customer's row lock by the ledger's rules (refused when the
 * balance does not cover it). This is Medusa's authorization for a wallet
 * payment. If anything after it fails (Medusa could not make the order),
 * the compensation releases the hold: the money is available again.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ThreePayError } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { settlementKey } from "../../modules/threepay/wallet-ledger"
import type { WalletCheckoutRow } from "../../modules/threepay/wallet-rows"
import type { WalletSource } from "./read-wallet"

type HoldInput = { wallet_user_id: string; checkout: WalletCheckoutRow; hold_id: string; source: WalletSource }

export const holdBalanceStep = createStep(
  "threepay-hold-balance",
  async (input: HoldInput, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const c = input.checkout
    const r = await threepay.appendWalletEntries(input.wallet_user_id, [
      {
        id: input.hold_id,
        kind: "hold",
        amount: c.amount_usdt,
        dedupe_key: `hold:${input.hold_id}`,
        checkout_id: c.id,
        cart_id: c.cart_id,
        reason: `reserved for cart ${c.cart_id}`,
        actor: input.source,
      },
    ])
    if (r.refused.length) {
      throw new ThreePayError("threepay_balance_short", `Your USDT balance (${r.available} USDT) does not cover this cart (${c.amount_usdt} USDT).`)
    }
    await threepay.updateThreePayWalletCheckouts({ id: c.id, hold_id: input.hold_id, attempts: (c.attempts ?? 0) + 1 })
    return new StepResponse(input.hold_id, input)
  },
  async (input, { container }) => {
    if (!input) return
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    await threepay.appendWalletEntries(input.wallet_user_id, [
      {
        id: `${input.hold_id}_r`,
        kind: "release",
        amount: input.checkout.amount_usdt,
        hold_id: input.hold_id,
        dedupe_key: settlementKey(input.hold_id),
        checkout_id: input.checkout.id,
        cart_id: input.checkout.cart_id,
        reason: `released: cart ${input.checkout.cart_id} could not become an order`,
        actor: input.source,
      },
    ])
  }
)
