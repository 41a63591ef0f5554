/**
 * The wallet-deposit path: every way 3PAY's news about a customer's wallet
 * reaches the ledger (a signed deposit webhook, reconciliation, checkout's
 * re-read, the storefront's "I have paid", the admin's re-check). Read
 * top-down:
 *
 * 1. lock the customer (`threepay:wallet:<customer>`: the same lock the
 *    cart settlement and the admin's adjustments take);
 * 2. read the wallet from 3PAY (never trust a webhook body alone;
 *    steps/read-wallet.ts says what it costs);
 * 3. credit each confirmed deposit once, by (network, tx hash); fail closed
 *    on one that cannot be read (steps/credit-deposits.ts);
 * 4. compare 3PAY's balance with the ledger and flag a difference
 *    (steps/compare-wallet-balance.ts);
 * 5. tell subscribers what was credited; release the lock.
 *
 * Completing waiting carts is the next workflow's (settle-wallet-cart.ts):
 * each new deposit may complete one, in its own run.
 */
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_EVENTS, walletEventData } from "../lib/events"
import { compareWalletBalanceStep } from "./steps/compare-wallet-balance"
import { creditDepositsStep } from "./steps/credit-deposits"
import { loadWalletUserStep } from "./steps/load-wallet-user"
import { readWalletStep, type WalletReadMode, type WalletSource } from "./steps/read-wallet"
import { acquireLeaseStep, releaseLeaseStep } from "./steps/lease-lock"

export const syncWalletWorkflowId = "threepay-sync-wallet"

export type SyncWalletInput = { customer_id: string; source: WalletSource; mode: WalletReadMode }

export const walletLockKey = (customerId: string) => `threepay:wallet:${customerId}`

export const syncWalletWorkflow = createWorkflow(syncWalletWorkflowId, (input: SyncWalletInput) => {
  const lockKey = transform({ input }, ({ input }) => walletLockKey(input.customer_id))
  const lease = acquireLeaseStep({ key: lockKey, timeout: 45 })

  const user = loadWalletUserStep(transform({ input }, ({ input }) => ({ customer_id: input.customer_id })))
  const read = readWalletStep(transform({ input, user }, ({ input, user }) => ({ user, mode: input.mode, source: input.source })))
  const credit = creditDepositsStep(transform({ input, user, read }, ({ input, user, read }) => ({
    user,
    transactions: read.transactions,
    source: input.source,
  })))
  const comparison = when("threepay-compare-when-read", { read }, ({ read }) => read.remote_balance !== null).then(() =>
    compareWalletBalanceStep(transform({ input, user, read }, ({ input, user, read }) => ({ user, read, source: input.source })))
  )
  when("threepay-emit-credited", { credit }, ({ credit }) => credit.credited.length > 0).then(() => {
    emitEventStep({
      eventName: THREEPAY_EVENTS.WALLET_CREDITED,
      data: transform({ input, credit }, ({ input, credit }) => credit.credited.map((e) => walletEventData(input.customer_id, e))),
    }).config({ name: "threepay-emit-wallet-credited" })
  })

  releaseLeaseStep(lease)
  return new WorkflowResponse(
    transform({ read, credit, comparison }, ({ read, credit, comparison }) => ({
      credited: credit.credited.map((e) => e.id),
      available: credit.available,
      unreadable: credit.unreadable,
      remote_balance: read.remote_balance,
      difference: comparison?.difference ?? null,
      calls: read.calls,
      unavailable: read.unavailable,
    }))
  )
})
