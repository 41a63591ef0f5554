/**
 * How a ledger row changes: a snapshot from 3PAY merged forward-only, a note
 * on the timeline, attention flags. Pure functions from a row to a patch; the
 * module service applies each patch under the invoice's row lock (service.ts
 * `mutateInvoice`), so concurrent writers never lose each other's changes.
 */
import type { InferTypeOf } from "@medusajs/framework/types"
import { fromMicro, toMicro, type InvoiceDetails } from "medusa-payment-3pay-client"
import type { PaymentState } from "medusa-payment-3pay-client/store-api"
import { clearFlags, CLEARED_WHEN_PAID, withFlags, type AttentionCode } from "./attention"
import { invoiceState, mergeSnapshot, type InvoiceMoney } from "./invoice-state"
import type { ThreePayInvoice } from "./models/invoice"

/** One invoice row as the module returns it. */
export type LedgerInvoice = InferTypeOf<typeof ThreePayInvoice>

export type LedgerSource = "checkout" | "webhook" | "reconciliation" | "storefront" | "admin" | "settlement"

export type HistoryEntry = {
  at: string
  source: LedgerSource
  status: string
  raw_status: string
  state: PaymentState
  received?: string
  tx_hash?: string | null
  note?: string
}

export type InvoicePatch = Partial<Omit<LedgerInvoice, "id" | "transaction_id" | "created_at" | "updated_at" | "deleted_at">>

export function historyOf(row: { history?: unknown }): HistoryEntry[] {
  const h = row.history as { entries?: HistoryEntry[] } | null | undefined
  return Array.isArray(h?.entries) ? [...h!.entries] : []
}

export function moneyOf(row: LedgerInvoice): InvoiceMoney {
  return {
    network: row.network,
    status: row.status as InvoiceMoney["status"],
    raw_status: row.raw_status,
    amount_usdt: row.amount_usdt,
    received: row.amount_received ?? "0",
    received_known: !!row.received_known,
    tx_hashes: Array.isArray(row.tx_hashes) ? (row.tx_hashes as unknown as string[]) : [],
    wrong_network: !!row.wrong_network,
  }
}

/** A timeline entry with the row's current status, and the patch that appends it. */
export function notePatch(row: LedgerInvoice, entry: { source: LedgerSource; note: string; tx_hash?: string | null }): InvoicePatch {
  const history = historyOf(row)
  history.push({
    at: new Date().toISOString(),
    source: entry.source,
    status: row.status,
    raw_status: row.raw_status,
    state: row.state as PaymentState,
    ...(entry.tx_hash ? { tx_hash: entry.tx_hash } : {}),
    note: entry.note,
  })
  return { history: { entries: history } as unknown as Record<string, unknown> }
}

/**
 * The flags whose cause went away once the cart was paid in full, marked
 * cleared (kept for the record). If nothing else is open, the item leaves the
 * "needs attention" list as handled by 3PAY's own news.
 */
export function clearedWhenPaidPatch(row: LedgerInvoice): InvoicePatch {
  const { flags, open, cleared } = clearFlags(row.attention, CLEARED_WHEN_PAID)
  if (!cleared) return {}
  return {
    attention: flags as Record<string, unknown>,
    ...(!open && !row.attention_resolved_at ? { attention_resolved_at: new Date(), attention_resolved_by: "3pay", attention_note: "paid in full" } : {}),
  }
}

/** Adds attention flags (kept, never overwritten); a new one re-opens an item marked handled. */
export function attentionPatch(
  row: LedgerInvoice,
  raise: Array<{ code: AttentionCode; detail?: string | null }>
): InvoicePatch {
  if (!raise.length) return {}
  const { flags, reopened } = withFlags(row.attention, raise)
  return {
    attention: flags as Record<string, unknown>,
    ...(raise.some((r) => r.code === "orphan") ? { orphan: true } : {}),
    ...(reopened ? { attention_resolved_at: null, attention_resolved_by: null, attention_note: null } : {}),
  }
}

export type SnapshotOutcome = {
  patch: InvoicePatch
  changed: boolean
  previous_state: PaymentState
  state: PaymentState
}

/**
 * Merges what 3PAY just said into a row: received money only accumulates,
 * statuses only move forward, flags are raised for what a person must see.
 */
export function snapshotPatch(row: LedgerInvoice, details: InvoiceDetails, source: LedgerSource, note?: string): SnapshotOutcome {
  const now = new Date()
  const before = moneyOf(row)
  const merged = mergeSnapshot(before, details)
  const m = merged.next
  const tolerance = row.tolerance ?? "0"
  const state = invoiceState(m, tolerance)
  const previous = row.state as PaymentState
  const wasClosed = before.status === "expired" || before.status === "cancelled"
  const paid = state === "paid" || state === "overpaid"
  const late = row.late || (paid && wasClosed && m.status === "confirmed")

  const raise: Array<{ code: AttentionCode; detail?: string | null }> = []
  if (merged.amount_unreadable && !m.received_known) {
    raise.push({ code: "amount_unreadable", detail: `3PAY said "${details.rawStatus}" without the amount received` })
  }
  if (state === "underpaid") raise.push({ code: "underpaid", detail: `${m.received} of ${m.amount_usdt} USDT` })
  if (state === "expired_partial") raise.push({ code: "expired_partial", detail: `${m.received} of ${m.amount_usdt} USDT, then ${m.raw_status}` })
  if (state === "wrong_network") raise.push({ code: "wrong_network", detail: `reported on ${details.network ?? "another network"}` })
  if (late && !row.late) raise.push({ code: "late", detail: null })

  const history = historyOf(row)
  const changed = merged.changed || state !== previous
  if (changed) {
    history.push({
      at: now.toISOString(),
      source,
      status: m.status,
      raw_status: details.rawStatus,
      state,
      received: m.received,
      tx_hash: details.blockchainTxHash,
      ...(note ? { note } : {}),
    })
  } else if (merged.status_ignored && source !== "reconciliation") {
    history.push({
      at: now.toISOString(),
      source,
      status: details.status,
      raw_status: details.rawStatus,
      state: previous,
      note: `ignored: "${details.rawStatus}" arrived after "${row.raw_status}" (statuses only move forward; received money is kept)`,
    })
  } else if (note) {
    history.push({ at: now.toISOString(), source, status: m.status, raw_status: m.raw_status, state, note })
  }

  const due = toMicro(m.amount_usdt, "down")
  const got = toMicro(m.received, "down")
  // Flags whose cause is gone are cleared first; new ones are raised on top.
  const cleared = paid ? clearedWhenPaidPatch(row) : {}
  const patch: InvoicePatch = {
    status: m.status,
    raw_status: m.raw_status,
    state,
    amount_received: m.received,
    amount_missing: fromMicro(got >= due ? 0n : due - got),
    amount_excess: fromMicro(got > due ? got - due : 0n),
    received_known: m.received_known,
    tx_hashes: m.tx_hashes as unknown as Record<string, unknown>,
    tx_hash: m.tx_hashes[m.tx_hashes.length - 1] ?? row.tx_hash,
    wrong_network: m.wrong_network,
    fee: details.fee ?? row.fee,
    net_amount: details.netAmount ?? row.net_amount,
    wallet_address: row.wallet_address ?? details.walletAddress,
    confirmed_at: details.confirmedAt ? new Date(details.confirmedAt) : row.confirmed_at,
    late,
    last_synced_at: now,
    // News re-opens reconciliation's schedule: looked at again next run (an invoice closed for good included).
    ...(changed ? { next_check_at: null, check_count: 0, closed_at: null } : {}),
    history: { entries: history } as unknown as Record<string, unknown>,
    ...(paid && !row.paid_at ? { paid_at: now, paid_via: source } : {}),
    ...cleared,
    ...attentionPatch({ ...row, ...cleared } as LedgerInvoice, raise),
  }
  return { patch, changed, previous_state: previous, state }
}
