/**
 * What a delivery to the webhook endpoint is, decided from its bytes alone
 * (no state is read or written here): too large, forged or signed with an
 * unknown secret, unreadable, or a signed 3PAY event. The signature is
 * checked in constant time on the exact bytes, against the current secret
 * and then the previous one (during a rotation).
 *
 * `X-Webhook-Test` is outside the signature: anyone who saw a signed body can
 * replay it with the marker. So a marked copy is recorded as a test event of
 * its own (deduplicated apart from the unmarked body) and applies nothing; it
 * can never stand for the genuine delivery, which is processed when it comes.
 */
import { createHash } from "node:crypto"
import {
  headerValue,
  parseWebhookEvent,
  SIGNATURE_HEADER,
  TEST_HEADER,
  ThreePayWebhookPayloadError,
  verifyWebhookSignature,
  type ThreePayWebhookEvent,
} from "medusa-payment-3pay-client"
import type { ThreePayOptions } from "../../../lib/options"

/** Headers worth keeping: enough to debug a delivery, nothing secret. */
const KEPT_HEADERS = ["content-type", "content-length", "user-agent", SIGNATURE_HEADER, TEST_HEADER, "x-forwarded-for", "x-request-id"]

export type ExaminedDelivery =
  | {
      kind: "rejected"
      signature: string
      http_status: 400 | 401 | 413
      outcome: "too_large" | "rejected_signature" | "malformed"
      code: "threepay_payload_too_large" | "threepay_signature_invalid" | "threepay_payload_invalid"
      message: string
      body_sha256: string | null
      body_size: number
      headers: Record<string, string>
    }
  | {
      kind: "accepted"
      /** Which secret matched. */
      secret: "current" | "previous"
      is_test: boolean
      event: ThreePayWebhookEvent | null
      raw_body: string
      body_sha256: string
      body_size: number
      headers: Record<string, string>
    }

function keptHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of KEPT_HEADERS) {
    const v = headerValue(headers, name)
    if (v !== undefined) out[name] = v.slice(0, 200)
  }
  return out
}

export function examineDelivery(
  options: Pick<ThreePayOptions, "webhookSecret" | "previousWebhookSecret" | "webhookMaxBytes">,
  input: { raw: Buffer | null; tooLarge: boolean; size: number; headers: Record<string, unknown> }
): ExaminedDelivery {
  const headers = keptHeaders(input.headers)
  const hash = input.raw ? createHash("sha256").update(input.raw).digest("hex") : null
  const rejected = (
    signature: string,
    http_status: 400 | 401 | 413,
    outcome: "too_large" | "rejected_signature" | "malformed",
    code: "threepay_payload_too_large" | "threepay_signature_invalid" | "threepay_payload_invalid",
    message: string
  ): ExaminedDelivery => ({ kind: "rejected", signature, http_status, outcome, code, message, body_sha256: hash, body_size: input.size, headers })

  if (input.tooLarge || !input.raw) {
    return rejected("unchecked", 413, "too_large", "threepay_payload_too_large", `Webhook body over ${options.webhookMaxBytes} bytes.`)
  }
  const check = verifyWebhookSignature(input.raw, headerValue(input.headers, SIGNATURE_HEADER), [
    options.webhookSecret,
    options.previousWebhookSecret,
  ])
  if (!check.valid) {
    return rejected(
      check.reason,
      401,
      "rejected_signature",
      "threepay_signature_invalid",
      check.reason === "no_secret" ? "Webhook secret is not configured on this store." : "Missing or invalid X-Webhook-Signature."
    )
  }
  const isTest = headerValue(input.headers, TEST_HEADER)?.toLowerCase() === "true"
  let event: ThreePayWebhookEvent | null = null
  try {
    event = parseWebhookEvent(input.raw)
  } catch (e) {
    if (!(e instanceof ThreePayWebhookPayloadError)) throw e
    if (!isTest) return rejected("valid", 400, "malformed", "threepay_payload_invalid", e.message)
  }
  return {
    kind: "accepted",
    secret: check.secretIndex === 0 ? "current" : "previous",
    is_test: isTest,
    event,
    raw_body: input.raw.toString("utf8"),
    body_sha256: hash!,
    body_size: input.size,
    headers,
  }
}
