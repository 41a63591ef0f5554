/**
 * The order widget's "Refund in USDT" card: what can still be refunded
 * (captured, already refunded, an overpayment's excess), the action that
 * opens the refund form, and the refunds made so far. Renders nothing for an
 * order with nothing refundable and no refunds.
 */
import { ArrowUturnLeft } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { useState } from "react"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { isPositive, usdt } from "../../lib/format"
import { Row } from "../row"
import { RefundDrawer } from "./refund-drawer"
import { RefundList } from "./refund-list"

export const RefundSection = ({ orderId }: { orderId: string }) => {
  const [open, setOpen] = useState(false)
  const { data, error, isError } = useQuery({
    queryKey: threepayKeys.refunds(orderId),
    queryFn: () => threepayApi.refunds(orderId),
    staleTime: 10_000,
  })

  if (isError) {
    return (
      <Container className="px-6 py-4" data-testid="threepay-refunds-error">
        <Text size="small" className="text-ui-fg-error">
          The USDT refunds could not be loaded: {errorMessage(error)}
        </Text>
      </Container>
    )
  }
  if (!data || (!data.refundable && !data.refunds.length)) return null
  const r = data.refundable
  const canRefund = !!r && isPositive(r.amount)

  return (
    <Container className="divide-y p-0" data-testid="threepay-refunds">
      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Heading level="h2">Refund in USDT</Heading>
        {r && (
          <Badge size="2xsmall" color="blue">
            {r.network}
          </Badge>
        )}
      </div>
      {r && (
        <>
          <Row title="Captured">{usdt(r.captured)}</Row>
          <Row title="Refunded" testId="threepay-refunded">
            {usdt(r.refunded)}
          </Row>
          {isPositive(r.excess) && (
            <Row title="Overpaid (excess)" testId="threepay-refund-excess">
              {usdt(r.excess)}
            </Row>
          )}
          <Row title="Refundable" testId="threepay-refundable">
            {usdt(r.amount)}
          </Row>
        </>
      )}
      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
          {canRefund ? "Sent through 3PAY to an address the customer gives." : "Nothing left to refund on this payment."}
        </Text>
        <Button size="small" variant="secondary" disabled={!canRefund} onClick={() => setOpen(true)} data-testid="threepay-refund-start">
          <ArrowUturnLeft />
          Refund in USDT
        </Button>
      </div>
      <RefundList refunds={data.refunds} />
      {r && <RefundDrawer orderId={orderId} refundable={r} open={open} onOpenChange={setOpen} />}
    </Container>
  )
}
