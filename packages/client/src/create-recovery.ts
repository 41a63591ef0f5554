import { ThreePayBadResponseError, ThreePayError, ThreePayUnavailableError } from "./errors"
import type { CurrencyType } from "./networks"
import type { InvoiceDetails, WithdrawalRequest, WithdrawalSearchTarget } from "./types"
import { toMicro } from "./usdt"

/**
 * 3PAY's creates have no idempotency key: sending `transaction/create` twice
 * may make two invoices (and a shopper may pay both), sending
 * `user/withdrawal/create` twice may pay a refund twice. So a failed create is
 * never repeated blindly. These helpers decide whether a failure leaves the
 * outcome unknown, and which listed invoice or withdrawal (if any) is the one
 * the lost answer described.
 */

/** How far before our own start time an item's `createdAt` may be (clock skew). */
export const RECOVERY_CLOCK_SKEW_MS = 2 * 60 * 1000
/** How many recent deposits the recovery search reads. */
export const RECOVERY_SEARCH_LIMIT = 20

/**
 * True when 3PAY may have created the invoice (or withdrawal) although we got no usable
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

export type WithdrawalPick = { kind: "found"; withdrawal: WithdrawalRequest } | { kind: "none" } | { kind: "several"; ids: string[] }

/** TRON addresses are case-sensitive (base58); Ethereum's case is only a checksum. */
function sameAddress(a: string | null, b: string, network: WithdrawalSearchTarget["network"]): boolean {
  if (a === null) return false
  return network === "ERC20" ? a.trim().toLowerCase() === b.toLowerCase() : a.trim() === b
}

/**
 * A listed withdrawal is the one a lost create made when it is for the same
 * user, network, destination and amount, created no earlier than our start
 * minus 2 minutes, and not one we already know (`excludeIds`: the ids of
 * earlier withdrawals, say a first refund of the same amount to the same
 * address). Its status does not matter (rejected or failed, it was still
 * made). Items without a date, a user, an address or an amount are not
 * taken. Two or more matches are not resolved by guessing.
 */
export function pickRecoveredWithdrawal(candidates: WithdrawalRequest[], target: WithdrawalSearchTarget): WithdrawalPick {
  const notBefore = target.startedAt - RECOVERY_CLOCK_SKEW_MS
  const known = new Set(target.excludeIds ?? [])
  const ids = new Set<string>()
  const matches = candidates.filter((w) => {
    if (known.has(w.id) || ids.has(w.id)) return false
    if (w.userId !== target.userId || w.network !== target.network) return false
    if (!sameAddress(w.walletAddress, target.walletAddress, target.network) || !sameAmount(w.amount, target.amount)) return false
    if (!w.createdAt || Date.parse(w.createdAt) < notBefore) return false
    ids.add(w.id)
    return true
  })
  if (matches.length === 0) return { kind: "none" }
  if (matches.length === 1) return { kind: "found", withdrawal: matches[0] }
  return { kind: "several", ids: matches.map((m) => m.id) }
}
