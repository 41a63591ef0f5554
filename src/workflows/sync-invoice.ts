/**
 * The paid-webhook path, and every other way 3PAY's news reaches Medusa
 * (reconciliation, the storefront's "I have paid", the admin's "Re-check").
 * Read top-down:
 *
 * 1. lock the invoice (a webhook, its repeats, the job and a check may arrive
 *    together; the cart itself is locked by Medusa's complete-cart);
 * 2. read the invoice from 3PAY (never trust a webhook body alone);
 * 3. merge it into the ledger: received money only accumulates, statuses
 *    only move forward, flags for what a person must see;
 * 4. decide what it means for the cart (steps/plan-settlement.ts);
 * 5. settle: if the shopper's session is gone, open one on this invoice
 *    through createPaymentSessionsWorkflow; hand the settlement to the
 *    provider; authorize the session under the cart's lock (first removing
 *    a link to an order that does not exist, left by a complete-cart cut
 *    half-way, so the cart can still become its order); run Medusa's
 *    processPaymentWorkflow (the order is made, or the
 *    waiting order captured); record the order and any excess on the ledger;
 *    cancel the cart's other open invoices; emit `threepay.invoice.paid`;
 * 6. or cancel the waiting order (order_first, nothing arrived), or show the
 *    news on the session (pay_first: canceled, the storefront offers a new
 *    invoice), and raise flags;
 * 7. release the lock.
 *
 * Nothing after processPaymentWorkflow may fail (Medusa would cancel the
 * payment it captured): those steps report problems in the result instead,
 * and `retry` tells the caller to try again later.
 */
import { cancelOrderWorkflow, createPaymentSessionsWorkflow, emitEventStep, processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { PaymentActions } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { THREEPAY_PROVIDER_ID } from "medusa-payment-3pay-client/store-api"
import { invoiceEventData, THREEPAY_EVENTS } from "../lib/events"
import type { LedgerSource } from "../modules/threepay/ledger"
import { authorizeUnderCartLock } from "./steps/authorize-under-cart-lock"
import { issueCheckoutHandoffStep } from "./steps/issue-checkout-handoff"
import { issueSettlementStep } from "./steps/issue-settlement"
import { acquireLeaseStep, releaseLeaseStep } from "./steps/lease-lock"
import { planSettlementStep } from "./steps/plan-settlement"
import { raiseAttentionStep } from "./steps/raise-attention"
import { readInvoiceStep } from "./steps/read-invoice"
import { recordSettlementStep } from "./steps/record-settlement"
import { recordSnapshotStep } from "./steps/record-snapshot"
import { reflectSessionStep } from "./steps/reflect-session"
import { supersedeInvoicesStep } from "./steps/supersede-invoices"

export const syncInvoiceWorkflowId = "threepay-sync-invoice"

export type SyncInvoiceInput = {
  transaction_id: string
  source: LedgerSource
  /** A copy fetched from 3PAY's API moments ago (reconciliation's list page). */
  snapshot?: InvoiceDetails | null
  note?: string
}

export const syncInvoiceWorkflow = createWorkflow(syncInvoiceWorkflowId, (input: SyncInvoiceInput) => {
  const lockKey = transform({ input }, ({ input }) => `threepay:invoice:${input.transaction_id}`)
  // A lease renewed while this runs (steps/lease-lock.ts): it holds when another workflow runs this
  // one as a step, and a process killed half-way frees the invoice within seconds, not minutes.
  const lease = acquireLeaseStep({ key: lockKey, timeout: 45 }).config({ name: "threepay-lock-invoice" })

  const details = readInvoiceStep(
    transform({ input }, ({ input }) => ({ transaction_id: input.transaction_id, source: input.source, snapshot: input.snapshot }))
  )
  const recorded = recordSnapshotStep(transform({ input, details }, ({ input, details }) => ({
    transaction_id: input.transaction_id,
    details,
    source: input.source,
    note: input.note,
  })))
  const plan = planSettlementStep(transform({ input, recorded }, ({ input, recorded }) => ({ transaction_id: input.transaction_id, recorded })))

  // 5. Settle: a session on this invoice first, if the shopper's was deleted.
  const opened = when("threepay-open-session-to-settle", { plan }, ({ plan }) => plan.action === "settle" && plan.open_session).then(() => {
    const data = issueCheckoutHandoffStep(transform({ plan }, ({ plan }) => plan.handoff!))
    return createPaymentSessionsWorkflow.runAsStep({
      input: transform({ plan, data }, ({ plan, data }) => ({
        payment_collection_id: plan.collection_id!,
        provider_id: THREEPAY_PROVIDER_ID,
        data,
      })),
    })
  })
  const settleWith = transform({ plan, opened }, ({ plan, opened }) =>
    plan.action !== "settle"
      ? null
      : {
          session_id: (opened?.id ?? plan.session?.id)!,
          amount: String(opened?.amount ?? plan.session?.amount),
          transaction_ids: plan.cart_transaction_ids,
          received_usdt: plan.coverage!.received,
          data: plan.session_data ?? {},
        }
  )
  const settled = when("threepay-settle", { plan }, ({ plan }) => plan.action === "settle").then(() => {
    issueSettlementStep(transform({ settleWith }, ({ settleWith }) => ({
      session_id: settleWith!.session_id,
      transaction_ids: settleWith!.transaction_ids,
      received_usdt: settleWith!.received_usdt,
      data: settleWith!.data,
    })))
    // Under the cart's lock, so the shopper's own `complete` cannot race it (see the step).
    // (and, under that lock, a cart linked to an order that does not exist is unlinked: steps/find-lost-order.ts)
    const lost = authorizeUnderCartLock(
      transform({ plan, settleWith }, ({ plan, settleWith }) => ({ cart_id: plan.cart_id, session_id: settleWith!.session_id })),
      "threepay-settle"
    )
    processPaymentWorkflow.runAsStep({
      input: transform({ settleWith }, ({ settleWith }) => ({
        action: PaymentActions.SUCCESSFUL,
        data: { session_id: settleWith!.session_id, amount: settleWith!.amount },
      })),
    })
    const result = recordSettlementStep(transform({ input, plan, settleWith, lost }, ({ input, plan, settleWith, lost }) => ({
      transaction_id: plan.transaction_id,
      collection_id: plan.collection_id!,
      session_id: settleWith!.session_id,
      received_usdt: settleWith!.received_usdt,
      source: input.source,
      lost_order_id: lost.order_id,
    })))
    supersedeInvoicesStep(transform({ result }, ({ result }) => ({
      transaction_ids: result?.open_transaction_ids ?? [],
      reason: "cart_completed" as const,
    })))
    return result
  })
  when("threepay-emit-paid", { settled }, ({ settled }) => !!settled?.applied).then(() => {
    emitEventStep({
      eventName: THREEPAY_EVENTS.INVOICE_PAID,
      data: transform({ settled }, ({ settled }) => invoiceEventData(settled?.row)),
    }).config({ name: "threepay-emit-invoice-paid" })
  })

  // 6. Or: cancel the waiting order, show the news on the session, raise flags.
  when("threepay-cancel-order", { plan }, ({ plan }) => plan.action === "cancel_order").then(() => {
    cancelOrderWorkflow.runAsStep({
      input: transform({ plan }, ({ plan }) => ({ order_id: plan.order_id!, no_notification: false })),
    })
  })
  when("threepay-reflect", { plan }, ({ plan }) => plan.action === "reflect" || plan.action === "cancel_session").then(() => {
    reflectSessionStep(transform({ plan }, ({ plan }) => ({
      session: plan.session!,
      data: plan.session_data ?? {},
      status: plan.session_status,
    })))
  })
  raiseAttentionStep(transform({ input, plan }, ({ input, plan }) => ({
    transaction_id: plan.transaction_id,
    flags: plan.flags,
    note: plan.flag_note,
    source: input.source,
  })))
  when("threepay-emit-partially-paid", { plan }, ({ plan }) => plan.event === "partially_paid").then(() => {
    emitEventStep({
      eventName: THREEPAY_EVENTS.INVOICE_PARTIALLY_PAID,
      data: transform({ recorded }, ({ recorded }) => invoiceEventData(recorded?.row)),
    }).config({ name: "threepay-emit-invoice-partially-paid" })
  })
  when("threepay-emit-expired", { plan }, ({ plan }) => plan.event === "expired").then(() => {
    emitEventStep({
      eventName: THREEPAY_EVENTS.INVOICE_EXPIRED,
      data: transform({ recorded }, ({ recorded }) => invoiceEventData(recorded?.row)),
    }).config({ name: "threepay-emit-invoice-expired" })
  })

  releaseLeaseStep(lease).config({ name: "threepay-release-invoice" })

  return new WorkflowResponse(
    transform({ plan, settled }, ({ plan, settled }) => ({
      transaction_id: plan.transaction_id,
      known: plan.known,
      state: plan.state,
      action: plan.action,
      outcome: settled ? settled.outcome : plan.outcome,
      order_id: settled?.order_id ?? plan.order_id,
      orphan: plan.flags.some((f) => f.code === "orphan"),
      changed: plan.changed,
      /** The cart is paid but its order is not there yet: try again later. */
      retry: plan.action === "settle" && !settled?.applied,
    }))
  )
})
