/**
 * Order details, side column: the order's USDT payment through 3PAY. Orders
 * of other providers render nothing (the API answers `invoice: null`), and
 * nothing is shown while loading, so those orders never flicker.
 */
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { DetailWidgetProps, HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { isThreePayProvider } from "medusa-payment-3pay-client/store-api"
import { InvoiceCard } from "../components/order/invoice-card"
import { RefundSection } from "../components/refund/refund-section"
import { PaidFromBalanceCard } from "../components/wallet/paid-from-balance-card"
import { errorMessage, threepayApi, threepayKeys } from "../lib/api"


function paidWithThreePay(order: HttpTypes.AdminOrder): boolean {
  return (order.payment_collections ?? []).some((pc) =>
    [...(pc.payments ?? []), ...(pc.payment_sessions ?? [])].some((p) => isThreePayProvider(p?.provider_id))
  )
}

const ThreePayOrderWidget = ({ data: order }: DetailWidgetProps<HttpTypes.AdminOrder>) => {
  const { data, error, isError } = useQuery({
    queryKey: threepayKeys.order(order.id),
    queryFn: () => threepayApi.order(order.id),
    staleTime: 10_000,
  })

  if (isError && paidWithThreePay(order)) {
    return (
      <Container className="divide-y p-0" data-testid="threepay-order-widget-error">
        <div className="px-6 py-4">
          <Heading level="h2">USDT payment</Heading>
        </div>
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            The 3PAY payment details could not be loaded: {errorMessage(error)}
          </Text>
        </div>
      </Container>
    )
  }
  // Paid from the customer's USDT balance (pp_3pay_wallet): its own card, beside any invoice of the cart.
  const fromBalance = <PaidFromBalanceCard order={order} />
  if (!data?.invoice) return fromBalance
  return (
    <div className="flex flex-col gap-y-3">
      {fromBalance}
      <InvoiceCard orderId={order.id} invoice={data.invoice} others={data.other_invoices} />
      <RefundSection orderId={order.id} />
    </div>
  )
}

export const config = defineWidgetConfig({
  zone: "order.details.side.after",
})

export default ThreePayOrderWidget
