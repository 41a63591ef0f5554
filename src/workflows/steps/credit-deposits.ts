/**
 * Credits the deposits 3PAY listed for a customer: each confirmed deposit
 * once, keyed by (network, tx hash) in the ledger (a repeat, another report
 * of the same transaction, or a race changes nothing). The customer is
 * credited what arrived on chain (`actualBalance`, else the deposit's
 * `amount`: a wallet deposit asks for nothing), as an invoice counts what
 * arrived; 3PAY's deposit fee is the store's cost, as on invoices.
 *
 * Fail closed: a confirmed deposit without a readable amount, network or
 * transaction hash is not credited; the wallet is flagged for the admin.
 * Anything not `confirmed` (pending, failed below 3PAY's minimum, a manual
 * credit or debit at 3PAY, a withdrawal) is no deposit of ours.
 */
import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMicro, toMicro, type InvoiceDetails } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { withFlags } from "../../modules/threepay/attention"
import type ThreePayModuleService from "../../modules/threepay/service"
import { depositKey } from "../../modules/threepay/wallet-ledger"
import type { WalletEntryInput, WalletEntryRow, WalletUserRow } from "../../modules/threepay/wallet-rows"
import type { WalletSource } from "./read-wallet"

export type CreditResult = { credited: WalletEntryRow[]; unreadable: string[]; available: string; deposited_net: string | null }

/** An amount 3PAY reported, exactly; null when absent or unreadable (or not above `floor`). */
function readable(amount: string | null, floor = 0n): string | null {
  if (amount === null) return null
  try {
    const m = toMicro(amount)
    return m > floor || (floor < 0n && m >= 0n) ? fromMicro(m) : null
  } catch {
    return null
  }
}

/** Deposit requests for the ledger, and the transactions that cannot be credited (why). Pure. */
export function depositRequests(
  user: Pick<WalletUserRow, "id">,
  transactions: InvoiceDetails[],
  source: WalletSource
): { requests: WalletEntryInput[]; unreadable: string[] } {
  const requests: WalletEntryInput[] = []
  const unreadable: string[] = []
  // Oldest first: the ledger (and the carts they complete) follow the order money arrived.
  for (const t of [...transactions].reverse()) {
    if ((t.type ?? "deposit").toLowerCase() !== "deposit" || t.status !== "confirmed") continue
    const amount = readable(t.actualBalance) ?? readable(t.amount)
    if (!amount || !t.network || !t.blockchainTxHash) {
      unreadable.push(`${t.transactionId}: ${!amount ? "no amount" : !t.network ? "no network" : "no transaction hash"}`)
      continue
    }
    requests.push({
      id: generateEntityId(undefined, "tpwe"),
      kind: "deposit",
      amount,
      // What reached the user's balance at 3PAY (the comparison's expectation); without it, the whole amount.
      net_amount: readable(t.netAmount, -1n) ?? amount,
      dedupe_key: depositKey(t.network, t.blockchainTxHash),
      network: t.network,
      tx_hash: t.blockchainTxHash,
      transaction_id: t.transactionId,
      reason: `deposit of ${amount} USDT on ${t.network}`,
      actor: source,
      trigger_open: true,
    })
  }
  return { requests, unreadable }
}

export const creditDepositsStep = createStep(
  "threepay-credit-deposits",
  async (input: { user: WalletUserRow; transactions: InvoiceDetails[] | null; source: WalletSource }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const { requests, unreadable } = depositRequests(input.user, input.transactions ?? [], input.source)
    const result = await threepay.appendWalletEntries(input.user.id, requests)
    if (unreadable.length) {
      await threepay.mutateWalletUser(input.user.id, (row) => {
        const { flags, reopened } = withFlags(row.attention, [{ code: "deposit_unreadable", detail: unreadable.join("; ").slice(0, 300) }])
        return { attention: flags as Record<string, unknown>, ...(reopened ? { attention_resolved_at: null } : {}) }
      })
    }
    return new StepResponse<CreditResult>({
      credited: result.written,
      unreadable,
      available: result.available,
      deposited_net: result.deposited_net,
    })
  }
)
