import { ThreePayBadResponseError, ThreePayError, ThreePayUnavailableError } from "./errors"
import type { CurrencyType } from "./networks"
import type { InvoiceDetails } from "./types"
import { toMicro } from "./usdt"

/**
 * `transaction/create` has no idempotency key at 3PAY: sending it twice may
 * make two invoices, and a shopper who sees the second one may pay twice.
 * So a failed create is never repeated blindly. These helpers decide
 * whether a failure leaves the outcome unknown, and which listed invoice (if
 * any) is the one the lost answer described.
 */

/** How far before our own start time an invoice's `createdAt` may be (clock skew). */
export const RECOVERY_CLOCK_SKEW_MS = 2 * 60 * 1000
/** How many recent deposits the recovery search reads. */
export const RECOVERY_SEARCH_LIMIT = 20

/**
 * True when 3PAY may have created the invoice although we got no usable
 * answer: a timeout, a connection lost after sending, a 5xx, or a 2xx we
 * could not read. Not ambiguous: a 4xx (3PAY refused), a 429 or a budget
 * refusal (nothing was sent or done), a connection refused before sending.
 */
export function isAmbiguousCreateFailure(e: unknown): e is ThreePayError {
  if (e instanceof ThreePayUnavailableError) return !e.requestNotSent
  if (e instanceof ThreePayBadResponseError) return e.unreadable && (e.status === undefined || (e.status >= 200 && e.status < 300))
  return false
}

export type RecoveryTarget = {
  currencyType: CurrencyType
  /** Canonical decimal string. */
  amount: string
  referenceId?: string
  /** Epoch ms at which our create call started. */
  startedAt: number
}

export type RecoveryPick =
  | { kind: "found"; invoice: InvoiceDetails }
  | { kind: "none" }
  | { kind: "several"; count: number }

function sameAmount(a: string | null, b: string): boolean {
  if (a === null) return false
  try {
    return toMicro(a, "half-up") === toMicro(b, "exact")
  } catch {
    return false
  }
}

/**
 * An invoice is ours when it is still `initiated`, on the same currency type,
 * for the same amount, created no earlier than our start minus 2 minutes,
 * and, when 3PAY echoes a `referenceId`, with ours. An invoice without a
 * `createdAt` cannot be dated and is not taken. Two or more matches are not
 * resolved by guessing: handing a shopper someone else's invoice is worse
 * than asking them to try again.
 */
export function pickRecoveredInvoice(candidates: InvoiceDetails[], target: RecoveryTarget): RecoveryPick {
  const notBefore = target.startedAt - RECOVERY_CLOCK_SKEW_MS
  const matches = candidates.filter((inv) => {
    if (inv.status !== "initiated") return false
    if (inv.currencyType !== target.currencyType) return false
    if (!sameAmount(inv.amount, target.amount)) return false
    if (!inv.createdAt || Date.parse(inv.createdAt) < notBefore) return false
    if (target.referenceId && inv.referenceId && inv.referenceId !== target.referenceId) return false
    return true
  })
  if (matches.length === 0) return { kind: "none" }
  if (matches.length === 1) return { kind: "found", invoice: matches[0] }
  // Several: one that echoes our referenceId wins outright.
  if (target.referenceId) {
    const exact = matches.filter((m) => m.referenceId === target.referenceId)
    if (exact.length === 1) return { kind: "found", invoice: exact[0] }
  }
  return { kind: "several", count: matches.length }
}
