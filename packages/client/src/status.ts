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
