/**
 * "Needs attention" flags on an invoice: why a person should look at it,
 * what to call it and what to do. Stored on the invoice as structured data
 * (`{ <code>: { raised_at, detail } }`): a flag is added and kept, never
 * overwritten by another one; "mark as handled" records who looked, and a
 * flag raised afterwards re-opens the item. Written only through the module's
 * `raiseAttention` (see service.ts), under the invoice's row lock.
 */
export const ATTENTION_CODES = [
  "underpaid",
  "expired_partial",
  "overpaid",
  "orphan",
  "late",
  "wrong_network",
  "amount_unreadable",
  "paid_unconfirmed",
  "failed_processing",
  "balance_mismatch",
  "deposit_unreadable",
  "refund_rejected",
  "refund_failed",
] as const
export type AttentionCode = (typeof ATTENTION_CODES)[number]

/** `cleared_at`: the cause went away on its own (the rest of an underpayment arrived); kept for the record. */
export type AttentionFlag = { raised_at: string; detail: string | null; cleared_at?: string | null }
export type AttentionFlags = Partial<Record<AttentionCode, AttentionFlag>>

export const ATTENTION_LABELS: Record<AttentionCode, string> = {
  underpaid: "Underpaid",
  expired_partial: "Partially paid, expired",
  overpaid: "Overpaid",
  orphan: "Paid, no order",
  late: "Paid after expiry",
  wrong_network: "Wrong network",
  amount_unreadable: "Amount not reported",
  paid_unconfirmed: "Paid, not confirmed by 3PAY",
  failed_processing: "Failed processing",
  balance_mismatch: "3PAY balance differs",
  deposit_unreadable: "Deposit not credited",
  refund_rejected: "Refund rejected",
  refund_failed: "Refund failed",
}

/** (refund_*: the refund's own timeline, in the order widget, has the details.) */
export const REFUND_ATTENTION_ADVICE = {
  refund_rejected:
    "A USDT refund's withdrawal was rejected at 3PAY: no USDT left, and the refund recorded in Medusa was deleted. Check the reason in 3PAY's dashboard, then refund again from the order page if the customer is still owed.",
  refund_failed:
    "A USDT refund's withdrawal failed (refused by 3PAY or on chain): no USDT reached the address, and the refund recorded in Medusa was deleted. Check 3PAY's dashboard, then refund again from the order page.",
} as const

/** What the merchant can do about each kind of attention. */
export const ATTENTION_ADVICE: Record<AttentionCode, string> = {
  underpaid:
    "Less USDT arrived than the order costs. The shopper can pay the missing amount from the payment step (a top-up invoice for the exact difference); or accept the shortfall and complete the order by hand.",
  expired_partial:
    "Part of the amount arrived, then the invoice expired. The order is held, not canceled: the shopper can pay the rest with a top-up invoice. Check in the 3PAY dashboard that the partial amount was credited.",
  overpaid:
    "More USDT arrived than was captured for the order. The excess is recorded on the invoice; return it to the customer if they ask.",
  orphan:
    "USDT arrived but no order could take it (the cart was already paid, canceled or changed). Create the order by hand, or refund the customer.",
  late: "The payment arrived after the invoice expired. It was accepted because USDT carries no exchange-rate risk; check stock before shipping.",
  wrong_network:
    "3PAY reports this payment on another network than the invoice. Contact 3PAY support before shipping: such funds may need manual recovery.",
  amount_unreadable:
    "3PAY said this invoice is confirmed but did not report how much arrived. Nothing was completed; the plugin keeps re-checking. Check the amount in the 3PAY dashboard.",
  paid_unconfirmed:
    "The cart's invoices together hold the full amount, but 3PAY confirmed none of them (they expired while being confirmed). Check in the 3PAY dashboard that the money was credited, then complete the order by hand.",
  failed_processing:
    'The plugin could not apply this payment after several tries (see the webhook log). Use "Re-check with 3PAY" once the cause is fixed.',
  balance_mismatch:
    "3PAY reports a balance for this customer that differs from what the store's ledger credited. The ledger was not changed: look in the 3PAY dashboard for a deposit the store missed or a change made there, then adjust the customer's balance with a reason if needed.",
  deposit_unreadable:
    "3PAY listed a confirmed deposit to this customer's address without a readable amount or transaction hash. It was not credited; check it in the 3PAY dashboard and adjust the balance by hand if the money arrived.",
  ...REFUND_ATTENTION_ADVICE,
}

export function isAttentionCode(code: unknown): code is AttentionCode {
  return typeof code === "string" && (ATTENTION_CODES as readonly string[]).includes(code)
}

/** Reads the stored flags, tolerating the empty and legacy shapes. */
export function flagsOf(stored: unknown): AttentionFlags {
  if (!stored || typeof stored !== "object" || Array.isArray(stored)) return {}
  const out: AttentionFlags = {}
  for (const [code, v] of Object.entries(stored as Record<string, unknown>)) {
    if (!isAttentionCode(code)) continue
    const f = (v ?? {}) as Partial<AttentionFlag>
    out[code] = {
      raised_at: typeof f.raised_at === "string" ? f.raised_at : new Date(0).toISOString(),
      detail: f.detail ?? null,
      ...(f.cleared_at ? { cleared_at: f.cleared_at } : {}),
    }
  }
  return out
}

/**
 * Adds flags to `stored`. A flag already raised keeps its first time (and
 * takes the newer detail). `reopened` is true when a flag is new: an item
 * marked handled comes back to the list.
 */
export function withFlags(
  stored: unknown,
  raise: Array<{ code: AttentionCode; detail?: string | null }>,
  now = new Date()
): { flags: AttentionFlags; reopened: boolean } {
  const flags = flagsOf(stored)
  let reopened = false
  for (const { code, detail } of raise) {
    const had = flags[code]
    if (!had || had.cleared_at) reopened = true
    flags[code] = { raised_at: had && !had.cleared_at ? had.raised_at : now.toISOString(), detail: detail ?? had?.detail ?? null }
  }
  return { flags, reopened }
}

/** Flags whose cause is gone once the cart is paid in full: they are marked cleared, not deleted. */
export const CLEARED_WHEN_PAID: AttentionCode[] = ["underpaid", "expired_partial", "amount_unreadable"]

/** Marks `codes` cleared; `open` says whether any flag is still active. */
export function clearFlags(stored: unknown, codes: AttentionCode[], now = new Date()): { flags: AttentionFlags; open: boolean; cleared: boolean } {
  const flags = flagsOf(stored)
  let cleared = false
  for (const code of codes) {
    const f = flags[code]
    if (f && !f.cleared_at) {
      flags[code] = { ...f, cleared_at: now.toISOString() }
      cleared = true
    }
  }
  return { flags, open: activeCodes(flags).length > 0, cleared }
}

/** Codes raised and not cleared. */
export function activeCodes(stored: unknown): AttentionCode[] {
  const flags = flagsOf(stored)
  return ATTENTION_CODES.filter((c) => !!flags[c] && !flags[c]!.cleared_at)
}
