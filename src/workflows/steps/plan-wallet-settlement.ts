/**
 * Decides which cart a customer's balance pays now, from the ledger and
 * Medusa's state; one decision, made here:
 *
 * - a given checkout (the shopper opened it, or asked again): that cart, if
 *   the balance covers it;
 * - a deposit (`trigger`): the oldest waiting cart the balance covers, and
 *   only one: a deposit completes at most one cart (the next waits for its
 *   own deposit, or for its shopper);
 * - a waiting cart whose session is gone, whose total changed or which is
 *   already an order is no longer waiting (`stale`).
 *
 * Pure reads (the ledger, Medusa's collections): nothing to compensate.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import { isWalletProvider } from "medusa-payment-3pay-client/store-api"
import { quoteUsdt } from "../../lib/amounts"
import { cartIsOrder, loadCollectionState } from "../../lib/collection-state"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { foldWallet, type FoldableEntry } from "../../modules/threepay/wallet-ledger"
import type { WalletCheckoutRow, WalletUserRow } from "../../modules/threepay/wallet-rows"

/** Tries per cart before the store is asked to look (the order could not be made: stock, a lock...). */
export const MAX_SETTLE_ATTEMPTS = 5

export type WalletSettlementPlan = {
  action: "settle" | "none"
  outcome: string
  user: WalletUserRow | null
  checkout: WalletCheckoutRow | null
  session: { id: string; amount: string } | null
  /** The hold entry's id, chosen here so the hand-over and the ledger name the same hold. */
  hold_id: string | null
  trigger_entry_id: string | null
  /** The deposit had no cart to complete: it is spent as a trigger. */
  close_trigger: boolean
  stale: Array<{ id: string; reason: string }>
}

/** Why a waiting checkout can no longer be paid, or null. */
async function staleReason(container: MedusaContainer, c: WalletCheckoutRow, rates: Record<string, string>): Promise<string | null> {
  const state = await loadCollectionState(container, c.payment_collection_id)
  if (!state?.cart) return "its cart is gone"
  if (cartIsOrder(state)) return `its cart is already an order${state.order ? ` (${state.order.id})` : ""}`
  const session = state.sessions.find((s) => isWalletProvider(s.provider_id) && s.id === c.payment_session_id)
  if (!session) return "the shopper chose another payment, or the cart changed"
  if (quoteUsdt(state.amount, state.currency_code, rates).usdt !== c.amount_usdt) return "the cart's total changed"
  return null
}

export async function planWalletSettlement(
  container: MedusaContainer,
  input: { customer_id: string; checkout_id?: string | null; trigger_entry_id?: string | null }
): Promise<WalletSettlementPlan> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const none = (outcome: string, extra: Partial<WalletSettlementPlan> = {}): WalletSettlementPlan => ({
    action: "none",
    outcome,
    user: null,
    checkout: null,
    session: null,
    hold_id: null,
    trigger_entry_id: input.trigger_entry_id ?? null,
    close_trigger: false,
    stale: [],
    ...extra,
  })
  const user = await threepay.retrieveWalletUser({ customer_id: input.customer_id })
  if (!user) return none("no wallet")
  const entries = await threepay.listWalletEntries(user.id)
  if (input.trigger_entry_id && !entries.some((e) => e.id === input.trigger_entry_id && e.trigger_open)) {
    return none("this deposit already completed a cart, or had none to complete", { user })
  }
  const available = foldWallet(entries as unknown as FoldableEntry[]).available
  const waiting = (await threepay.listWaitingCheckouts(input.customer_id)).filter(
    (c) => (!input.checkout_id || c.id === input.checkout_id) && (c.attempts ?? 0) < MAX_SETTLE_ATTEMPTS
  )
  const rates = threepay.getOptions().exchangeRates
  const stale: WalletSettlementPlan["stale"] = []
  for (const c of waiting) {
    const reason = await staleReason(container, c, rates)
    if (reason) {
      stale.push({ id: c.id, reason })
      continue
    }
    if (toMicro(c.amount_usdt) > available) continue
    const state = await loadCollectionState(container, c.payment_collection_id)
    const session = state!.sessions.find((s) => s.id === c.payment_session_id)!
    return {
      ...none(`pays cart ${c.cart_id} (${c.amount_usdt} USDT) from ${fromMicro(available)} USDT`, { user, stale }),
      action: "settle",
      checkout: c,
      session: { id: session.id, amount: session.amount },
      hold_id: generateEntityId(undefined, "tpwe"),
    }
  }
  return none(waiting.length ? `${fromMicro(available)} USDT covers no waiting cart` : "no cart is waiting", {
    user,
    stale,
    close_trigger: !!input.trigger_entry_id,
  })
}

export const planWalletSettlementStep = createStep(
  "threepay-plan-wallet-settlement",
  async (input: { customer_id: string; checkout_id?: string | null; trigger_entry_id?: string | null }, { container }) => {
    return new StepResponse(await planWalletSettlement(container, input))
  }
)
