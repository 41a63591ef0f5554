/**
 * The order widget's card: one 3PAY invoice in a merchant's words, with the
 * on-chain facts (address, tx hash, explorer links), the ledger timeline,
 * warnings with advice, and "Re-check with 3PAY".
 */
import { ArrowPath } from "@medusajs/icons"
import { Badge, Button, Container, Copy, Heading, StatusBadge, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import type { InvoiceViewDto } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { formatDateTime, isPositive, shorten, sourceLabel, stateColor, timeAgo, usdt } from "../../lib/format"
import { ExternalLink } from "../external-link"
import { Row } from "../row"
import { InvoiceTimeline } from "./invoice-timeline"
import { InvoiceWarnings } from "./invoice-warnings"
import { ResolveAttention } from "../resolve-attention"

type Props = { orderId: string; invoice: InvoiceViewDto; others: InvoiceViewDto[] }

export const InvoiceCard = ({ orderId, invoice: inv, others }: Props) => {
  const queryClient = useQueryClient()
  const recheck = useMutation({
    mutationFn: () => threepayApi.recheck(inv.transaction_id),
    onSuccess: async (r) => {
      toast.success("Re-checked with 3PAY", { description: r.invoice.status_label })
      await queryClient.invalidateQueries({ queryKey: threepayKeys.order(orderId) })
      // A re-check may capture the payment or create the order: refresh the dashboard's order views too.
      await queryClient.invalidateQueries({ queryKey: ["orders"] })
    },
    onError: (e) => toast.error("Re-check failed", { description: errorMessage(e) }),
  })

  return (
    <Container className="divide-y p-0" data-testid="threepay-order-widget" data-transaction-id={inv.transaction_id}>
      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Heading level="h2">USDT payment</Heading>
        <div className="flex items-center gap-x-1">
          {inv.environment === "sandbox" && (
            <Badge size="2xsmall" color="orange" data-testid="threepay-order-environment">
              Sandbox
            </Badge>
          )}
          <Badge size="2xsmall" color="blue" data-testid="threepay-network" title={inv.network_label}>
            {inv.network}
          </Badge>
        </div>
      </div>

      <div className="flex flex-col gap-y-1 px-6 py-4">
        <StatusBadge color={stateColor(inv.state)} data-testid="threepay-status" data-state={inv.state}>
          {inv.status_label}
        </StatusBadge>
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
          {inv.kind === "top_up" ? "Top-up · " : ""}
          {inv.network_label}
          {inv.paid_via ? ` · seen paid by ${sourceLabel(inv.paid_via)}` : ""}
          {inv.superseded_reason ? ` · replaced: ${inv.superseded_reason}` : ""}
        </Text>
      </div>

      <InvoiceWarnings reasons={inv.attention} />
      {inv.attention.length > 0 && (
        <div className="px-6 pb-4">
          <ResolveAttention transactionId={inv.transaction_id} resolved={inv.attention_resolved} />
        </div>
      )}

      <Row title="Requested" testId="threepay-amount-requested">
        {usdt(inv.amount_usdt)}
        {inv.currency_code.toLowerCase() !== "usd" && (
          <span className="text-ui-fg-muted">
            ({inv.amount} {inv.currency_code.toUpperCase()} at {inv.exchange_rate})
          </span>
        )}
      </Row>
      <Row title="Received" testId="threepay-amount-received">
        {usdt(inv.amount_received)}
      </Row>
      {isPositive(inv.amount_missing) && (
        <Row title="Missing" testId="threepay-amount-missing">
          {usdt(inv.amount_missing)}
        </Row>
      )}
      {isPositive(inv.amount_excess) && (
        <Row title="Excess" testId="threepay-amount-excess">
          {usdt(inv.amount_excess)}
        </Row>
      )}
      {inv.captured_usdt !== null && (
        <Row title="Captured" testId="threepay-amount-captured">
          {usdt(inv.captured_usdt)}
        </Row>
      )}
      {inv.fee !== null && (
        <Row title="3PAY fee" testId="threepay-fee">
          {usdt(inv.fee)}
          {inv.net_amount !== null && <span className="text-ui-fg-muted">(net {usdt(inv.net_amount)})</span>}
        </Row>
      )}

      {inv.wallet_address && (
        <Row title="Payment address" testId="threepay-address">
          {inv.address_explorer_url ? (
            <ExternalLink href={inv.address_explorer_url}>{shorten(inv.wallet_address)}</ExternalLink>
          ) : (
            <span className="font-mono">{shorten(inv.wallet_address)}</span>
          )}
          <Copy content={inv.wallet_address} variant="mini" data-testid="threepay-copy-address" />
        </Row>
      )}
      <Row title="Invoice" testId="threepay-invoice-no">
        <span className="font-mono">{inv.invoice_no ?? shorten(inv.transaction_id)}</span>
        <Copy content={inv.invoice_no ?? inv.transaction_id} variant="mini" data-testid="threepay-copy-invoice" />
      </Row>
      {inv.transactions.map((t, i) => (
        <Row key={t.tx_hash} title={inv.transactions.length > 1 ? `Transaction ${i + 1}` : "Transaction"}>
          <ExternalLink href={t.tx_explorer_url} testId={i === inv.transactions.length - 1 ? "threepay-tx-link" : undefined}>
            {shorten(t.tx_hash, 10, 8)}
          </ExternalLink>
          <Copy content={t.tx_hash} variant="mini" data-testid={i === inv.transactions.length - 1 ? "threepay-copy-tx" : undefined} />
        </Row>
      ))}
      {inv.expires_at && !inv.paid_at && <Row title="Expires">{formatDateTime(inv.expires_at)}</Row>}

      <InvoiceTimeline entries={inv.timeline} />

      {others.length > 0 && (
        <div className="px-6 py-4" data-testid="threepay-other-invoices">
          <Text size="small" weight="plus" leading="compact" className="text-ui-fg-subtle mb-2">
            Other USDT invoices of this cart
          </Text>
          <ul className="flex flex-col gap-y-2">
            {others.map((o) => (
              <li key={o.id} className="flex flex-col gap-y-1" data-testid="threepay-other-invoice" data-transaction-id={o.transaction_id}>
                <div className="flex items-center justify-between gap-x-2">
                  <Text size="xsmall" leading="compact" className="font-mono">
                    {o.invoice_no ?? shorten(o.transaction_id)} · {o.network}
                    {o.kind === "top_up" ? " · top-up" : ""}
                  </Text>
                  <StatusBadge color={stateColor(o.state)}>{o.status_label}</StatusBadge>
                </div>
                {isPositive(o.amount_received) && (
                  <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                    {usdt(o.amount_received)} received of {usdt(o.amount_usdt)}
                  </Text>
                )}
                {o.transactions.map((t) => (
                  <ExternalLink key={t.tx_hash} href={t.tx_explorer_url}>
                    {shorten(t.tx_hash, 10, 8)}
                  </ExternalLink>
                ))}
              </li>
            ))}
          </ul>
        </div>
      )}

      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
          Checked with 3PAY {timeAgo(inv.last_synced_at)}
        </Text>
        <Button
          size="small"
          variant="secondary"
          isLoading={recheck.isPending}
          onClick={() => recheck.mutate()}
          data-testid="threepay-recheck"
        >
          <ArrowPath />
          Re-check with 3PAY
        </Button>
      </div>
    </Container>
  )
}
