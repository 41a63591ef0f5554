/**
 * The payment status a storefront polls (`GET /store/3pay/payment-status`):
 * the cart's current invoice and what the cart's invoices together received,
 * as the ledger knows it, reduced to what a shopper may see. No customer
 * email, fee, timeline note or internal id beyond the ones the session data
 * already shows. The answer carries an ETag computed from its content, so a
 * poll with `If-None-Match` costs a 304 and no body.
 */
import { createHash } from "node:crypto"
import { NETWORK_INFO, explorerAddressUrl, explorerTxUrl, fromMicro, toMicro, walletQr, type WalletQr } from "medusa-payment-3pay-client"
import type { PaymentState, ThreePayPaymentStatus } from "medusa-payment-3pay-client/store-api"
import type { CartPayment } from "../../../lib/cart-payment"
import { describeState } from "../../../lib/payment-state"
import { qrDataUrl } from "./qr"

const FINAL_UNPAID: PaymentState[] = ["expired", "cancelled", "failed"]
const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null)

export type StatusBody = Omit<ThreePayPaymentStatus, "etag" | "qr"> & {
  qr: WalletQr | null
}

/** Everything but the QR image and the ETag: pure, so tests and the ETag see the same thing. */
export function statusBody(p: CartPayment, now = new Date()): StatusBody {
  const inv = p.invoice
  const c = p.coverage
  // What the shopper sees arrived includes money still being confirmed.
  const seen = toMicro(c.seen, "down")
  const due = toMicro(c.due, "down")
  const shown = { received: c.seen, missing: fromMicro(seen >= due ? 0n : due - seen), excess: fromMicro(seen > due ? seen - due : 0n) }
  const info = NETWORK_INFO[inv.network]
  const env = inv.environment
  const applied = p.invoices.find((i) => !!i.applied_at)
  const orderId = applied?.order_id ?? inv.order_id ?? p.cart.order?.id ?? null
  // The cart's state: paid once its invoices cover it; else the current invoice's.
  const state: PaymentState = applied ? (c.excess !== "0" ? "overpaid" : "paid") : (inv.state as PaymentState)
  const pastExpiry = !!inv.expires_at && new Date(inv.expires_at).getTime() <= now.getTime()
  const payable = state === "awaiting_payment" && !pastExpiry
  const canTopUp = !applied && c.received !== "0" && !c.covered && !c.covered_unconfirmed && !c.in_flight && !payable
  const canRenew =
    !applied && !canTopUp && (!orderId || inv.flow === "order_first") && (FINAL_UNPAID.includes(state) || (state === "awaiting_payment" && pastExpiry))
  // Only an invoice that can still be paid gets a QR: a code for an expired
  // invoice would invite a payment nobody expects. The code is for a wallet:
  // an EIP-681 transfer with the amount where the network has that standard
  // (ERC20), else the address alone (the storefront shows the amount beside it).
  const qr = payable && inv.wallet_address ? walletQr(inv.network, env, inv.wallet_address, inv.amount_usdt) : null
  const tx = inv.tx_hash
  return {
    cart_id: p.cart.id,
    payment_collection_id: p.cart.payment_collection_id,
    session_id: p.session.id,
    transaction_id: inv.transaction_id,
    invoice_no: inv.invoice_no,
    status: state,
    status_label: describeState(state, shown, inv.late),
    network: inv.network,
    network_label: info.label,
    chain: info.chain,
    token: info.token,
    currency_type: info.currencyType,
    kind: inv.kind,
    amount_usdt: inv.amount_usdt,
    amount_due: c.due,
    amount_received: shown.received,
    amount_missing: shown.missing,
    amount_excess: shown.excess,
    payments: p.invoices
      .filter((i) => i.amount_received !== "0")
      .map((i) => ({
        transaction_id: i.transaction_id,
        network: i.network,
        amount_received: i.amount_received,
        status: i.state as PaymentState,
        tx_hash: i.tx_hash,
        tx_explorer_url: i.tx_hash ? explorerTxUrl(i.network, i.environment, i.tx_hash) : null,
      })),
    payment_url: inv.payment_url || null,
    wallet_address: inv.wallet_address,
    address_explorer_url: inv.wallet_address ? explorerAddressUrl(inv.network, env, inv.wallet_address) : null,
    expires_at: iso(inv.expires_at),
    tx_hash: tx,
    tx_explorer_url: tx ? explorerTxUrl(inv.network, env, tx) : null,
    paid_at: iso(applied?.paid_at ?? inv.paid_at),
    late: !!inv.late,
    order_id: orderId,
    can_renew: canRenew,
    can_top_up: canTopUp,
    qr,
    environment: env,
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
