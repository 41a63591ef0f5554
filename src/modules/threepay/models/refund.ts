import { model } from "@medusajs/framework/utils"

/**
 * A refund in USDT: money sent back to the customer through a 3PAY user
 * withdrawal (3PAY has no refund call). One row per refund, keyed by the
 * idempotency key the admin's form made (unique): a double click, a retried
 * request or two admins at once find the same row, and one withdrawal.
 *
 * `status` only moves forward (refund-rules.ts): requesting (reserved, the
 * withdrawal not known to exist yet) → pending_review / approved → completed,
 * or rejected / failed (no money left; the Medusa refund is corrected).
 * `unknown`: the create's answer was lost and 3PAY's lists did not show it
 * yet; never sent again, looked for until found.
 *
 * `sent` is what the withdrawal create carried, written before the call: what
 * `findWithdrawal` looks for when the answer is lost. Amounts are exact USDT
 * decimal strings; `medusa_amount` is in the order's currency.
 */
export const ThreePayRefund = model
  .define("threepay_refund", {
    id: model.id({ prefix: "tpref" }).primaryKey(),
    idempotency_key: model.text().unique(),
    order_id: model.text(),
    payment_id: model.text(),
    /** The invoice that paid the order: its timeline and attention flags carry the refund's. */
    transaction_id: model.text(),
    customer_id: model.text().nullable(),
    /** The 3PAY user the withdrawal is made for (lib/wallet-user-id.ts). */
    user_id: model.text(),
    network: model.enum(["TRC20", "ERC20"]),
    address: model.text(),
    address_checksum: model.enum(["ok", "lowercase"]),
    amount: model.text(),
    fee: model.text().nullable(),
    net_amount: model.text().nullable(),
    status: model
      .enum(["requesting", "pending_review", "approved", "completed", "rejected", "failed", "unknown"])
      .default("requesting"),
    raw_status: model.text().nullable(),
    withdrawal_id: model.text().unique().nullable(),
    tx_hash: model.text().nullable(),
    reason: model.text().nullable(),
    /** `updateBalance` credit for withdrawals that draw on the user's balance: set before it is sent, never sent twice. */
    funding_sent_at: model.dateTime().nullable(),
    /** Set before the withdrawal create is sent (with `sent`): from then on it is never sent again. */
    requested_at: model.dateTime().nullable(),
    sent: model.json().nullable(),
    medusa_refund_id: model.text().nullable(),
    medusa_amount: model.text().nullable(),
    currency_code: model.text(),
    exchange_rate: model.text(),
    /** The Medusa refund was taken back after a rejection or failure (refund and order transaction deleted). */
    medusa_reversed_at: model.dateTime().nullable(),
    note: model.text().nullable(),
    /** "user:…", "api-key:…", or "medusa" (Medusa's own refund button). */
    created_by: model.text().nullable(),
    /** Reconciliation's next look while not final. */
    next_check_at: model.dateTime().nullable(),
    check_count: model.number().default(0),
    /** [{ status, at, note }] */
    history: model.json().default({ entries: [] } as Record<string, unknown>),
  })
  .indexes([{ on: ["order_id"] }, { on: ["payment_id"] }, { on: ["status", "next_check_at"] }])
