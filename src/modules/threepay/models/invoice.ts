import { model } from "@medusajs/framework/utils"

/**
 * One 3PAY invoice the plugin created or adopted, and everything that happened
 * to it: the ledger's money side. Amounts are exact decimal strings in USDT.
 * `status` is 3PAY's (normalised) word and only moves forward; `state` is what
 * it means for the shop (payment-state.ts).
 */
export const ThreePayInvoice = model
  .define("threepay_invoice", {
    id: model.id({ prefix: "tpinv" }).primaryKey(),
    transaction_id: model.text().unique(),
    invoice_no: model.text().nullable(),
    /**
     * Opaque reference sent to 3PAY as `referenceId` (never the cart id, which
     * is the cart's access credential); mapped back to the cart here.
     */
    reference: model.text().unique(),
    /** `checkout`: the cart's first invoice; `top_up`: asks for what an earlier invoice left missing. */
    kind: model.enum(["checkout", "top_up"]).default("checkout"),
    environment: model.enum(["sandbox", "live"]),
    network: model.enum(["TRC20", "ERC20"]),
    flow: model.enum(["pay_first", "order_first"]),
    status: model.text(),
    raw_status: model.text(),
    state: model.text(),
    amount_usdt: model.text(),
    /** The most 3PAY ever reported on this invoice: never lowered by a later status. */
    amount_received: model.text().default("0"),
    /** A readable received amount was reported at least once (fail closed without it). */
    received_known: model.boolean().default(false),
    amount_missing: model.text().nullable(),
    amount_excess: model.text().nullable(),
    fee: model.text().nullable(),
    net_amount: model.text().nullable(),
    /** USDT forgiven on the cart's total (basis points capped by an absolute amount), fixed at creation. */
    tolerance: model.text().default("0"),
    currency_code: model.text(),
    amount_fiat: model.text(),
    exchange_rate: model.text(),
    payment_url: model.text().nullable(),
    wallet_address: model.text().nullable(),
    /** Latest tx hash 3PAY reported; every one seen is in `tx_hashes`. */
    tx_hash: model.text().nullable(),
    tx_hashes: model.json().default([] as unknown as Record<string, unknown>),
    /** 3PAY reported this invoice on another network than ours. */
    wrong_network: model.boolean().default(false),
    customer_email: model.text().nullable(),
    /** Salted hash of the shopper's IP: limits invoices per visitor, never shows the IP. */
    requester_hash: model.text().nullable(),
    cart_id: model.text().nullable(),
    payment_collection_id: model.text().nullable(),
    payment_session_id: model.text().nullable(),
    order_id: model.text().nullable(),
    expires_at: model.dateTime().nullable(),
    confirmed_at: model.dateTime().nullable(),
    paid_at: model.dateTime().nullable(),
    /** Paid after 3PAY reported it expired. */
    late: model.boolean().default(false),
    /** Paid, but no open cart or order could take it. */
    orphan: model.boolean().default(false),
    /**
     * Why a person should look at it: `{ <code>: { raised_at, detail } }`
     * (codes in attention.ts). Flags are added and kept, never overwritten.
     */
    attention: model.json().nullable(),
    /** Someone looked at the attention flags and marked them handled (cleared when a new flag appears). */
    attention_resolved_at: model.dateTime().nullable(),
    attention_resolved_by: model.text().nullable(),
    attention_note: model.text().nullable(),
    /** Set when the shop applied the payment to Medusa (order or capture). */
    applied_at: model.dateTime().nullable(),
    /** USDT equivalent of what Medusa captured when this invoice completed the cart; excess is measured against it. */
    captured_usdt: model.text().nullable(),
    /** Who saw it paid first: webhook, reconciliation, storefront, admin. */
    paid_via: model.text().nullable(),
    /** Set when we cancelled it at 3PAY because it could no longer be right. */
    superseded_at: model.dateTime().nullable(),
    superseded_reason: model.text().nullable(),
    last_synced_at: model.dateTime().nullable(),
    /**
     * Reconciliation's schedule (lib/reconcile.ts): when to look at this
     * invoice again, how many looks it had, and when it was closed for good
     * (expired with nothing received, past the last look: no call ever again).
     */
    next_check_at: model.dateTime().nullable(),
    check_count: model.number().default(0),
    closed_at: model.dateTime().nullable(),
    /** Status timeline: [{ at, status, raw_status, state, source, received?, tx_hash?, note? }]. */
    history: model.json().default({ entries: [] } as Record<string, unknown>),
  })
  .indexes([
    { on: ["cart_id"] },
    { on: ["payment_collection_id"] },
    { on: ["order_id"] },
    { on: ["status"] },
    { on: ["tx_hash"] },
    { on: ["state"] },
    { on: ["closed_at", "next_check_at"] },
    { on: ["requester_hash", "created_at"] },
  ])
