/**
 * Reads a customer's wallet from 3PAY: never trust a webhook body alone.
 * What it costs follows what can have changed (docs/architecture.md):
 *
 * - "list" (a deposit webhook, reconciliation after an address was shown,
 *   the admin): the balance, then the user's transaction list, newest
 *   first, until a page reaches a deposit the ledger already credited
 *   (balance first: a deposit landing in between is then listed, and the
 *   comparison's second look at the balance sees it too);
 * - "balance_first" (checkout, the storefront's "I have paid"): the balance
 *   alone; the list only when the balance says there is more than the ledger
 *   credited (under the "running" balance model; "swept" always lists).
 *
 * Checkout may go on without 3PAY: the ledger's balance is exact, a read
 * only finds new deposits. So a refused or failed read from checkout is
 * reported, not thrown; from anywhere else it throws (and is retried).
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { compareUsdt, fromMicro, type InvoiceDetails } from "medusa-payment-3pay-client"
import { spend, type Spender } from "../../lib/budget"
import { toThreePayError } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { depositKey, foldWallet, type FoldableEntry } from "../../modules/threepay/wallet-ledger"
import type { WalletUserRow } from "../../modules/threepay/wallet-rows"

export type WalletReadMode = "list" | "balance_first"
export type WalletSource = "webhook" | "reconciliation" | "checkout" | "storefront" | "admin"

export type WalletRead = {
  /** 3PAY's total balance of the user, or null when not read. */
  remote_balance: string | null
  /** The user's transactions 3PAY listed (newest first), or null when not listed. */
  transactions: InvoiceDetails[] | null
  calls: number
  /** Why nothing could be read (checkout goes on with the ledger). */
  unavailable: string | null
}

const MAX_PAGES = 5

export const readWalletStep = createStep(
  "threepay-read-wallet",
  async (input: { user: WalletUserRow; mode: WalletReadMode; source: WalletSource }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const client = threepay.getClient()
    const model = threepay.getOptions().wallets.balanceModel
    const who = spend(input.source as Spender)
    const out: WalletRead = { remote_balance: null, transactions: null, calls: 0, unavailable: null }
    const entries = await threepay.listWalletEntries(input.user.id)
    const known = new Set(entries.map((e) => e.dedupe_key))
    const balance = async () => {
      out.calls++
      return (await client.getWalletBalance(input.user.user_id, who)).totalBalance
    }
    const list = async () => {
      const items: InvoiceDetails[] = []
      for (let page = 1; page <= MAX_PAGES; page++) {
        out.calls++
        const p = await client.listUserTransactions({ userId: input.user.user_id, page, limit: 100 }, who)
        items.push(...p.items)
        const reachedKnown = p.items.some((t) => t.network && t.blockchainTxHash && known.has(depositKey(t.network, t.blockchainTxHash)))
        if (reachedKnown || p.items.length < p.limit || (p.totalPages !== null && page >= p.totalPages)) break
      }
      return items
    }
    try {
      if (input.mode === "balance_first" && model === "running") {
        out.remote_balance = await balance()
        const expected = foldWallet(entries as unknown as FoldableEntry[]).deposited_net
        const credited = out.remote_balance === null ? null : compareUsdt(out.remote_balance, fromMicro(expected))
        // 3PAY holds more for the user than we credited: a deposit we have not seen. List it.
        if (credited === null || credited > 0) out.transactions = await list()
      } else {
        out.remote_balance = await balance()
        out.transactions = await list()
      }
    } catch (e) {
      if (input.source !== "checkout") throw toThreePayError(e)
      out.unavailable = toThreePayError(e).message
    }
    return new StepResponse(out)
  }
)

