/** The wallet tables' rows as the module returns them, and what a new entry carries. */
import type { InferTypeOf } from "@medusajs/framework/types"
import type { Network } from "medusa-payment-3pay-client"
import type { ThreePayWalletCheckout } from "./models/wallet-checkout"
import type { ThreePayWalletEntry } from "./models/wallet-entry"
import type { ThreePayWalletUser } from "./models/wallet-user"
import type { EntryRequest } from "./wallet-ledger"

export type WalletUserRow = InferTypeOf<typeof ThreePayWalletUser>
export type WalletEntryRow = InferTypeOf<typeof ThreePayWalletEntry>
export type WalletCheckoutRow = InferTypeOf<typeof ThreePayWalletCheckout>

export type WalletAddresses = Partial<Record<Network, string>>

export function addressesOf(row: Pick<WalletUserRow, "addresses">): WalletAddresses {
  const a = (row.addresses ?? {}) as Record<string, unknown>
  const out: WalletAddresses = {}
  for (const n of ["TRC20", "ERC20"] as const) if (typeof a[n] === "string") out[n] = a[n] as string
  return out
}

/** A request for the ledger plus what the entry records beside the money. */
export type WalletEntryInput = EntryRequest & {
  reason: string
  actor: string
  network?: Network | null
  tx_hash?: string | null
  transaction_id?: string | null
  checkout_id?: string | null
  cart_id?: string | null
  order_id?: string | null
  trigger_open?: boolean
}

export type AppendResult = {
  written: WalletEntryRow[]
  duplicates: WalletEntryInput[]
  refused: Array<WalletEntryInput & { reason: string }>
  /** The balance after the write, folded from every entry. */
  available: string
  held: string
  deposited_net: string
}
