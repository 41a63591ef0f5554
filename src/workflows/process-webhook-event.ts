/**
 * Applies one recorded webhook event: claim it, run the sync workflow for its
 * invoice (or, for a deposit to a customer's wallet, the wallet's sync:
 * sync-wallet.ts), record the outcome; then a new deposit may complete a
 * waiting cart (lib/wallet-settlement.ts). If the sync fails (3PAY down, a lock), the
 * failure is recorded by its own small workflow, with a backoff; the retry
 * job picks the event up again when its time comes. An event that keeps
 * failing is marked dead and its invoice flagged: never dropped silently.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createWorkflow, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import { stopKeepAlive } from "../lib/lease"
import {
  claimWebhookEventStep,
  recordWebhookFailureStep,
  recordWebhookOutcomeStep,
  STALE_CLAIM_MS,
  type WebhookOutcome,
} from "./steps/webhook-event-steps"
import { settleWalletCarts } from "../lib/wallet-settlement"
import { syncInvoiceWorkflow } from "./sync-invoice"
import { syncWalletWorkflow } from "./sync-wallet"
import { followUpRefund } from "./record-medusa-refund"
import { matchWithdrawalEventStep } from "./steps/match-withdrawal-event"
import { applyWithdrawalReportWorkflow } from "./sync-refund"

export const processWebhookEventWorkflow = createWorkflow("threepay-process-webhook-event", (input: { event_id: string }) => {
  const claim = claimWebhookEventStep(input)
  // A withdrawal's status is about a refund (sync-refund.ts), never an invoice or a wallet deposit.
  const withdrawal = matchWithdrawalEventStep(transform({ input, claim }, ({ input, claim }) => ({ event_id: input.event_id, claim })))
  const refund = when("threepay-apply-claimed-withdrawal", { withdrawal }, ({ withdrawal }) => !!withdrawal.refund_id && !!withdrawal.report).then(() =>
    applyWithdrawalReportWorkflow.runAsStep({
      input: transform({ withdrawal }, ({ withdrawal }) => ({ refund_id: withdrawal.refund_id!, report: withdrawal.report!, source: "webhook" })),
    })
  )
  const synced = when("threepay-sync-claimed-event", { claim, withdrawal }, ({ claim, withdrawal }) => claim.claimed && !!claim.transaction_id && !claim.wallet_customer_id && !withdrawal.is_withdrawal).then(() =>
    syncInvoiceWorkflow.runAsStep({
      input: transform({ claim }, ({ claim }) => ({ transaction_id: claim.transaction_id!, source: "webhook" as const })),
    })
  )
  const wallet = when("threepay-sync-claimed-wallet", { claim, withdrawal }, ({ claim, withdrawal }) => claim.claimed && !!claim.wallet_customer_id && !withdrawal.is_withdrawal).then(() =>
    syncWalletWorkflow.runAsStep({
      input: transform({ claim }, ({ claim }) => ({ customer_id: claim.wallet_customer_id!, source: "webhook" as const, mode: "list" as const })),
    })
  )
  const outcome = recordWebhookOutcomeStep(transform({ input, claim, synced, wallet, withdrawal, refund }, ({ input, claim, synced, wallet, withdrawal, refund }) => ({
    event_id: input.event_id,
    claim,
    result: withdrawal.is_withdrawal
      ? refund
        ? { known: true, outcome: `refund ${refund.refund_id}: ${refund.status}${refund.changed ? "" : " (no change)"}`, retry: false }
        : { known: false, outcome: "a withdrawal of no refund of this store", retry: false }
      : synced
      ? { known: synced.known, outcome: synced.outcome, retry: synced.retry }
      : wallet
        ? { known: true, outcome: `wallet deposit: ${wallet.credited.length} credited${wallet.difference ? `, 3PAY's balance differs by ${wallet.difference} USDT` : ""}`, retry: false }
        : undefined,
  })))
  return new WorkflowResponse(
    transform({ outcome, claim, withdrawal }, ({ outcome, claim, withdrawal }) => ({
      ...outcome,
      wallet_customer_id: claim.wallet_customer_id,
      renewal: claim.renewal,
      refund_id: withdrawal.refund_id,
    }))
  )
})

export const recordWebhookFailureWorkflow = createWorkflow("threepay-record-webhook-failure", (input: { event_id: string; message: string }) => {
  return new WorkflowResponse(recordWebhookFailureStep(input))
})

export type ProcessResult = WebhookOutcome & { id: string }

export async function processWebhookEvent(container: MedusaContainer, id: string): Promise<ProcessResult> {
  try {
    const { result } = await processWebhookEventWorkflow(container).run({ input: { event_id: id } })
    const { wallet_customer_id, renewal, refund_id, ...outcome } = result
    // The outcome is recorded: this run's claim needs no more renewing (another run's, if any, does).
    if (renewal) stopKeepAlive(renewal)
    if (wallet_customer_id && outcome.status === "applied") await settleWalletCarts(container, wallet_customer_id, { source: "webhook" })
    // Medusa's record of the refund (recorded once accepted, corrected when rejected or failed).
    if (refund_id) await followUpRefund(container, refund_id)
    return { id, ...outcome }
  } catch (e) {
    // The claim step's compensation stopped this run's renewal (and a failed claim stops renewing by itself).
    const message = String((e as Error)?.message ?? e).slice(0, 1000)
    const { result } = await recordWebhookFailureWorkflow(container).run({ input: { event_id: id, message } })
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[3pay] webhook event ${id} ${result.status === "dead" ? "gave up" : "will be retried"}: ${message}`)
    return { id, ...result }
  }
}

/** Everything due: new events nobody picked up, failed ones whose time came, abandoned claims. */
export async function processDueWebhookEvents(
  container: MedusaContainer,
  opts: { limit?: number; pendingGraceMs?: number } = {}
): Promise<ProcessResult[]> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  // A pending event younger than the grace is probably in the subscriber's hands.
  const due = await threepay.listDueWebhookEvents(opts.limit ?? 50, STALE_CLAIM_MS, opts.pendingGraceMs ?? 10_000)
  const results: ProcessResult[] = []
  for (const { id } of due) results.push(await processWebhookEvent(container, id))
  return results
}
