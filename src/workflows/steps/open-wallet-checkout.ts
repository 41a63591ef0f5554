/**
 * The wallet checkout's ledger row (models/wallet-checkout.ts): opened
 * before Medusa's session (the session's hand-over names it), bound to the
 * session after. A cart that comes back (another network, a second click)
 * re-opens its one row. Showing the address counts as "an address was
 * shown": reconciliation watches the wallet for a while (lib/reconcile-wallets.ts).
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { HANDOFF_FIELD, issueHandoff } from "../../lib/handoff"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { WalletCheckoutRow, WalletUserRow } from "../../modules/threepay/wallet-rows"
import type { WalletCheckoutPlan } from "./load-wallet-checkout"

export const openWalletCheckoutStep = createStep(
  "threepay-open-wallet-checkout",
  async (input: { plan: WalletCheckoutPlan; wallet: WalletUserRow }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const p = input.plan
    const row = await threepay.openWalletCheckout({
      wallet_user_id: input.wallet.id,
      customer_id: p.customer_id,
      cart_id: p.cart_id,
      payment_collection_id: p.payment_collection_id,
      payment_session_id: null,
      network: p.network,
      amount_usdt: p.amount_usdt,
      currency_code: p.currency_code,
      amount: p.amount,
      exchange_rate: p.exchange_rate,
    })
    return new StepResponse(row, row.id)
  },
  async (id, { container }) => {
    if (!id) return
    await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).updateThreePayWalletCheckouts({ id, status: "canceled", last_error: "the session could not be opened" })
  }
)

/** The session `data` the provider reads: a one-time reference to what it must show (lib/handoff.ts). */
export const issueWalletCheckoutHandoffStep = createStep(
  "threepay-issue-wallet-checkout-handoff",
  async (input: { plan: WalletCheckoutPlan; checkout: WalletCheckoutRow }) => {
    const p = input.plan
    const ref = issueHandoff({
      kind: "wallet_checkout",
      payment_collection_id: p.payment_collection_id,
      cart_id: p.cart_id,
      checkout_ref: input.checkout.id,
      network: p.network,
      amount_due_usdt: p.amount_usdt,
      amount: p.amount,
      currency_code: p.currency_code,
      exchange_rate: p.exchange_rate,
    })
    return new StepResponse({ network: p.network, [HANDOFF_FIELD]: ref })
  }
)

export const bindWalletSessionStep = createStep(
  "threepay-bind-wallet-session",
  async (input: { checkout_id: string; wallet_user_id: string; session_id: string }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    await threepay.updateThreePayWalletCheckouts({ id: input.checkout_id, payment_session_id: input.session_id })
    await threepay.updateThreePayWalletUsers({ id: input.wallet_user_id, address_shown_at: new Date(), next_check_at: null, check_count: 0 })
    return new StepResponse(input.session_id)
  }
)
