/**
 * A customer's wallet as the store API shows it (the contract:
 * medusa-payment-3pay-client/store-api `walletSchema`,
 * `walletCheckoutSchema`): addresses with explorer links and QR codes, the
 * balance folded from the ledger, the newest entries, and a cart's wallet
 * checkout with what is still missing. Reads only the database, never 3PAY.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { explorerAddressUrl, explorerTxUrl, fromMicro, NETWORK_INFO, toMicro, walletQr, type Environment, type Network } from "medusa-payment-3pay-client"
import type { ThreePayWallet, ThreePayWalletCheckout, ThreePayWalletEntry } from "medusa-payment-3pay-client/store-api"
import { qrDataUrl } from "../api/store/3pay/qr"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import { balanceView, foldWallet, type FoldableEntry } from "../modules/threepay/wallet-ledger"
import { addressesOf, type WalletCheckoutRow, type WalletEntryRow, type WalletUserRow } from "../modules/threepay/wallet-rows"
import { ThreePayError } from "./errors"

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

/** The entry's effect on the available balance, signed. */
export function changeOf(e: Pick<WalletEntryRow, "kind" | "amount">): string {
  if (e.kind === "debit") return "0"
  const m = toMicro(e.amount)
  const signed = e.kind === "hold" ? -m : m
  return `${signed > 0n ? "+" : ""}${fromMicro(signed)}`
}

export function entryView(e: WalletEntryRow, environment: Environment): ThreePayWalletEntry {
  const network = (e.network as Network | null) ?? null
  return {
    id: e.id,
    kind: e.kind,
    amount: e.amount,
    change: changeOf(e),
    network,
    tx_hash: e.tx_hash,
    tx_explorer_url: network && e.tx_hash ? explorerTxUrl(network, environment, e.tx_hash) : null,
    order_id: e.order_id,
    cart_id: e.cart_id,
    reason: e.reason,
    available_after: e.available_after,
    created_at: iso(e.created_at as unknown as Date)!,
  }
}

async function qr(network: Network, environment: Environment, address: string, amount: string | null) {
  const code = amount && toMicro(amount) > 0n ? walletQr(network, environment, address, amount) : { kind: "address" as const, text: address }
  return { kind: code.kind, text: code.text, data_url: await qrDataUrl(code.text) }
}

export async function walletView(threepay: ThreePayModuleService, user: WalletUserRow | null, networks: Network[]): Promise<ThreePayWallet> {
  const o = threepay.getOptions()
  const env = o.environment
  const entries = user ? await threepay.listWalletEntries(user.id) : []
  const balance = balanceView(foldWallet(entries as unknown as FoldableEntry[]))
  const addresses = user ? addressesOf(user) : {}
  return {
    created: !!user,
    addresses: await Promise.all(
      networks
        .filter((n) => !!addresses[n])
        .map(async (n) => ({
          network: n,
          network_label: NETWORK_INFO[n].label,
          address: addresses[n]!,
          address_explorer_url: explorerAddressUrl(n, env, addresses[n]!),
          qr: await qr(n, env, addresses[n]!, null),
        }))
    ),
    balance: { available: balance.available, held: balance.held, total: balance.total },
    entries: entries.slice(-20).reverse().map((e) => entryView(e, env)),
    min_deposit: o.wallets.minDeposit,
    checked_at: iso(user?.last_synced_at as unknown as Date),
    environment: env,
  }
}

/** What to send: the missing amount, at least the store's minimum deposit ("0" when nothing is missing). */
export function amountToSend(missing: bigint, minDeposit: string): string {
  if (missing <= 0n) return "0"
  const min = toMicro(minDeposit)
  return fromMicro(missing > min ? missing : min)
}

export async function walletCheckoutView(container: MedusaContainer, customerId: string, cartId: string): Promise<ThreePayWalletCheckout> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const [c] = (await threepay.listThreePayWalletCheckouts({ cart_id: cartId, customer_id: customerId }, { take: 1, order: { updated_at: "DESC" } })) as WalletCheckoutRow[]
  const user = c ? await threepay.retrieveWalletUser({ id: c.wallet_user_id }) : null
  // Another customer's cart, or a cart that never chose the balance: "not found".
  if (!c || !user) throw new ThreePayError("threepay_session_not_found", "This cart has no USDT balance payment in your account.")
  const env = threepay.getOptions().environment
  const entries = await threepay.listWalletEntries(user.id)
  const available = foldWallet(entries as unknown as FoldableEntry[]).available
  const due = toMicro(c.amount_usdt)
  const open = c.status === "waiting"
  const missing = open && due > available ? due - available : 0n
  const send = amountToSend(missing, threepay.getOptions().wallets.minDeposit)
  const address = addressesOf(user)[c.network as Network] ?? ""
  return {
    cart_id: c.cart_id,
    payment_collection_id: c.payment_collection_id,
    session_id: c.payment_session_id,
    status: c.status,
    network: c.network,
    network_label: NETWORK_INFO[c.network].label,
    address,
    address_explorer_url: address ? explorerAddressUrl(c.network, env, address) : null,
    amount_due: c.amount_usdt,
    balance_available: fromMicro(available),
    amount_missing: fromMicro(missing),
    amount_to_send: send,
    min_deposit: threepay.getOptions().wallets.minDeposit,
    order_id: c.order_id,
    paid_at: iso(c.paid_at as unknown as Date),
    entries: entries.filter((e) => e.checkout_id === c.id).map((e) => entryView(e, env)),
    qr: open && address ? await qr(c.network, env, address, send) : null,
    environment: env,
  }
}
