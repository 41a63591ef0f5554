/**
 * Applies recorded webhook events. Each event is claimed atomically (so the
 * subscriber and the retry job never apply it twice at once), applied through
 * the sync-invoice workflow, and on failure retried with exponential backoff
 * and jitter. An event that keeps failing is marked dead and its invoice is
 * flagged for the admin: never dropped silently.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import { syncInvoiceWorkflow } from "../workflows/sync-invoice"

export const MAX_ATTEMPTS = 8
/** A claim older than this is considered abandoned (the process died). */
export const STALE_CLAIM_MS = 2 * 60_000

export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 60 * 60_000)
  return Math.round(base * (0.8 + 0.4 * random()))
}

export type ProcessResult = { id: string; status: "applied" | "ignored" | "failed" | "dead" | "skipped"; outcome?: string }

export async function processWebhookEvent(container: MedusaContainer, id: string): Promise<ProcessResult> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  if (!(await threepay.claimWebhookEvent(id, STALE_CLAIM_MS))) return { id, status: "skipped" }
  const [event] = await threepay.listThreePayWebhookEvents({ id }, { take: 1 })
  if (!event?.transaction_id) {
    await threepay.updateThreePayWebhookEvents({
      id,
      processing_status: "ignored",
      outcome: "no transaction id",
      processed_at: new Date(),
    })
    return { id, status: "ignored" }
  }
  try {
    const { result } = await syncInvoiceWorkflow(container).run({
      input: { transaction_id: event.transaction_id, source: "webhook" },
    })
    const status = result.known ? "applied" : "ignored"
    await threepay.updateThreePayWebhookEvents({
      id,
      processing_status: status,
      outcome: result.outcome,
      processed_at: new Date(),
      last_error: null,
      next_attempt_at: null,
    })
    return { id, status, outcome: result.outcome }
  } catch (e) {
    const message = String((e as Error)?.message ?? e).slice(0, 1000)
    const dead = event.attempts >= MAX_ATTEMPTS
    await threepay.updateThreePayWebhookEvents({
      id,
      processing_status: dead ? "dead" : "failed",
      last_error: message,
      next_attempt_at: dead ? null : new Date(Date.now() + retryDelayMs(event.attempts)),
    })
    if (dead) {
      const invoice = await threepay.retrieveInvoiceByTransaction(event.transaction_id)
      if (invoice) {
        const reasons = new Set((invoice.attention ?? "").split(",").filter(Boolean))
        reasons.add("failed_processing")
        await threepay.updateThreePayInvoices({ id: invoice.id, attention: [...reasons].join(",") })
      }
    }
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[3pay] webhook event ${id} (invoice ${event.transaction_id}) ${dead ? "gave up" : "will be retried"}: ${message}`)
    return { id, status: dead ? "dead" : "failed", outcome: message }
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
