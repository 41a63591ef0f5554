/**
 * The webhook ledger's bookkeeping around applying an event: claim it (so
 * the subscriber and the retry job never apply it twice at once), and
 * record what came of it: applied, ignored, or failed with a backoff (and,
 * after the last attempt, dead with its invoice flagged for the admin).
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { parseWebhookEvent } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { beatEvery, keepAlive, stopKeepAlive } from "../../lib/lease"

export const MAX_ATTEMPTS = 8
/**
 * A claim is a lease: its holder renews it every STALE_CLAIM_MS / 4 while it
 * works (claimWebhookEventStep, lib/lease.ts), so one not renewed for this
 * long is abandoned (the process died) and the retry job takes it over.
 */
export const STALE_CLAIM_MS = 30_000

/** The renewal of one claim of an event (its attempt number), in this process. */
export const claimKeepAliveId = (eventId: string, attempts: number) => `webhook event claim ${eventId} #${attempts}`

export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 60 * 60_000)
  return Math.round(base * (0.8 + 0.4 * random()))
}

/** `wallet_customer_id`: the event is a deposit to that customer's wallet, not an invoice of ours. */
export type Claim = {
  claimed: boolean
  transaction_id: string | null
  attempts: number
  wallet_customer_id: string | null
  /** The claim's renewal in this process (lib/lease.ts), stopped once the outcome is recorded. */
  renewal: string | null
}

/**
 * Whose wallet a deposit webhook is about, when it is no invoice of ours:
 * by the `userId` 3PAY sends (our assumption), else by the address it was
 * sent to. Read from the recorded body, which passed the signature check;
 * the sync re-reads the wallet from 3PAY before crediting anything.
 */
async function walletCustomerOf(threepay: ThreePayModuleService, transactionId: string | null, rawBody: string): Promise<string | null> {
  if (transactionId && (await threepay.retrieveInvoiceByTransaction(transactionId))) return null
  let event
  try {
    event = parseWebhookEvent(rawBody)
  } catch {
    return null
  }
  const user =
    (event.userId ? await threepay.retrieveWalletUser({ user_id: event.userId }) : null) ??
    (event.invoice.walletAddress ? await threepay.findWalletUserByAddress(event.invoice.walletAddress) : null)
  return user?.customer_id ?? null
}

export const claimWebhookEventStep = createStep("threepay-claim-webhook-event", async (input: { event_id: string }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  if (!(await threepay.claimWebhookEvent(input.event_id, STALE_CLAIM_MS))) {
    return new StepResponse<Claim, string | null>({ claimed: false, transaction_id: null, attempts: 0, wallet_customer_id: null, renewal: null }, null)
  }
  const [event] = await threepay.listThreePayWebhookEvents({ id: input.event_id }, { take: 1, select: ["id", "transaction_id", "attempts", "raw_body"] })
  const attempts = Number(event?.attempts ?? 1)
  // Renewed until processWebhookEvent is done with it, this step is compensated, or the claim
  // is no longer this one (recorded as failed, or taken over): the renewal then stops itself.
  const renewal = claimKeepAliveId(input.event_id, attempts)
  keepAlive(
    renewal,
    beatEvery(STALE_CLAIM_MS),
    () => threepay.renewWebhookClaim(input.event_id, attempts),
    container.resolve(ContainerRegistrationKeys.LOGGER)
  )
  return new StepResponse<Claim, string | null>({
    claimed: true,
    transaction_id: event?.transaction_id ?? null,
    attempts,
    wallet_customer_id: event ? await walletCustomerOf(threepay, event.transaction_id ?? null, event.raw_body) : null,
    renewal,
  }, renewal)
}, async (renewal) => {
  if (renewal) stopKeepAlive(renewal)
})

export type WebhookOutcome = { status: "applied" | "ignored" | "failed" | "dead" | "skipped"; outcome: string | null }

async function recordFailure(threepay: ThreePayModuleService, eventId: string, transactionId: string | null, attempts: number, message: string): Promise<WebhookOutcome> {
  const dead = attempts >= MAX_ATTEMPTS
  await threepay.updateThreePayWebhookEvents({
    id: eventId,
    processing_status: dead ? "dead" : "failed",
    last_error: message.slice(0, 1000),
    next_attempt_at: dead ? null : new Date(Date.now() + retryDelayMs(attempts)),
  })
  if (dead && transactionId) {
    await threepay.raiseAttention(transactionId, [{ code: "failed_processing", detail: message.slice(0, 300) }], {
      source: "webhook",
      note: `gave up applying a webhook after ${attempts} attempts: ${message.slice(0, 300)}`,
    })
  }
  return { status: dead ? "dead" : "failed", outcome: message }
}

export const recordWebhookOutcomeStep = createStep(
  "threepay-record-webhook-outcome",
  async (
    input: { event_id: string; claim: Claim; result: { known: boolean; outcome: string; retry: boolean } | undefined },
    { container }
  ) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    if (!input.claim.claimed) return new StepResponse<WebhookOutcome>({ status: "skipped", outcome: null })
    if (!input.claim.transaction_id || !input.result) {
      await threepay.updateThreePayWebhookEvents({ id: input.event_id, processing_status: "ignored", outcome: "no transaction id", processed_at: new Date() })
      return new StepResponse<WebhookOutcome>({ status: "ignored", outcome: "no transaction id" })
    }
    if (input.result.retry) {
      // The cart is paid but Medusa could not make its order yet (stock, a lock): try again later.
      return new StepResponse(await recordFailure(threepay, input.event_id, input.claim.transaction_id, input.claim.attempts, input.result.outcome))
    }
    const status = input.result.known ? "applied" : "ignored"
    await threepay.updateThreePayWebhookEvents({
      id: input.event_id,
      processing_status: status,
      outcome: input.result.outcome,
      processed_at: new Date(),
      last_error: null,
      next_attempt_at: null,
    })
    return new StepResponse<WebhookOutcome>({ status, outcome: input.result.outcome })
  }
)

export const recordWebhookFailureStep = createStep(
  "threepay-record-webhook-failure",
  async (input: { event_id: string; message: string }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const [event] = await threepay.listThreePayWebhookEvents({ id: input.event_id }, { take: 1, select: ["id", "transaction_id", "attempts"] })
    if (!event) return new StepResponse<WebhookOutcome>({ status: "skipped", outcome: null })
    return new StepResponse(await recordFailure(threepay, input.event_id, event.transaction_id ?? null, Number(event.attempts ?? 1), input.message))
  }
)
