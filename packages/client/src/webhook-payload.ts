import { invoiceSchema, isRecord, withdrawalRequestSchema } from "./schemas"
import type { InvoiceDetails, WithdrawalRequest } from "./types"

/**
 * Reads the body 3PAY POSTs to our webhook URL:
 * `{ success, message, data: { type, transactionId, amount, status, ... } }`,
 * with the same tolerance as API answers (`date` for `data`, string amounts,
 * any status case). Check the signature on the raw bytes BEFORE calling this
 * (webhook-signature.ts), and re-check the invoice with `verifyInvoice`
 * before capturing: the body is a hint, 3PAY's API is the truth.
 */

export type WebhookPayloadErrorReason = "malformed_json" | "missing_transaction_id" | "invalid_shape"

/** Not a ThreePayError: nothing was called; the request body is unusable (answer 400). */
export class ThreePayWebhookPayloadError extends Error {
  readonly code = "invalid_webhook_payload" as const
  constructor(message: string, readonly reason: WebhookPayloadErrorReason) {
    super(message)
    this.name = "ThreePayWebhookPayloadError"
  }
}

export type ThreePayWebhookEvent = {
  /** `data.type`, lower case: "deposit", "withdrawal", "payout"... */
  type: string
  /** Only deposits concern checkout. */
  isDeposit: boolean
  invoice: InvoiceDetails
  /**
   * `data.userId`: a deposit to a per-user wallet (our assumption; 3PAY does
   * not document it). Absent on invoices, and maybe on wallet deposits too:
   * then `invoice.walletAddress` says whose address it was.
   */
  userId: string | null
  /**
   * `type: "withdrawal"`: the withdrawal it reports, read like a withdrawal
   * request (status folded: `pending`/`pending_review` → "pending_review"...;
   * `id` from `withdrawalId`, else `id`/`transactionId`). `userId`, the
   * `reason` and the hash may be missing (3PAY documents none of them).
   * Null for other types or when the body cannot be read as one.
   */
  withdrawal: WithdrawalRequest | null
  /** The parsed JSON as sent (for the webhook ledger). */
  raw: unknown
}

export function parseWebhookEvent(rawBody: string | Buffer): ThreePayWebhookEvent {
  const text = (typeof rawBody === "string" ? rawBody : rawBody.toString("utf8")).replace(/^\uFEFF/, "")
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new ThreePayWebhookPayloadError("3PAY webhook body is not JSON.", "malformed_json")
  }
  if (!isRecord(raw)) throw new ThreePayWebhookPayloadError("3PAY webhook body is not a JSON object.", "invalid_shape")

  // The event sits under `data` (documented), `date` (the misspelling seen
  // on an older endpoint), or at top level (older callbacks).
  const inner = isRecord(raw.data) ? raw.data : isRecord(raw.date) ? raw.date : raw
  const hasId = ["transactionId", "id", "_id"].some((k) => {
    const v = inner[k]
    return (typeof v === "string" && v.trim() !== "") || typeof v === "number"
  })
  if (!hasId) throw new ThreePayWebhookPayloadError("3PAY webhook has no data.transactionId.", "missing_transaction_id")

  const parsed = invoiceSchema.safeParse(inner)
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.map(String).join(".") || "data").join(", ")
    throw new ThreePayWebhookPayloadError(`3PAY webhook has unreadable fields: ${fields}.`, "invalid_shape")
  }
  // Older hosted-checkout callbacks carry no type and were always payments.
  const type = parsed.data.type ?? "deposit"
  const userId = typeof inner.userId === "string" && inner.userId.trim() !== "" ? inner.userId.trim() : null
  const w = type === "withdrawal" ? withdrawalRequestSchema.safeParse(inner) : null
  const withdrawal = w?.success ? { ...w.data, raw: inner } : null
  return { type, isDeposit: type === "deposit", invoice: parsed.data, userId, withdrawal, raw }
}
