/**
 * The order card for an order paid with `pp_3pay_wallet`: "Paid from USDT
 * balance", the amount, and the ledger entries that paid it (hold, debit, or
 * release) with their times, transactions and a link to the customer. Other
 * orders render nothing and make no call.
 */
import type { HttpTypes } from "@medusajs/framework/types"
import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { isWalletProvider } from "medusa-payment-3pay-client/store-api"
import { Link } from "react-router-dom"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { formatDateTime, usdt } from "../../lib/format"
import { Row } from "../row"
import { PaidEntries } from "./paid-entries"

function paidWithWallet(order: HttpTypes.AdminOrder): boolean {
  return (order.payment_collections ?? []).some((pc) =>
    [...(pc.payments ?? []), ...(pc.payment_sessions ?? [])].some((p) => isWalletProvider(p?.provider_id))
  )
}

const STATUS: Record<string, { label: string; color: "green" | "orange" | "red" | "grey" }> = {
  paid: { label: "Paid", color: "green" },
  waiting: { label: "Waiting for a deposit", color: "orange" },
  canceled: { label: "Canceled: the hold was released", color: "grey" },
  failed: { label: "Failed", color: "red" },
}

export const PaidFromBalanceCard = ({ order }: { order: HttpTypes.AdminOrder }) => {
  const enabled = paidWithWallet(order)
  const q = useQuery({
    queryKey: threepayKeys.orderWallet(order.id),
    queryFn: () => threepayApi.orderWallet(order.id),
    enabled,
    staleTime: 10_000,
  })
  if (!enabled) return null
  if (q.isError) {
    return (
      <Container className="px-6 py-4" data-testid="threepay-paid-from-balance-error">
        <Text size="small" className="text-ui-fg-error">
          The USDT balance payment could not be loaded: {errorMessage(q.error)}
        </Text>
      </Container>
    )
  }
  const c = q.data?.checkout
  if (!c) return null
  const status = STATUS[c.status] ?? { label: c.status, color: "grey" as const }
  return (
    <Container className="divide-y p-0" data-testid="threepay-paid-from-balance" data-status={c.status}>
      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Heading level="h2">{q.data?.paid_from_balance ? "Paid from USDT balance" : "USDT balance payment"}</Heading>
        <StatusBadge color={status.color} data-testid="threepay-paid-from-balance-status">
          {status.label}
        </StatusBadge>
      </div>
      <Row title="Amount" testId="threepay-paid-from-balance-amount">
        {usdt(c.amount_usdt)}
      </Row>
      <Row title="Network">{c.network}</Row>
      {c.paid_at && <Row title="Paid">{formatDateTime(c.paid_at)}</Row>}
      {c.last_error && <Row title="Last error">{c.last_error}</Row>}
      {q.data?.customer_id && (
        <Row title="Customer">
          <Link
            to={`/customers/${q.data.customer_id}`}
            className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
            data-testid="threepay-paid-from-balance-customer"
          >
            Open the customer's balance
          </Link>
        </Row>
      )}
      {q.data && q.data.entries.length > 0 && <PaidEntries entries={q.data.entries} />}
    </Container>
  )
}
