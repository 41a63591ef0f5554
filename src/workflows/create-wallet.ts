/**
 * A customer's first use of their USDT balance: the 3PAY user and its
 * permanent addresses, made once. Read top-down:
 *
 * 1. lock the customer (a double click, or checkout and the account page at
 *    once, make one wallet);
 * 2. the customer and any wallet they already have: then nothing else runs;
 * 3. otherwise: the same quotas as invoice creation (Wallet Gen tier:
 *    one client may not spend the store's 20 creations per 15 minutes),
 *    GENERATE AT 3PAY (steps/generate-wallet.ts, the only caller), record
 *    it and link it to the customer, tell subscribers.
 */
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_EVENTS, walletEventData } from "../lib/events"
import { checkInvoiceQuotaStep } from "./steps/check-invoice-quota"
import { generateWalletStep } from "./steps/generate-wallet"
import { loadWalletCustomerStep } from "./steps/load-wallet-customer"
import { recordWalletUserStep } from "./steps/record-wallet-user"
import { walletLockKey } from "./sync-wallet"
import { acquireLeaseStep, releaseLeaseStep } from "./steps/lease-lock"

export type CreateWalletInput = { customer_id: string; requester_hash?: string | null }

export const createWalletWorkflow = createWorkflow("threepay-create-wallet", (input: CreateWalletInput) => {
  const lockKey = transform({ input }, ({ input }) => walletLockKey(input.customer_id))
  const lease = acquireLeaseStep({ key: lockKey, timeout: 30 })

  const customer = loadWalletCustomerStep(transform({ input }, ({ input }) => ({ customer_id: input.customer_id })))
  const created = when("threepay-generate-when-none", { customer }, ({ customer }) => !customer.wallet).then(() => {
    checkInvoiceQuotaStep(transform({ input }, ({ input }) => ({ cart_id: null, requester_hash: input.requester_hash ?? null })))
    const generated = generateWalletStep(customer)
    const recorded = recordWalletUserStep(transform({ customer, generated }, ({ customer, generated }) => ({ customer, generated })))
    emitEventStep({
      eventName: THREEPAY_EVENTS.WALLET_CREATED,
      data: transform({ input }, ({ input }) => walletEventData(input.customer_id)),
    }).config({ name: "threepay-emit-wallet-created" })
    return recorded
  })

  releaseLeaseStep(lease)
  return new WorkflowResponse(
    transform({ customer, created }, ({ customer, created }) => ({
      wallet: (created?.row ?? customer.wallet)!,
      created: !!created?.created,
    }))
  )
})
