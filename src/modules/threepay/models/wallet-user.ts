import { model } from "@medusajs/framework/utils"

/**
 * A Medusa customer's 3PAY user: one per customer, created once (on first
 * use, within the Wallet Gen budget and quotas), with its permanent deposit
 * address on each network. `user_id` is what 3PAY knows: derived from the
 * customer id (lib/wallet-user-id.ts), so a generate repeated after a crash
 * finds the same addresses, and 3PAY never sees a Medusa id.
 *
 * The customer's balance is not stored here: it is derived from the entries
 * (wallet-entry.ts). 3PAY's own report of the user's balance is kept beside it,
 * for comparison only (`remote_*`, `attention`).
 */
export const ThreePayWalletUser = model
  .define({ name: "ThreePayWalletUser", tableName: "threepay_wallet_user" }, {
    id: model.id({ prefix: "tpwu" }).primaryKey(),
    customer_id: model.text().unique(),
    user_id: model.text().unique(),
    environment: model.enum(["sandbox", "live"]),
    email: model.text(),
    /** `{ TRC20: "T…", ERC20: "0x…" }`: the permanent addresses 3PAY generated. */
    addresses: model.json(),
    /** When a storefront last showed an address: deposits may follow, reconciliation looks for a while. */
    address_shown_at: model.dateTime().nullable(),
    last_synced_at: model.dateTime().nullable(),
    /** Reconciliation's schedule for this user (lib/reconcile-wallets.ts). */
    next_check_at: model.dateTime().nullable(),
    check_count: model.number().default(0),
    /** 3PAY's last report of the user's balance (USDT), and what the ledger expected it to be then. */
    remote_balance: model.text().nullable(),
    remote_expected: model.text().nullable(),
    remote_balance_at: model.dateTime().nullable(),
    /** Flags for the admin, as on invoices (attention.ts): kept, never overwritten. */
    attention: model.json().nullable(),
    attention_resolved_at: model.dateTime().nullable(),
    attention_resolved_by: model.text().nullable(),
    attention_note: model.text().nullable(),
  })
  .indexes([{ on: ["next_check_at"] }, { on: ["address_shown_at"] }])
