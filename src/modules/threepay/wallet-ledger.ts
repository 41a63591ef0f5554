/**
 * The credit ledger's money rules, as pure functions over its entries
 * (models/wallet-entry.ts). The balance is never stored: it is folded from
 * the entries, in micro-USDT (bigint), exactly:
 *
 *   available = deposits + adjustments - holds + releases
 *   held      = holds - releases - debits
 *
 * and both stay >= 0: a hold needs that much available, an adjustment may
 * not take more than is available, and a hold is settled (released or
 * debited) once, for its whole amount. Requests that would break a rule are
 * refused, not clamped. A request whose `dedupe_key` is already in the
 * ledger changes nothing (a deposit reported twice credits once).
 *
 * The module service applies `planEntries` under the wallet user's row lock
 * (service.ts `appendWalletEntries`), so concurrent writers see each other.
 */
import { fromMicro, toMicro, type Network } from "medusa-payment-3pay-client"

export type WalletEntryKind = "deposit" | "hold" | "release" | "debit" | "adjustment"

/** What the fold needs of an entry. */
export type FoldableEntry = {
  id: string
  kind: WalletEntryKind
  amount: string
  dedupe_key: string
  hold_id?: string | null
  net_amount?: string | null
}

export type WalletState = {
  available: bigint
  held: bigint
  /** Everything deposits credited, and what 3PAY reported as reaching the user's balance for them. */
  deposited: bigint
  deposited_net: bigint
  adjusted: bigint
  debited: bigint
  /** Holds not settled yet: id -> amount. */
  open_holds: Map<string, bigint>
  keys: Set<string>
}

export const emptyWallet = (): WalletState => ({
  available: 0n,
  held: 0n,
  deposited: 0n,
  deposited_net: 0n,
  adjusted: 0n,
  debited: 0n,
  open_holds: new Map(),
  keys: new Set(),
})

export type EntryRequest = {
  kind: WalletEntryKind
  /** USDT decimal string; positive, except an adjustment (signed, not zero). */
  amount: string
  dedupe_key: string
  /** The id the new entry gets (a hold is later settled by it). */
  id: string
  hold_id?: string | null
  net_amount?: string | null
}

export type Refusal = "amount_invalid" | "insufficient" | "hold_not_open" | "hold_amount"

export type Applied = { ok: true; duplicate: boolean; state: WalletState } | { ok: false; reason: Refusal }

function clone(s: WalletState): WalletState {
  return { ...s, open_holds: new Map(s.open_holds), keys: new Set(s.keys) }
}

function micro(amount: string): bigint | null {
  try {
    return toMicro(amount)
  } catch {
    return null
  }
}

/** One entry on the balance: the next state, or why it is refused. Pure. */
export function applyEntry(state: WalletState, e: EntryRequest): Applied {
  if (state.keys.has(e.dedupe_key)) return { ok: true, duplicate: true, state }
  const a = micro(e.amount)
  if (a === null || (e.kind === "adjustment" ? a === 0n : a <= 0n)) return { ok: false, reason: "amount_invalid" }
  const s = clone(state)
  switch (e.kind) {
    case "deposit": {
      s.available += a
      s.deposited += a
      const net = e.net_amount ? micro(e.net_amount) : null
      s.deposited_net += net !== null && net >= 0n ? net : 0n
      break
    }
    case "hold":
      if (s.available < a) return { ok: false, reason: "insufficient" }
      s.available -= a
      s.held += a
      s.open_holds.set(e.id, a)
      break
    case "release":
    case "debit": {
      const held = e.hold_id ? s.open_holds.get(e.hold_id) : undefined
      if (held === undefined) return { ok: false, reason: "hold_not_open" }
      if (held !== a) return { ok: false, reason: "hold_amount" }
      s.open_holds.delete(e.hold_id!)
      s.held -= a
      if (e.kind === "release") s.available += a
      else s.debited += a
      break
    }
    case "adjustment":
      if (s.available + a < 0n) return { ok: false, reason: "insufficient" }
      s.available += a
      s.adjusted += a
      break
  }
  s.keys.add(e.dedupe_key)
  return { ok: true, duplicate: false, state: s }
}

/**
 * The balance of a ledger, folded from its entries in the order they were
 * written. Entries in the database were checked when written; a fold that
 * meets one it would refuse (a hand edit) throws rather than show a wrong balance.
 */
export function foldWallet(entries: FoldableEntry[]): WalletState {
  let s = emptyWallet()
  for (const e of entries) {
    const r = applyEntry(s, { ...e, hold_id: e.hold_id ?? null, net_amount: e.net_amount ?? null })
    if (!r.ok) throw new Error(`wallet ledger entry ${e.id} breaks the ledger's rules (${r.reason})`)
    s = r.state
  }
  return s
}

export type Planned = {
  /** Requests to write, each with the balance right after it. */
  write: Array<EntryRequest & { available_after: string; held_after: string }>
  duplicates: EntryRequest[]
  refused: Array<EntryRequest & { reason: Refusal }>
  state: WalletState
}

/** Several requests in order: what to write, what is already there, what is refused (the rest still applies). */
export function planEntries(state: WalletState, requests: EntryRequest[]): Planned {
  const out: Planned = { write: [], duplicates: [], refused: [], state }
  for (const r of requests) {
    const applied = applyEntry(out.state, r)
    if (!applied.ok) out.refused.push({ ...r, reason: applied.reason })
    else if (applied.duplicate) out.duplicates.push(r)
    else {
      out.state = applied.state
      out.write.push({ ...r, available_after: fromMicro(out.state.available), held_after: fromMicro(out.state.held) })
    }
  }
  return out
}

/** The balance as people read it: exact USDT strings. */
export function balanceView(s: WalletState) {
  return {
    available: fromMicro(s.available),
    held: fromMicro(s.held),
    total: fromMicro(s.available + s.held),
    deposited: fromMicro(s.deposited),
    deposited_net: fromMicro(s.deposited_net),
    adjusted: fromMicro(s.adjusted),
    debited: fromMicro(s.debited),
  }
}

/** A deposit is credited once per (network, transaction hash), whatever id or report carries it. */
export function depositKey(network: Network, txHash: string): string {
  return `deposit:${network}:${txHash.trim().toLowerCase()}`
}

/** A hold is settled once: its release and its debit share one key. */
export function settlementKey(holdId: string): string {
  return `settle:${holdId}`
}

/**
 * What 3PAY's report of the user's balance should be, and whether the
 * difference is one to flag (docs/3pay-wire-format.md, "Per-user wallets"):
 *
 * - "running" (our assumption): 3PAY's balance of a user is the net of every
 *   deposit it confirmed, never lowered by the merchant's sweeps or by our
 *   orders (we never debit at 3PAY). It must equal the net of the deposits
 *   we credited: any difference is flagged (a deposit we missed or could not
 *   read, or a change in 3PAY's dashboard).
 * - "swept": 3PAY moves deposits to the merchant, so its balance only holds
 *   what is not swept yet: only a balance above everything we credited is a
 *   difference (3PAY holds money for the customer that we never credited).
 */
export function balanceDifference(model: "running" | "swept", remote: string, expected: string): string | null {
  const r = toMicro(remote)
  const e = toMicro(expected)
  if (model === "running" ? r === e : r <= e) return null
  return fromMicro(r - e)
}
