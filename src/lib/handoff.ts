/**
 * How the plugin's workflows hand facts to the payment provider.
 *
 * Medusa runs the provider inside the payment module's container: it cannot
 * read the plugin's ledger or settings, and everything it receives travels
 * through session `data`, which storefront and admin routes also fill. So the
 * workflows never send the facts themselves through `data`: they put them in
 * this process's memory and send only a random 256-bit reference. The
 * provider takes the entry out (once) and checks what it is bound to.
 *
 * Why this holds:
 * - Only this server process holds the entries (no key to derive, share or
 *   leak; neither 3PAY nor a dashboard user can mint one). A reference sent
 *   to another instance, or after a restart, matches nothing.
 * - Single use: `take` deletes the entry. Entries expire after 2 minutes.
 * - Bound: a checkout handoff names its payment collection, and the provider
 *   checks that the session being created belongs to it; a session update or
 *   settlement names its session.
 * - The workflow that issues a handoff consumes it in the same run
 *   (createPaymentSessionsWorkflow / processPaymentWorkflow as steps), in the
 *   same process: no hop between machines in between.
 */
import { randomBytes } from "node:crypto"
import type { Network } from "medusa-payment-3pay-client"
import type { Flow } from "./options"

/** The session `data` key that carries a reference. */
export const HANDOFF_FIELD = "checkout"

const TTL_MS = 2 * 60_000
const MAX_ENTRIES = 10_000

/** The invoice a new payment session must show (issued by the checkout workflow). */
export type CheckoutHandoff = {
  kind: "checkout"
  payment_collection_id: string
  cart_id: string | null
  network: Network
  /** USDT the cart costs. */
  amount_due_usdt: string
  /** The session's amount in the region's currency, as quoted (checked against Medusa's). */
  amount: string
  currency_code: string
  exchange_rate: string
  flow: Flow
  tolerance: string
  invoice: {
    transaction_id: string
    invoice_no: string | null
    payment_url: string
    wallet_address: string | null
    expires_at: string | null
  }
}

/** The public view of a session, refreshed from the ledger (issued by the sync workflow). */
export type SessionUpdateHandoff = {
  kind: "session_update"
  session_id: string
  data: Record<string, unknown>
}

/**
 * The cart's invoices cover its total, as just re-read from 3PAY by the sync
 * workflow: the provider's authorizePayment may answer "captured" for this
 * session without asking 3PAY again.
 */
export type SettlementHandoff = {
  kind: "settlement"
  session_id: string
  transaction_ids: string[]
  received_usdt: string
  data: Record<string, unknown>
}

/** A wallet session a cart opens on its customer's balance (issued by the wallet checkout workflow). */
export type WalletCheckoutHandoff = {
  kind: "wallet_checkout"
  payment_collection_id: string
  cart_id: string
  checkout_ref: string
  network: Network
  amount_due_usdt: string
  amount: string
  currency_code: string
  exchange_rate: string
}

/**
 * The cart's amount is held on its customer's balance (a hold entry written
 * under the customer's lock, by settle-wallet-cart.ts): the provider's
 * authorizePayment may answer "captured" for this session.
 */
export type WalletSettlementHandoff = {
  kind: "wallet_settlement"
  session_id: string
  hold_id: string
  amount_usdt: string
}

/**
 * A USDT refund 3PAY accepted (issued by the refund workflow just before it
 * runs Medusa's refundPaymentWorkflow): the provider's refundPayment for this
 * invoice's payment returns instead of refusing, so Medusa records the refund
 * without sending anything a second time.
 */
export type RefundHandoff = {
  kind: "refund"
  transaction_id: string
  refund_id: string
}

export type Handoff = CheckoutHandoff | SessionUpdateHandoff | SettlementHandoff | WalletCheckoutHandoff | WalletSettlementHandoff | RefundHandoff

type Entry = { handoff: Handoff; expires: number }

/** Shared by every copy of this module in the process (the provider and the plugin may load it twice). */
const REGISTRY_KEY = Symbol.for("medusa-payment-3pay/handoffs")
function registry(): Map<string, Entry> {
  const g = globalThis as unknown as Record<symbol, Map<string, Entry> | undefined>
  return (g[REGISTRY_KEY] ??= new Map())
}

function sweep(now: number) {
  const r = registry()
  for (const [k, e] of r) if (e.expires <= now) r.delete(k)
  while (r.size > MAX_ENTRIES) r.delete(r.keys().next().value as string)
}

/** Puts a handoff in this process's memory; returns the reference to send. */
export function issueHandoff(handoff: Handoff, now = Date.now()): string {
  sweep(now)
  const ref = `tph_${randomBytes(32).toString("base64url")}`
  registry().set(ref, { handoff, expires: now + TTL_MS })
  return ref
}

export type TakeResult<K extends Handoff["kind"]> =
  | { ok: true; handoff: Extract<Handoff, { kind: K }> }
  | { ok: false; reason: "absent" | "unknown" | "wrong_kind" }

/** Takes a handoff out (it can be taken once), if it is of the expected kind. */
export function takeHandoff<K extends Handoff["kind"]>(ref: unknown, kind: K, now = Date.now()): TakeResult<K> {
  if (ref === undefined || ref === null || ref === "") return { ok: false, reason: "absent" }
  if (typeof ref !== "string") return { ok: false, reason: "unknown" }
  const r = registry()
  const entry = r.get(ref)
  if (!entry || entry.expires <= now) {
    r.delete(ref)
    return { ok: false, reason: "unknown" }
  }
  if (entry.handoff.kind !== kind) return { ok: false, reason: "wrong_kind" }
  r.delete(ref)
  return { ok: true, handoff: entry.handoff as Extract<Handoff, { kind: K }> }
}

/** Reads a settlement for a session without consuming it (Medusa may authorize twice: webhook, then complete). */
export function peekSettlement<K extends "settlement" | "wallet_settlement" = "settlement">(
  sessionId: string,
  now = Date.now(),
  kind: K = "settlement" as K
): Extract<Handoff, { kind: K }> | null {
  for (const e of registry().values()) {
    if (e.expires > now && e.handoff.kind === kind && (e.handoff as { session_id?: string }).session_id === sessionId) {
      return e.handoff as Extract<Handoff, { kind: K }>
    }
  }
  return null
}

/** Takes the accepted refund handed over for this invoice's payment, if any (once). */
export function takeRefundHandoff(transactionId: string, now = Date.now()): RefundHandoff | null {
  const r = registry()
  for (const [ref, e] of r) {
    if (e.expires > now && e.handoff.kind === "refund" && e.handoff.transaction_id === transactionId) {
      r.delete(ref)
      return e.handoff
    }
  }
  return null
}
