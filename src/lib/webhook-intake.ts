/**
 * The front door of the webhook pipeline (POST /hooks/3pay): verify the
 * signature on the raw bytes in constant time (current secret, then the
 * previous one during a rotation), record the event once (repeats raise a
 * counter), answer, and only then hand it on. Every request, valid or not,
 * leaves a delivery row; forged ones keep only a hash and a size.
 */
import { createHash } from "node:crypto"
import type { MedusaContainer } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { generateEntityId } from "@medusajs/framework/utils"
import { parseWebhookEvent, ThreePayWebhookPayloadError } from "medusa-payment-3pay-client"
import { headerValue, SIGNATURE_HEADER, TEST_HEADER, verifyWebhookSignature } from "medusa-payment-3pay-client"
import { ERROR_CODES } from "./error-codes"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"

export const WEBHOOK_RECEIVED_EVENT = "threepay.webhook.received"

/** Headers worth keeping: enough to debug a delivery, nothing secret. */
const KEPT_HEADERS = ["content-type", "content-length", "user-agent", SIGNATURE_HEADER, TEST_HEADER, "x-forwarded-for", "x-request-id"]

export type IntakeResult = { status: number; body: Record<string, unknown> }

function keptHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    const v = headerValue(headers, name)
    if (v !== undefined) out[name] = v.slice(0, 200)
  }
  return out
}

export async function receiveWebhook(
  container: MedusaContainer,
  input: { raw: Buffer | null; tooLarge: boolean; size: number; headers: Record<string, unknown> }
): Promise<IntakeResult> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const options = threepay.getOptions()
  const receivedAt = new Date()
  const headers = keptHeaders(input.headers)
  const hash = input.raw ? createHash("sha256").update(input.raw).digest("hex") : null
  const rejected = (signature: string, http_status: number, outcome: string) =>
    threepay.recordRejectedDelivery({
      id: generateEntityId(undefined, "tpdlv"),
      received_at: receivedAt,
      signature,
      http_status,
      outcome,
      body_sha256: hash,
      body_size: input.size,
      headers,
    })

  if (input.tooLarge || !input.raw) {
    await rejected("unchecked", 413, "too_large")
    return {
      status: 413,
      body: { code: ERROR_CODES.PAYLOAD_TOO_LARGE, message: `Webhook body over ${options.webhookMaxBytes} bytes.` },
    }
  }

  const check = verifyWebhookSignature(input.raw, headerValue(input.headers, SIGNATURE_HEADER), [
    options.webhookSecret,
    options.previousWebhookSecret,
  ])
  if (!check.valid) {
    await rejected(check.reason, 401, "rejected_signature")
    return {
      status: 401,
      body: {
        code: ERROR_CODES.SIGNATURE_INVALID,
        message:
          check.reason === "no_secret"
            ? "Webhook secret is not configured on this store."
            : "Missing or invalid X-Webhook-Signature.",
      },
    }
  }
  const secret = check.secretIndex === 0 ? "current" : "previous"
  const isTest = headerValue(input.headers, TEST_HEADER)?.toLowerCase() === "true"

  let event
  try {
    event = parseWebhookEvent(input.raw)
  } catch (e) {
    if (isTest) event = null
    else if (e instanceof ThreePayWebhookPayloadError) {
      await rejected("valid", 400, "malformed")
      return { status: 400, body: { code: ERROR_CODES.PAYLOAD_INVALID, message: e.message } }
    } else throw e
  }

  const recorded = await threepay.recordWebhookEvent({
    id: generateEntityId(undefined, "tpevt"),
    body_sha256: hash!,
    raw_body: input.raw.toString("utf8"),
    headers,
    transaction_id: event?.invoice.transactionId ?? null,
    event_type: event?.type ?? (isTest ? "test" : null),
    status: event?.invoice.rawStatus ?? null,
    is_test: isTest,
    ignored_reason: isTest
      ? "test delivery: recorded, nothing else changed"
      : !event?.isDeposit
        ? `not a deposit (${event?.type ?? "unknown"}): nothing to do for checkout`
        : null,
    secret,
    received_at: receivedAt,
    delivery: { id: generateEntityId(undefined, "tpdlv"), body_size: input.size },
  })

  // Hand on without waiting. A repeat of an event that is not settled yet is
  // handed on again (it may be what finally gets it applied).
  if (!isTest && event?.isDeposit && ["pending", "failed"].includes(recorded.processing_status)) {
    await container
      .resolve(Modules.EVENT_BUS)
      .emit({ name: WEBHOOK_RECEIVED_EVENT, data: { id: recorded.id } })
      .catch(() => undefined)
  }
  return {
    status: 200,
    body: { received: true, event_id: recorded.id, duplicate: recorded.duplicate, test: isTest },
  }
}
