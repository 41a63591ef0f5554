/**
 * Compares 3PAY's report of a customer's balance with the ledger, and flags
 * a difference for the admin instead of trusting either side. What the
 * ledger expects is the net (what 3PAY says reached the user's balance) of
 * every deposit it credited; what counts as a difference follows the
 * balance model (wallet-ledger.ts `balanceDifference`). The balance is read
 * before the list (read-wallet.ts): a deposit landing between the two is in
 * the list but not in that balance, so a difference is read once more
 * before it is flagged. A balance that agrees
 * again marks the flag cleared (kept for the record).
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMicro } from "medusa-payment-3pay-client"
import { spend, type Spender } from "../../lib/budget"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { clearFlags, withFlags } from "../../modules/threepay/attention"
import type ThreePayModuleService from "../../modules/threepay/service"
import { balanceDifference, foldWallet, type FoldableEntry } from "../../modules/threepay/wallet-ledger"
import type { WalletUserRow } from "../../modules/threepay/wallet-rows"
import type { WalletRead, WalletSource } from "./read-wallet"

export type BalanceComparison = { remote: string | null; expected: string; difference: string | null; flagged: boolean }

export const compareWalletBalanceStep = createStep(
  "threepay-compare-wallet-balance",
  async (input: { user: WalletUserRow; read: WalletRead; source: WalletSource }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const model = threepay.getOptions().wallets.balanceModel
    const expectedNow = async () => {
      const s = foldWallet((await threepay.listWalletEntries(input.user.id)) as unknown as FoldableEntry[])
      return fromMicro(s.deposited_net)
    }
    let remote = input.read.remote_balance
    let expected = await expectedNow()
    let difference = remote === null ? null : balanceDifference(model, remote, expected)
    if (difference !== null && input.read.transactions !== null) {
      // Once more, to tell a race from a real difference.
      remote = (await threepay.getClient().getWalletBalance(input.user.user_id, spend(input.source as Spender))).totalBalance
      expected = await expectedNow()
      difference = remote === null ? null : balanceDifference(model, remote, expected)
    }
    const now = new Date()
    await threepay.mutateWalletUser(input.user.id, (row) => {
      const patch: Partial<WalletUserRow> = { last_synced_at: now }
      if (remote !== null) Object.assign(patch, { remote_balance: remote, remote_expected: expected, remote_balance_at: now })
      if (difference !== null) {
        const detail = `3PAY reports ${remote} USDT, the ledger credited ${expected} USDT net (${model} balance model): ${difference} USDT apart`
        const { flags, reopened } = withFlags(row.attention, [{ code: "balance_mismatch", detail }])
        Object.assign(patch, { attention: flags, ...(reopened ? { attention_resolved_at: null } : {}) })
      } else if (remote !== null) {
        const { flags, cleared } = clearFlags(row.attention, ["balance_mismatch"])
        if (cleared) patch.attention = flags as Record<string, unknown>
      }
      return patch
    })
    return new StepResponse<BalanceComparison>({ remote, expected, difference, flagged: difference !== null })
  }
)

