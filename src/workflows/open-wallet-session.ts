/**
 * The wallet's network-selection path: a logged-in customer picks "pay from
 * my USDT balance" (provider `pp_3pay_wallet`) and a network. Read top-down:
 *
 * 1. load the cart and refuse what must not happen (steps/load-wallet-checkout.ts);
 * 2. lock the payment collection (the invoice path's lock: a double click,
 *    or an invoice and the wallet at once, make one session);
 * 3. the customer's wallet: made on first use (create-wallet.ts, within the
 *    Wallet Gen quotas), then re-read from 3PAY (sync-wallet.ts,
 *    balance first: one call when nothing new arrived);
 * 4. open the cart's wallet checkout in the ledger, and the session through
 *    Medusa's own createPaymentSessionsWorkflow with a one-time hand-over;
 * 5. bind them; release the lock.
 *
 * The caller then runs the settlement (settle-wallet-cart.ts): if the
 * balance covers the cart, it becomes an order at once; otherwise it waits
 * for a deposit, and the store API shows the address and what is missing.
 */
import { createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import { createWorkflow, transform, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_WALLET_PROVIDER_ID } from "medusa-payment-3pay-client/store-api"
import { createWalletWorkflow } from "./create-wallet"
import { loadWalletCheckoutStep } from "./steps/load-wallet-checkout"
import { bindWalletSessionStep, issueWalletCheckoutHandoffStep, openWalletCheckoutStep } from "./steps/open-wallet-checkout"
import { syncWalletWorkflow } from "./sync-wallet"
import { acquireLeaseStep, releaseLeaseStep } from "./steps/lease-lock"

export type OpenWalletSessionInput = {
  payment_collection_id: string
  network?: unknown
  customer_id?: string | null
  requester_hash?: string | null
}

export const openWalletSessionWorkflow = createWorkflow("threepay-open-wallet-session", (input: OpenWalletSessionInput) => {
  const plan = loadWalletCheckoutStep(transform({ input }, ({ input }) => ({
    payment_collection_id: input.payment_collection_id,
    network: input.network,
    customer_id: input.customer_id ?? null,
  })))
  const lockKey = transform({ input }, ({ input }) => `threepay:checkout:${input.payment_collection_id}`)
  const lease = acquireLeaseStep({ key: lockKey, timeout: 20 })

  const wallet = createWalletWorkflow.runAsStep({
    input: transform({ plan, input }, ({ plan, input }) => ({ customer_id: plan.customer_id, requester_hash: input.requester_hash ?? null })),
  })
  syncWalletWorkflow.runAsStep({
    input: transform({ plan }, ({ plan }) => ({ customer_id: plan.customer_id, source: "checkout" as const, mode: "balance_first" as const })),
  })
  const checkout = openWalletCheckoutStep(transform({ plan, wallet }, ({ plan, wallet }) => ({ plan, wallet: wallet.wallet })))
  const data = issueWalletCheckoutHandoffStep(transform({ plan, checkout }, ({ plan, checkout }) => ({ plan, checkout })))
  const session = createPaymentSessionsWorkflow.runAsStep({
    input: transform({ plan, data }, ({ plan, data }) => ({
      payment_collection_id: plan.payment_collection_id,
      provider_id: THREEPAY_WALLET_PROVIDER_ID,
      customer_id: plan.customer_id,
      data,
    })),
  })
  bindWalletSessionStep(transform({ checkout, session, wallet }, ({ checkout, session, wallet }) => ({
    checkout_id: checkout.id,
    wallet_user_id: wallet.wallet.id,
    session_id: session.id,
  })))

  releaseLeaseStep(lease)
  return new WorkflowResponse(
    transform({ plan, checkout, session }, ({ plan, checkout, session }) => ({
      session_id: session.id,
      checkout_id: checkout.id,
      customer_id: plan.customer_id,
      amount_usdt: plan.amount_usdt,
      network: plan.network,
    }))
  )
})
