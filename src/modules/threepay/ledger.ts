/**
 * The forward-only rule of the invoice ledger ("protect status"): a snapshot
 * of an invoice as 3PAY reports it is merged into our row, but a late
 * `initiated`, `amount confirmed` or `expired` never downgrades a paid
 * invoice. Every change lands in the row's timeline.
 */
import { isStatusUpgrade, type InvoiceStatus } from "medusa-payment-3pay-client"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { compareUsdt } from "medusa-payment-3pay-client"
import { assessInvoice, type Assessment, type PaymentState } from "../../lib/payment-state"
import type ThreePayModuleService from "./service"

export type LedgerSource = "checkout" | "webhook" | "reconciliation" | "storefront" | "admin" | "provider"

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

export type LedgerInvoice = Awaited<ReturnType<ThreePayModuleService["retrieveInvoiceByTransaction"]>> & {}

export type AppliedSnapshot = LedgerInvoice & {
  changed: boolean
  previous_state: PaymentState
  assessment: Assessment
}

export function historyOf(row: { history?: unknown }): HistoryEntry[] {
  const h = row.history as { entries?: HistoryEntry[] } | null | undefined
  return Array.isArray(h?.entries) ? h!.entries : []
}

function attentionFor(a: Assessment, late: boolean, orphan: boolean, previous: string | null): string | null {
  const reasons = new Set<string>((previous ?? "").split(",").filter((r) => r === "failed_processing"))
  if (a.state === "underpaid") reasons.add("underpaid")
  if (a.state === "overpaid") reasons.add("overpaid")
  if (a.state === "wrong_network") reasons.add("wrong_network")
  if (late && a.paid) reasons.add("late")
  if (orphan) reasons.add("orphan")
  return reasons.size ? [...reasons].join(",") : null
}

/**
 * Adds a note to an invoice's timeline (with its current status), and saves
 * any other fields in the same update.
 */
export async function noteOnInvoice(
  service: ThreePayModuleService,
  row: { id: string; status: string; raw_status: string; state: string; history?: unknown },
  entry: { source: LedgerSource; note: string; tx_hash?: string | null },
  values: Record<string, unknown> = {}
) {
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
  return service.updateThreePayInvoices({ id: row.id, ...values, history: { entries: history } })
}

/** A new reason to look re-opens an item someone had marked handled. */
export function attentionFields(next: string | null, row: { attention: string | null }) {
  const added = (next ?? "").split(",").filter((r) => r && !(row.attention ?? "").split(",").includes(r))
  return {
    attention: next,
    ...(added.length ? { attention_resolved_at: null, attention_resolved_by: null, attention_note: null } : {}),
  }
}

export async function applyInvoiceSnapshot(
  service: ThreePayModuleService,
  transactionId: string,
  details: InvoiceDetails,
  source: LedgerSource,
  note?: string
): Promise<AppliedSnapshot | null> {
  const row = await service.retrieveInvoiceByTransaction(transactionId)
  if (!row) return null
  const now = new Date()
  const current = row.status as InvoiceStatus
  const incoming = details.status
  const receivedGrew =
    details.actualBalance != null && compareUsdt(details.actualBalance, row.amount_received ?? "0") > 0
  const accept = isStatusUpgrade(current, incoming) || (incoming === current && receivedGrew)

  const merged: InvoiceDetails = accept
    ? details
    : { ...details, status: current, rawStatus: row.raw_status, actualBalance: row.amount_received }
  const assessment = assessInvoice(merged, {
    network: row.network as "TRC20" | "ERC20",
    amountUsdt: row.amount_usdt,
    tolerance: row.tolerance ?? "0",
  })
  const previousState = row.state as PaymentState
  const wasExpired = current === "expired" || current === "cancelled"
  const late = row.late || (accept && assessment.paid && wasExpired)
  const firstPaid = assessment.paid && !row.paid_at

  const history = historyOf(row)
  const changed = accept && (incoming !== current || receivedGrew || assessment.state !== previousState)
  if (changed) {
    history.push({
      at: now.toISOString(),
      source,
      status: incoming,
      raw_status: details.rawStatus,
      state: assessment.state,
      received: assessment.received,
      tx_hash: details.blockchainTxHash,
      ...(note ? { note } : {}),
    })
  } else if (!accept && incoming !== current && source !== "reconciliation") {
    history.push({
      at: now.toISOString(),
      source,
      status: incoming,
      raw_status: details.rawStatus,
      state: previousState,
      note: `ignored: "${details.rawStatus}" arrived after "${row.raw_status}" (statuses only move forward)`,
    })
  }

  const updated = await service.updateThreePayInvoices({
    id: row.id,
    last_synced_at: now,
    history: { entries: history },
    ...(accept
      ? {
          status: incoming,
          raw_status: details.rawStatus,
          state: assessment.state,
          amount_received: assessment.received,
          amount_missing: assessment.missing,
          amount_excess: assessment.excess,
          fee: details.fee ?? row.fee,
          net_amount: details.netAmount ?? row.net_amount,
          tx_hash: details.blockchainTxHash ?? row.tx_hash,
          wallet_address: row.wallet_address ?? details.walletAddress,
          confirmed_at: details.confirmedAt ? new Date(details.confirmedAt) : row.confirmed_at,
          late,
          ...attentionFields(attentionFor(assessment, late, row.orphan, row.attention), row),
          ...(firstPaid ? { paid_at: now, paid_via: source } : {}),
        }
      : {}),
  })
  return { ...(updated as LedgerInvoice), changed, previous_state: previousState, assessment }
}
