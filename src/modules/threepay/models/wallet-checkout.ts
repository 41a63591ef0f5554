import { model } from "@medusajs/framework/utils"

/**
 * A cart paying from its customer's balance (payment provider
 * `pp_3pay_wallet`): one row per payment collection, opened by the wallet
 * checkout workflow, waiting while the balance is short, paid when a hold
 * on the balance made it an order. `settled_by_entry_id` is unique: one
 * deposit completes at most one waiting cart.
 */
export const ThreePayWalletCheckout = model
  .define("threepay_wallet_checkout", {
    id: model.id({ prefix: "tpwc" }).primaryKey(),
    wallet_user_id: model.text(),
    customer_id: model.text(),
    cart_id: model.text(),
    payment_collection_id: model.text().unique(),
    payment_session_id: model.text().nullable(),
    network: model.enum(["TRC20", "ERC20"]),
    /** USDT the cart costs, and its amount in the region's currency as quoted. */
    amount_usdt: model.text(),
    currency_code: model.text(),
    amount: model.text(),
    exchange_rate: model.text(),
    /** waiting: for a deposit; paid: an order took the balance; canceled: the cart moved on; failed: gave up. */
    status: model.enum(["waiting", "paid", "canceled", "failed"]).default("waiting"),
    order_id: model.text().nullable(),
    paid_at: model.dateTime().nullable(),
    hold_id: model.text().nullable(),
    settled_by_entry_id: model.text().unique().nullable(),
    attempts: model.number().default(0),
    last_error: model.text().nullable(),
  })
  .indexes([{ on: ["customer_id", "status", "created_at"] }, { on: ["cart_id"] }])
