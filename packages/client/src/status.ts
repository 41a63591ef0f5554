/**
 * 3PAY's invoice statuses, normalised in one place. 3PAY's doc versions
 * disagree on spelling and case ("Initiated", "amount confirmed", "Successful",
 * "Completed (Paid)", "underpaid"...), so we compare case-insensitively and
 * fold spaces, dashes and underscores. Anything we do not recognise becomes
 * "pending": an unknown word must never be read as "paid".
 */
export const INVOICE_STATUSES = [
  "initiated",
  "amount_confirmed",
  "confirmed",
  "underpaid",
  "expired",
  "cancelled",
  "failed",
  "pending",
] as const
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number]

const ALIASES: Record<string, InvoiceStatus> = {
  initiated: "initiated",
  created: "initiated",
  new: "initiated",
  waiting: "initiated",
  "amount confirmed": "amount_confirmed",
  "amount_confirmed": "amount_confirmed",
  detected: "amount_confirmed",
  confirming: "amount_confirmed",
  processing: "amount_confirmed",
  confirmed: "confirmed",
  completed: "confirmed",
  "completed (paid)": "confirmed",
  paid: "confirmed",
  successful: "confirmed",
  success: "confirmed",
  overpaid: "confirmed",
  underpaid: "underpaid",
  "partially paid": "underpaid",
  expired: "expired",
  cancelled: "cancelled",
  canceled: "cancelled",
  failed: "failed",
  rejected: "failed",
}

export function normalizeInvoiceStatus(raw: unknown): InvoiceStatus {
  if (typeof raw !== "string") return "pending"
  const key = raw.trim().toLowerCase().replace(/[\s_-]+/g, " ")
  return ALIASES[key] ?? ALIASES[key.replace(/ /g, "_")] ?? "pending"
}

/** Statuses after which 3PAY will not change the invoice on its own. */
export function isFinalInvoiceStatus(s: InvoiceStatus): boolean {
  return s === "confirmed" || s === "expired" || s === "cancelled" || s === "failed"
}

/**
 * Forward-only order used by the ledger ("protect status"): a late
 * `initiated`, `amount confirmed` or `expired` never replaces `confirmed`.
 * Money outranks time: `confirmed` after `expired` (a late payment) is an
 * upgrade, `expired` after `confirmed` is ignored. Every status has its own
 * rank, so the ledger ends in the same status whatever order the news came
 * in (the closed ones: the more specific wins, failed over cancelled over
 * expired). Received money is kept apart from the status (the ledger keeps
 * the most ever reported), so `expired` after `amount confirmed` loses no money.
 */
export const STATUS_RANK: Record<InvoiceStatus, number> = {
  pending: 0,
  initiated: 1,
  amount_confirmed: 2,
  expired: 3,
  cancelled: 4,
  failed: 5,
  underpaid: 6,
  confirmed: 7,
}

export function isStatusUpgrade(from: InvoiceStatus, to: InvoiceStatus): boolean {
  return STATUS_RANK[to] > STATUS_RANK[from]
}

/**
 * Withdrawal statuses, normalised the same way. 3PAY's pages disagree:
 * `pending` (settlement table) and `pending_review` (modes page) both mean
 * "waiting for the merchant's review"; `completed`, `rejected`, `failed` are
 * final (`failed`: the chain refused it, the balance was restored). An
 * unknown word is "unknown", never "completed": money is only gone when 3PAY
 * says so in words we know.
 */
export const WITHDRAWAL_STATUSES = ["pending_review", "approved", "completed", "rejected", "failed", "unknown"] as const
export type WithdrawalStatus = (typeof WITHDRAWAL_STATUSES)[number]

const WITHDRAWAL_ALIASES: Record<string, WithdrawalStatus> = {
  pending: "pending_review",
  "pending review": "pending_review",
  "pending approval": "pending_review",
  "awaiting approval": "pending_review",
  "in review": "pending_review",
  review: "pending_review",
  approved: "approved",
  processing: "approved",
  "in progress": "approved",
  sending: "approved",
  completed: "completed",
  complete: "completed",
  confirmed: "completed",
  success: "completed",
  successful: "completed",
  sent: "completed",
  rejected: "rejected",
  declined: "rejected",
  denied: "rejected",
  cancelled: "rejected",
  canceled: "rejected",
  failed: "failed",
  failure: "failed",
  error: "failed",
}

export function normalizeWithdrawalStatus(raw: unknown): WithdrawalStatus {
  if (typeof raw !== "string") return "unknown"
  return WITHDRAWAL_ALIASES[raw.trim().toLowerCase().replace(/[\s_-]+/g, " ")] ?? "unknown"
}

/** After these 3PAY will not change the withdrawal: sent (completed), or not sent and the money back (rejected, failed). */
export function isFinalWithdrawalStatus(s: WithdrawalStatus): boolean {
  return s === "completed" || s === "rejected" || s === "failed"
}
