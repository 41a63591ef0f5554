/**
 * The payment status a storefront polls (`GET /store/3pay/payment-status`):
 * the cart's invoice as our ledger knows it, reduced to what a shopper may
 * see. No customer email, fee, timeline note or internal id beyond the ones
 * the session data already shows. The answer carries an ETag computed from
 * its content, so a poll with `If-None-Match` costs a 304 and no body.
 */
import { createHash } from "node:crypto"
import { NETWORK_INFO, explorerAddressUrl, explorerTxUrl, type Environment, type Network } from "medusa-payment-3pay-client"
import { invoiceView, type LedgerRow } from "../invoice-view"
import { describeState, PAYMENT_STATES, type PaymentState } from "../payment-state"
import type { CartPayment } from "./cart-payment"
import { qrDataUrl } from "./qr"
import type { ThreePayPaymentStatus } from "medusa-payment-3pay-client/store-api"

/** The facts the payload is made of, from the ledger or (no ledger row yet) from the session data. */
type Facts = {
  transaction_id: string
  invoice_no: string | null
  network: Network
  environment: Environment
  state: PaymentState
  amount_usdt: string
  amount_received: string
  amount_missing: string
  amount_excess: string
  payment_url: string | null
  wallet_address: string | null
  expires_at: string | null
  tx_hash: string | null
  paid_at: string | null
  late: boolean
  order_id: string | null
}

function factsFromLedger(row: LedgerRow): Facts {
  const v = invoiceView(row)
  return {
    transaction_id: v.transaction_id,
    invoice_no: v.invoice_no,
    network: v.network,
    environment: v.environment,
    state: v.state,
    amount_usdt: v.amount_usdt,
    amount_received: v.amount_received,
    amount_missing: v.amount_missing,
    amount_excess: v.amount_excess,
    payment_url: v.payment_url || null,
    wallet_address: v.wallet_address,
    expires_at: v.expires_at,
    tx_hash: v.tx_hash,
    paid_at: v.paid_at,
    late: !!v.late,
    order_id: v.order_id,
  }
}

const text = (v: unknown): string | null => (typeof v === "string" && v ? v : null)

function factsFromSession(p: CartPayment): Facts {
  const s = p.stored
  const raw = p.session.data ?? {}
  const state = (PAYMENT_STATES as readonly string[]).includes(String(s.status)) ? (s.status as PaymentState) : "awaiting_payment"
  return {
    transaction_id: s.transaction_id,
    invoice_no: s.invoice_no ?? null,
    network: s.network,
    environment: s.environment ?? "sandbox",
    state,
    amount_usdt: s.amount_usdt,
    amount_received: text(raw.amount_received) ?? "0",
    amount_missing: text(raw.amount_missing) ?? (state === "awaiting_payment" ? s.amount_usdt : "0"),
    amount_excess: text(raw.amount_excess) ?? "0",
    payment_url: s.payment_url || null,
    wallet_address: s.wallet_address ?? null,
    expires_at: s.expires_at ?? null,
    tx_hash: text(raw.tx_hash),
    paid_at: null,
    late: false,
    order_id: null,
  }
}

const FINAL_UNPAID: PaymentState[] = ["expired", "cancelled", "failed"]

export type StatusBody = Omit<ThreePayPaymentStatus, "etag" | "qr"> & {
  qr: { kind: "payment_url" | "address"; text: string } | null
}

/** Everything but the QR image and the ETag: pure, so tests and the ETag see the same thing. */
export function statusBody(p: CartPayment, now = new Date()): StatusBody {
  const f = p.invoice ? factsFromLedger(p.invoice) : factsFromSession(p)
  const info = NETWORK_INFO[f.network]
  const orderId = f.order_id ?? p.cart.order?.id ?? null
  const pastExpiry = !!f.expires_at && new Date(f.expires_at).getTime() <= now.getTime()
  const payable = f.state === "awaiting_payment" && !pastExpiry
  const canRenew = !orderId && (FINAL_UNPAID.includes(f.state) || (f.state === "awaiting_payment" && pastExpiry))
  // Only an invoice that can still be paid gets a QR: a code for an expired
  // invoice would invite a payment nobody expects.
  const qrText = payable ? f.payment_url ?? f.wallet_address : null
  const label = describeState(
    { state: f.state, paid: false, due: f.amount_usdt, received: f.amount_received, missing: f.amount_missing, excess: f.amount_excess },
    f.late
  )
  return {
    cart_id: p.cart.id,
    payment_collection_id: p.cart.payment_collection_id,
    session_id: p.session.id,
    transaction_id: f.transaction_id,
    invoice_no: f.invoice_no,
    status: f.state,
    status_label: label,
    network: f.network,
    network_label: info.label,
    chain: info.chain,
    token: info.token,
    currency_type: info.currencyType,
    amount_usdt: f.amount_usdt,
    amount_received: f.amount_received,
    amount_missing: f.amount_missing,
    amount_excess: f.amount_excess,
    payment_url: f.payment_url,
    wallet_address: f.wallet_address,
    address_explorer_url: f.wallet_address ? explorerAddressUrl(f.network, f.environment, f.wallet_address) : null,
    expires_at: f.expires_at,
    tx_hash: f.tx_hash,
    tx_explorer_url: f.tx_hash ? explorerTxUrl(f.network, f.environment, f.tx_hash) : null,
    paid_at: f.paid_at,
    late: f.late,
    order_id: orderId,
    can_renew: canRenew,
    qr: qrText ? { kind: f.payment_url ? "payment_url" : "address", text: qrText } : null,
    environment: f.environment,
  }
}

/** A strong ETag of the body: same content, same tag, on every instance of the backend. */
export function etagOf(body: StatusBody): string {
  const digest = createHash("sha256").update(JSON.stringify(body)).digest("base64url").slice(0, 27)
  return `"tp1-${digest}"`
}

/** True when `If-None-Match` names this ETag (a list, weak tags and `*` included). */
export function etagMatches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false
  return ifNoneMatch
    .split(",")
    .map((t) => t.trim().replace(/^W\//, ""))
    .some((t) => t === "*" || t === etag)
}

export async function withQr(body: StatusBody, etag: string): Promise<ThreePayPaymentStatus> {
  const qr = body.qr ? { ...body.qr, data_url: await qrDataUrl(body.qr.text) } : null
  return { ...body, qr, etag }
}
