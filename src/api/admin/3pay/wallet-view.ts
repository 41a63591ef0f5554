/**
 * A customer's wallet as the admin sees it (types in api-types.ts): the
 * addresses with explorer links, the balance folded from the ledger, 3PAY's
 * reported balance beside what the ledger expects, flags, carts, entries.
 */
import { explorerAddressUrl, NETWORK_INFO, type Network } from "medusa-payment-3pay-client"
import { entryView } from "../../../lib/wallet-view"
import { ATTENTION_ADVICE, ATTENTION_LABELS, activeCodes, flagsOf } from "../../../modules/threepay/attention"
import type ThreePayModuleService from "../../../modules/threepay/service"
import { balanceDifference, balanceView, foldWallet, type FoldableEntry } from "../../../modules/threepay/wallet-ledger"
import { addressesOf, type WalletCheckoutRow, type WalletEntryRow, type WalletUserRow } from "../../../modules/threepay/wallet-rows"
import type { AdminWalletCheckoutDto, AdminWalletDto, AdminWalletEntryDto, EnvironmentCode } from "./api-types"

const iso = (d: unknown) => (d ? new Date(d as string).toISOString() : null)

/** The store's view of an entry, plus what only the admin sees (3PAY's ids, who, the held balance). */
export function adminEntryDto(e: WalletEntryRow, env: EnvironmentCode): AdminWalletEntryDto {
  return { ...entryView(e, env), transaction_id: e.transaction_id, net_amount: e.net_amount, hold_id: e.hold_id, actor: e.actor, held_after: e.held_after }
}

export function adminCheckoutDto(c: WalletCheckoutRow): AdminWalletCheckoutDto {
  return {
    id: c.id,
    cart_id: c.cart_id,
    payment_collection_id: c.payment_collection_id,
    status: c.status,
    network: c.network,
    amount_usdt: c.amount_usdt,
    order_id: c.order_id,
    attempts: c.attempts ?? 0,
    last_error: c.last_error,
    created_at: iso(c.created_at),
    paid_at: iso(c.paid_at),
  }
}

export async function adminWalletDto(threepay: ThreePayModuleService, user: WalletUserRow, page: { limit: number; offset: number } = { limit: 50, offset: 0 }): Promise<AdminWalletDto> {
  const o = threepay.getOptions()
  const env = user.environment
  const entries = await threepay.listWalletEntries(user.id)
  const state = foldWallet(entries as unknown as FoldableEntry[])
  const b = balanceView(state)
  const addresses = addressesOf(user)
  const flags = flagsOf(user.attention)
  const checkouts = (await threepay.listThreePayWalletCheckouts({ wallet_user_id: user.id }, { order: { created_at: "DESC" }, take: 50 })) as WalletCheckoutRow[]
  const reported = user.remote_balance ?? null
  return {
    customer_id: user.customer_id,
    user_id: user.user_id,
    email: user.email,
    environment: env,
    addresses: (Object.keys(addresses) as Network[]).map((n) => ({
      network: n,
      network_label: NETWORK_INFO[n].label,
      address: addresses[n]!,
      address_explorer_url: explorerAddressUrl(n, env, addresses[n]!),
    })),
    balance: { available: b.available, held: b.held, total: b.total, deposited: b.deposited, adjusted: b.adjusted, debited: b.debited },
    threepay: {
      balance_model: o.wallets.balanceModel,
      reported,
      expected: b.deposited_net,
      difference: reported === null ? null : balanceDifference(o.wallets.balanceModel, reported, b.deposited_net),
      read_at: iso(user.remote_balance_at),
    },
    attention: activeCodes(flags).map((code) => ({
      code,
      label: ATTENTION_LABELS[code],
      advice: ATTENTION_ADVICE[code],
      detail: flags[code]!.detail,
      raised_at: flags[code]!.raised_at,
    })),
    attention_resolved: user.attention_resolved_at
      ? { at: iso(user.attention_resolved_at)!, by: user.attention_resolved_by, note: user.attention_note }
      : null,
    checkouts: checkouts.map(adminCheckoutDto),
    entries: [...entries].reverse().slice(page.offset, page.offset + page.limit).map((e) => adminEntryDto(e, env)),
    entries_count: entries.length,
    last_synced_at: iso(user.last_synced_at),
    address_shown_at: iso(user.address_shown_at),
    created_at: iso(user.created_at),
  }
}
