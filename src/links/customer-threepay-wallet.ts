/**
 * A Medusa customer and their 3PAY wallet user (addresses, balance entries):
 * `query.graph({ entity: "customer", fields: ["threepay_wallet_user.*"] })`.
 * Read-only on Medusa's side: the plugin's module owns the wallet.
 */
import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import ThreePayModule from "../modules/threepay"

export default defineLink(CustomerModule.linkable.customer, ThreePayModule.linkable.threePayWalletUser)
