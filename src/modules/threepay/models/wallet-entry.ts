import { model } from "@medusajs/framework/utils"

/**
 * The credit ledger: every movement of a customer's USDT balance, appended
 * once and never changed (wallet-ledger.ts has the rules, service.ts
 * `appendWalletEntry` the locked write path):
 *
 * - deposit: money 3PAY confirmed on one of the customer's addresses, keyed
 *   by (network, tx hash), so a deposit credits exactly once however often
 *   it is reported;
 * - hold / release / debit: an order's amount reserved (Medusa's authorize),
 *   then taken (capture) or given back (cancel); one release or debit per hold;
 * - adjustment: an admin's correction, with its reason and who made it.
 *
 * `dedupe_key` is unique: the database itself refuses a second credit of a
 * transaction or a second settlement of a hold.
 */
export const ThreePayWalletEntry = model
  .define("threepay_wallet_entry", {
    id: model.id({ prefix: "tpwe" }).primaryKey(),
    wallet_user_id: model.text(),
    customer_id: model.text(),
    kind: model.enum(["deposit", "hold", "release", "debit", "adjustment"]),
    /** USDT, exact decimal string; negative only on an adjustment that takes money away. */
    amount: model.text(),
    dedupe_key: model.text().unique(),
    network: model.text().nullable(),
    tx_hash: model.text().nullable(),
    /** 3PAY's id of the transaction (deposits). */
    transaction_id: model.text().nullable(),
    /** What 3PAY says reached the user's balance at 3PAY (its `netAmount`): the comparison's expectation. */
    net_amount: model.text().nullable(),
    /** release / debit: the hold they settle. */
    hold_id: model.text().nullable(),
    checkout_id: model.text().nullable(),
    cart_id: model.text().nullable(),
    order_id: model.text().nullable(),
    /** Why, in words (required; an adjustment's is the admin's). */
    reason: model.text(),
    /** Who: "webhook", "reconciliation", "checkout", "storefront", or the admin ("user:…"). */
    actor: model.text(),
    /** A deposit may complete one waiting cart (settle-wallet-cart.ts); false once it did, or had none to complete. */
    trigger_open: model.boolean().default(false),
    /** The balance right after this entry (audit; the balance itself is always folded from the entries). */
    available_after: model.text(),
    held_after: model.text(),
  })
  .indexes([
    { on: ["wallet_user_id", "created_at"] },
    { on: ["customer_id"] },
    { on: ["hold_id"] },
    { on: ["order_id"] },
    { on: ["checkout_id"] },
  ])
