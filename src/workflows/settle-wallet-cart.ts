/**
 * A cart paid from its customer's balance becomes an order through the
 * same Medusa lifecycle as an invoice's. Read top-down:
 *
 * 1. lock the customer (deposits, other carts and the admin wait);
 * 2. finish any hold an earlier run left open, close carts that moved on;
 * 3. decide which cart the balance pays now (steps/plan-wallet-settlement.ts):
 *    the shopper's own cart, or, for a deposit, the oldest waiting cart it
 *    covers, and only one;
 * 4. hold its amount on the balance (authorize; released if anything below
 *    fails), hand the settlement to the provider (lib/handoff.ts), run
 *    Medusa's processPaymentWorkflow (the order is made, the payment
 *    captured), and turn the hold into a debit (capture);
 * 5. tell subscribers; release the lock.
 *
 * Nothing that can fail runs after processPaymentWorkflow (see
 * docs/architecture.md): the record step reports instead of throwing.
 */
import { emitEventStep, processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { PaymentActions } from "@medusajs/framework/utils"
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_EVENTS, walletEventData } from "../lib/events"
import { issueHandoff } from "../lib/handoff"
import { authorizeUnderCartLock } from "./steps/authorize-under-cart-lock"
import { closeWalletCheckoutsStep, finishOpenHoldsStep } from "./steps/finish-open-holds"
import { holdBalanceStep } from "./steps/hold-balance"
import { planWalletSettlementStep } from "./steps/plan-wallet-settlement"
import type { WalletSource } from "./steps/read-wallet"
import { recordWalletPaymentStep } from "./steps/record-wallet-payment"
import { recordWalletSettleFailureStep } from "./steps/record-wallet-settle-failure"
import { walletLockKey } from "./sync-wallet"
import { acquireLeaseStep, releaseLeaseStep } from "./steps/lease-lock"

export type SettleWalletCartInput = {
  customer_id: string
  /** The shopper's own cart (opened or asked again). */
  checkout_id?: string | null
  /** A new deposit entry: it may complete one waiting cart. */
  trigger_entry_id?: string | null
  source: WalletSource
}

/** The provider's authorizePayment answers "captured" for this session (lib/handoff.ts). */
const issueWalletSettlementStep = createStep(
  "threepay-issue-wallet-settlement",
  async (input: { session_id: string; hold_id: string; amount_usdt: string }) => {
    issueHandoff({ kind: "wallet_settlement", ...input })
    return new StepResponse(input.session_id)
  }
)

export const settleWalletCartWorkflow = createWorkflow("threepay-settle-wallet-cart", (input: SettleWalletCartInput) => {
  const lockKey = transform({ input }, ({ input }) => walletLockKey(input.customer_id))
  const lease = acquireLeaseStep({ key: lockKey, timeout: 45 })

  finishOpenHoldsStep(transform({ input }, ({ input }) => ({ customer_id: input.customer_id, source: input.source })))
  const plan = planWalletSettlementStep(transform({ input }, ({ input }) => ({
    customer_id: input.customer_id,
    checkout_id: input.checkout_id ?? null,
    trigger_entry_id: input.trigger_entry_id ?? null,
  })))
  closeWalletCheckoutsStep(transform({ plan }, ({ plan }) => ({
    stale: plan.stale,
    close_trigger_id: plan.close_trigger ? plan.trigger_entry_id : null,
  })))

  const paid = when("threepay-settle-from-balance", { plan }, ({ plan }) => plan.action === "settle").then(() => {
    holdBalanceStep(transform({ input, plan }, ({ input, plan }) => ({
      wallet_user_id: plan.user!.id,
      checkout: plan.checkout!,
      hold_id: plan.hold_id!,
      source: input.source,
    })))
    issueWalletSettlementStep(transform({ plan }, ({ plan }) => ({
      session_id: plan.session!.id,
      hold_id: plan.hold_id!,
      amount_usdt: plan.checkout!.amount_usdt,
    })))
    // Under the cart's lock, so the shopper's own `complete` cannot race it (see the step).
    authorizeUnderCartLock(
      transform({ plan }, ({ plan }) => ({ cart_id: plan.checkout!.cart_id, session_id: plan.session!.id })),
      "threepay-wallet-settle"
    )
    processPaymentWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }) => ({
        action: PaymentActions.SUCCESSFUL,
        data: { session_id: plan.session!.id, amount: plan.session!.amount },
      })),
    })
    return recordWalletPaymentStep(transform({ input, plan }, ({ input, plan }) => ({
      wallet_user_id: plan.user!.id,
      checkout: plan.checkout!,
      hold_id: plan.hold_id!,
      trigger_entry_id: plan.trigger_entry_id,
      source: input.source,
    })))
  })
  when("threepay-emit-wallet-paid", { paid }, ({ paid }) => !!paid?.applied).then(() => {
    emitEventStep({
      eventName: THREEPAY_EVENTS.WALLET_PAID,
      data: transform({ input, paid }, ({ input, paid }) => walletEventData(input.customer_id, paid?.debit)),
    }).config({ name: "threepay-emit-wallet-paid" })
  })

  releaseLeaseStep(lease)
  return new WorkflowResponse(
    transform({ plan, paid }, ({ plan, paid }) => ({
      action: plan.action,
      checkout_id: plan.checkout?.id ?? null,
      cart_id: plan.checkout?.cart_id ?? null,
      order_id: paid?.order_id ?? null,
      applied: !!paid?.applied,
      outcome: paid ? paid.outcome : plan.outcome,
    }))
  )
})

/** A settlement that failed (Medusa could not make the order): counted on the checkout; after the last try the wallet is flagged. */
export const recordWalletSettleFailureWorkflow = createWorkflow(
  "threepay-record-wallet-settle-failure",
  (input: { checkout_id: string; message: string }) => new WorkflowResponse(recordWalletSettleFailureStep(input))
)
