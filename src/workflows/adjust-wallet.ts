/**
 * An admin's correction of a customer's balance: one adjustment entry, with
 * the reason and who made it, under the customer's lock and the ledger's
 * rules (a correction may not take more than is available). Read top-down:
 * lock, the wallet, the entry, tell subscribers, unlock.
 */
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { generateEntityId } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { ThreePayError } from "../lib/errors"
import { THREEPAY_EVENTS, walletEventData } from "../lib/events"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import type { WalletEntryRow, WalletUserRow } from "../modules/threepay/wallet-rows"
import { loadWalletUserStep } from "./steps/load-wallet-user"
import { walletLockKey } from "./sync-wallet"
import { acquireLeaseStep, releaseLeaseStep } from "./steps/lease-lock"

export type AdjustWalletInput = { customer_id: string; amount: string; reason: string; actor: string }

const appendAdjustmentStep = createStep(
  "threepay-append-adjustment",
  async (input: { user: WalletUserRow; amount: string; reason: string; actor: string }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const id = generateEntityId(undefined, "tpwe")
    const r = await threepay.appendWalletEntries(input.user.id, [
      { id, kind: "adjustment", amount: input.amount, dedupe_key: `adjustment:${id}`, reason: input.reason, actor: input.actor },
    ])
    const refused = r.refused[0]
    if (refused) {
      throw refused.reason === "insufficient"
        ? new ThreePayError("threepay_balance_short", `The available balance is ${r.available} USDT: an adjustment may not take more.`)
        : new ThreePayError("threepay_adjustment_invalid", "The amount must be a non-zero USDT amount with at most 6 decimals.")
    }
    return new StepResponse<WalletEntryRow>(r.written[0])
  }
)

export const adjustWalletWorkflow = createWorkflow("threepay-adjust-wallet", (input: AdjustWalletInput) => {
  const lockKey = transform({ input }, ({ input }) => walletLockKey(input.customer_id))
  const lease = acquireLeaseStep({ key: lockKey, timeout: 30 })
  const user = loadWalletUserStep(transform({ input }, ({ input }) => ({ customer_id: input.customer_id })))
  const entry = appendAdjustmentStep(transform({ input, user }, ({ input, user }) => ({ user, amount: input.amount, reason: input.reason, actor: input.actor })))
  emitEventStep({
    eventName: THREEPAY_EVENTS.WALLET_ADJUSTED,
    data: transform({ input, entry }, ({ input, entry }) => walletEventData(input.customer_id, entry)),
  }).config({ name: "threepay-emit-wallet-adjusted" })
  releaseLeaseStep(lease)
  return new WorkflowResponse(entry)
})
