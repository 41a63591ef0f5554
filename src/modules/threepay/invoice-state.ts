/**
 * The money rules of the ledger, as pure functions (no database, no Medusa):
 * how a snapshot of an invoice from 3PAY merges into what we already know,
 * what an invoice means for the shop, and whether a cart's invoices together
 * pay for it. Everything is exact integer micro-USDT.
 *
 * - Received money only accumulates: an invoice's received amount and its tx
 *   hashes are the most 3PAY ever reported, whatever status comes later.
 * - 3PAY's status only moves forward (STATUS_RANK): a late `initiated`,
 *   `amount confirmed` or `expired` never replaces `confirmed`.
 * - Fail closed: a `confirmed` answer without a readable received amount is
 *   never "paid"; it stays "confirming" and is flagged `amount_unreadable`.
 * - A cart is paid when its countable money reaches its total minus the
 *   tolerance, and 3PAY confirmed at least one of the invoices that paid it.
 */
import {
  fromMicro,
  isStatusUpgrade,
  toMicro,
  type InvoiceDetails,
  type InvoiceStatus,
  type Network,
} from "medusa-payment-3pay-client"
import type { PaymentState } from "medusa-payment-3pay-client/store-api"

/** What the ledger knows of one invoice's money. */
export type InvoiceMoney = {
  network: Network
  /** 3PAY's status, forward-only. */
  status: InvoiceStatus
  raw_status: string
  /** USDT asked for on this invoice. */
  amount_usdt: string
  /** Most USDT 3PAY ever reported on this invoice. */
  received: string
  /** A readable received amount was reported at least once. */
  received_known: boolean
  /** Every tx hash 3PAY ever reported on this invoice, first seen first. */
  tx_hashes: string[]
  /** 3PAY reported it on another network than ours. */
  wrong_network: boolean
}

export type MergeResult = {
  next: InvoiceMoney
  /** Something a person or the shop should know changed. */
  changed: boolean
  /** 3PAY's status word was older than ours and was not taken. */
  status_ignored: boolean
  /** The snapshot said "confirmed" but carried no readable received amount. */
  amount_unreadable: boolean
}

const micro = (v: string) => toMicro(v, "down")

/** Merges one snapshot. Order and repeats do not matter for `received` and `tx_hashes`. */
export function mergeSnapshot(prev: InvoiceMoney, snap: InvoiceDetails): MergeResult {
  const statusUp = isStatusUpgrade(prev.status, snap.status)
  const balance = snap.actualBalance
  const grew = balance != null && micro(balance) > micro(prev.received)
  const received = grew ? fromMicro(micro(balance!)) : prev.received
  const receivedKnown = prev.received_known || balance != null
  // Hex hashes compare case-insensitively: kept in lower case, so a lookup is an exact match.
  const hash = snap.blockchainTxHash?.trim().toLowerCase() || null
  const tx_hashes = hash && !prev.tx_hashes.includes(hash) ? [...prev.tx_hashes, hash] : prev.tx_hashes
  const wrong = prev.wrong_network || (!!snap.network && snap.network !== prev.network)
  const next: InvoiceMoney = {
    ...prev,
    status: statusUp ? snap.status : prev.status,
    raw_status: statusUp ? snap.rawStatus : prev.raw_status,
    received,
    received_known: receivedKnown,
    tx_hashes,
    wrong_network: wrong,
  }
  return {
    next,
    changed:
      statusUp ||
      grew ||
      receivedKnown !== prev.received_known ||
      tx_hashes.length !== prev.tx_hashes.length ||
      wrong !== prev.wrong_network,
    status_ignored: !statusUp && snap.status !== prev.status,
    amount_unreadable: balance == null && (snap.status === "confirmed" || snap.status === "underpaid"),
  }
}

/** USDT forgiven on `due`: basis points of it, at most `cap`; the smaller wins. Rounded down. */
export function toleranceFor(due: string, bps: number, cap: string): string {
  const relative = (micro(due) * BigInt(Math.max(0, Math.floor(bps)))) / 10_000n
  const absolute = micro(cap)
  return fromMicro(relative < absolute ? relative : absolute)
}

const CONFIRMED: InvoiceStatus[] = ["confirmed", "underpaid"]
const CLOSED: InvoiceStatus[] = ["expired", "cancelled", "failed"]

/** What one invoice means for the shop, against its own amount and the cart's tolerance. */
export function invoiceState(m: InvoiceMoney, tolerance: string): PaymentState {
  if (m.wrong_network) return "wrong_network"
  const received = micro(m.received)
  const due = micro(m.amount_usdt)
  if (CONFIRMED.includes(m.status)) {
    if (!m.received_known) return "confirming"
    if (received + micro(tolerance) >= due) return received > due ? "overpaid" : "paid"
    return "underpaid"
  }
  if (CLOSED.includes(m.status)) {
    if (received > 0n) return "expired_partial"
    return m.status === "failed" ? "failed" : m.status === "cancelled" ? "cancelled" : "expired"
  }
  if (m.status === "amount_confirmed") return "confirming"
  return received > 0n ? "confirming" : "awaiting_payment"
}

/** Money on this invoice that counts toward its cart: 3PAY reported it, and the invoice will not change on its own. */
export function countable(m: InvoiceMoney): bigint {
  if (m.wrong_network || !m.received_known) return 0n
  if (CONFIRMED.includes(m.status) || CLOSED.includes(m.status)) return micro(m.received)
  return 0n
}

export type Coverage = {
  /** USDT the cart costs. */
  due: string
  tolerance: string
  /** Countable USDT over the cart's invoices. */
  received: string
  /** Every USDT 3PAY reported on the cart's invoices (on our networks), confirmed or still being confirmed: what a shopper sees arrived. */
  seen: string
  /** USDT still to pay (0 when covered). */
  missing: string
  /** USDT beyond the amount due. */
  excess: string
  /** Countable money reaches due - tolerance, and 3PAY confirmed at least one paying invoice. */
  covered: boolean
  /** Countable money reaches due - tolerance, but 3PAY confirmed none of it: a person decides. */
  covered_unconfirmed: boolean
  /** Some invoice is still being confirmed (money seen, not yet final). */
  in_flight: boolean
}

/** Whether a cart's invoices together pay `due`. */
export function cartCoverage(invoices: InvoiceMoney[], due: string, tolerance: string): Coverage {
  const dueMicro = micro(due)
  const total = invoices.reduce((sum, m) => sum + countable(m), 0n)
  const seen = invoices.reduce((sum, m) => sum + (m.wrong_network ? 0n : micro(m.received)), 0n)
  const confirmed = invoices.some((m) => CONFIRMED.includes(m.status) && countable(m) > 0n)
  const enough = total + micro(tolerance) >= dueMicro
  const inFlight = invoices.some(
    (m) => !m.wrong_network && (m.status === "amount_confirmed" || ((m.status === "initiated" || m.status === "pending") && micro(m.received) > 0n))
  )
  return {
    due: fromMicro(dueMicro),
    tolerance: fromMicro(micro(tolerance)),
    received: fromMicro(total),
    seen: fromMicro(seen),
    missing: fromMicro(total >= dueMicro ? 0n : dueMicro - total),
    excess: fromMicro(total > dueMicro ? total - dueMicro : 0n),
    covered: enough && confirmed,
    covered_unconfirmed: enough && !confirmed,
    in_flight: inFlight,
  }
}

/** The remainder a new invoice of this cart must ask for (never below 0). */
export function remainderOf(coverage: Coverage): string {
  return coverage.missing
}
