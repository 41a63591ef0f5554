/**
 * "Needs attention": orphan, underpaid, overpaid, late, wrong-network and
 * failed payments, each linking to its order (or naming its cart).
 */
import { Badge, Container, Copy, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import type { AttentionItemDto } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { formatDateTime, shorten, stateColor } from "../../lib/format"
import { OrderLink } from "../order-link"
import { ResolveAttention } from "../resolve-attention"

const PAGE = 50

const Item = ({ item }: { item: AttentionItemDto }) => {
  const inv = item.invoice
  return (
    <li className="flex flex-col gap-y-2 px-6 py-4" data-testid="threepay-attention-item" data-key={item.key}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-1">
          {item.reasons.map((r) => (
            <Badge key={r.code} size="2xsmall" color={r.code === "overpaid" || r.code === "late" ? "orange" : "red"}>
              {r.label}
            </Badge>
          ))}
          {inv && <StatusBadge color={stateColor(inv.state)}>{inv.status_label}</StatusBadge>}
        </div>
        {item.order_id ? (
          <OrderLink orderId={item.order_id} className="txt-compact-small-plus" testId="threepay-attention-order-link" />
        ) : item.cart_id ? (
          <span className="txt-compact-small text-ui-fg-subtle flex items-center gap-x-1" data-testid="threepay-attention-cart">
            Cart <span className="font-mono">{shorten(item.cart_id, 10, 6)}</span>
            <Copy content={item.cart_id} variant="mini" />
          </span>
        ) : null}
      </div>
      {inv ? (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {inv.network} · invoice {inv.invoice_no ?? shorten(inv.transaction_id)} · requested {inv.amount_usdt} USDT, received{" "}
          {inv.amount_received} USDT{inv.customer_email ? ` · ${inv.customer_email}` : ""} · {formatDateTime(item.updated_at)}
        </Text>
      ) : (
        item.event && (
          <Text size="xsmall" className="text-ui-fg-subtle">
            Webhook event {item.event.id}
            {item.transaction_id ? ` for invoice ${shorten(item.transaction_id)}` : ""} gave up after {item.event.attempts} tries
            {item.event.last_error ? `: ${item.event.last_error}` : ""}
          </Text>
        )
      )}
      <Text size="xsmall">{item.reasons.map((r) => r.advice).filter(Boolean).join(" ")}</Text>
      {inv && <ResolveAttention transactionId={inv.transaction_id} resolved={inv.attention_resolved} />}
    </li>
  )
}

export const AttentionSection = () => {
  const list = useQuery({ queryKey: threepayKeys.attention(PAGE, 0), queryFn: () => threepayApi.attention(PAGE, 0) })
  const items = list.data?.items ?? []
  return (
    <Container className="divide-y p-0" data-testid="threepay-attention">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Needs attention</Heading>
        {list.data && (
          <Text size="small" className="text-ui-fg-subtle" data-testid="threepay-attention-count">
            {list.data.count}
          </Text>
        )}
      </div>
      {list.isError && (
        <div className="px-6 py-4">
          <Text size="small">{errorMessage(list.error)}</Text>
        </div>
      )}
      {list.data && !items.length && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-subtle">
            Nothing needs attention: no orphan, underpaid, overpaid, late or failed payment.
          </Text>
        </div>
      )}
      {items.length > 0 && (
        <ul className="divide-y">
          {items.map((item) => (
            <Item key={item.key} item={item} />
          ))}
        </ul>
      )}
      {list.data && list.data.count > items.length && (
        <div className="px-6 py-4">
          <Text size="xsmall" className="text-ui-fg-subtle">
            Showing the {items.length} most recent of {list.data.count}.
          </Text>
        </div>
      )}
    </Container>
  )
}
