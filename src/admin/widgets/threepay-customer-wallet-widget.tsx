/**
 * Customer details: the customer's USDT balance through 3PAY (addresses,
 * balance, 3PAY's comparison, ledger, re-check, adjustment). A customer
 * without a wallet gets one quiet line; nothing shows while loading, nor in
 * a store with wallets off.
 */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { CustomerWalletCard } from "../components/wallet/customer-wallet-card"

const ThreePayCustomerWalletWidget = ({ data: customer }: DetailWidgetProps<HttpTypes.AdminCustomer>) => (
  <CustomerWalletCard customerId={customer.id} />
)

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default ThreePayCustomerWalletWidget
