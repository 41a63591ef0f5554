/**
 * Webhook health from the ledger: when 3PAY last reached us, what we answered
 * (per outcome, 24 h and 7 days), events that failed, payments only
 * reconciliation saw, and the last reconciliation run. Plus the test button.
 */
import { ArrowPath } from "@medusajs/icons"
import { Button, Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import type { AdminHealthResponse, HealthStatus, OutcomeCounts } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { formatDateTime, timeAgo } from "../../lib/format"
import { Row } from "../row"
import { WebhookTestPanel } from "./webhook-test-panel"

const STATUS: Record<HealthStatus, { label: string; color: "green" | "orange" | "red" | "grey" }> = {
  ok: { label: "Healthy", color: "green" },
  never: { label: "No webhook yet", color: "grey" },
  warning: { label: "Needs a look", color: "orange" },
  problem: { label: "Problem", color: "red" },
}

const OUTCOMES: Array<[keyof OutcomeCounts, string]> = [
  ["recorded", "Accepted"],
  ["duplicate", "Repeats (harmless)"],
  ["test", "Test deliveries"],
  ["rejected_signature", "Refused: bad signature"],
  ["malformed", "Refused: unreadable"],
  ["too_large", "Refused: too large"],
]

const Outcomes = ({ h }: { h: AdminHealthResponse }) => (
  <div className="px-6 py-4">
    <Table data-testid="threepay-delivery-counts">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Deliveries to /hooks/3pay</Table.HeaderCell>
          <Table.HeaderCell className="text-right">24 h</Table.HeaderCell>
          <Table.HeaderCell className="text-right">7 days</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {OUTCOMES.map(([key, label]) => (
          <Table.Row key={key} data-testid={`threepay-outcome-${key}`}>
            <Table.Cell>{label}</Table.Cell>
            <Table.Cell className="text-right">{h.deliveries.last_24h[key]}</Table.Cell>
            <Table.Cell className="text-right">{h.deliveries.last_7d[key]}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </div>
)

export const WebhookHealthSection = () => {
  const health = useQuery({ queryKey: threepayKeys.health(), queryFn: threepayApi.health, refetchInterval: 60_000 })
  const h = health.data

  return (
    <Container className="divide-y p-0" data-testid="threepay-webhook-health">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Webhooks</Heading>
        <div className="flex items-center gap-x-2">
          {h && (
            <StatusBadge color={STATUS[h.status].color} data-testid="threepay-health-status" data-status={h.status}>
              {STATUS[h.status].label}
            </StatusBadge>
          )}
          <Button size="small" variant="transparent" onClick={() => health.refetch()} isLoading={health.isFetching}>
            <ArrowPath />
          </Button>
        </div>
      </div>
      {health.isError && (
        <div className="px-6 py-4">
          <Text size="small">{errorMessage(health.error)}</Text>
        </div>
      )}
      {h && (
        <>
          <div className="flex flex-col gap-y-1 px-6 py-4" data-testid="threepay-health-messages">
            {h.messages.map((m) => (
              <Text key={m} size="small">
                {m}
              </Text>
            ))}
          </div>
          <Row title="Last delivery" testId="threepay-last-delivery">
            {h.last_delivery_at ? `${timeAgo(h.last_delivery_at)} (${formatDateTime(h.last_delivery_at)})` : "Never"}
          </Row>
          <Row title="Last accepted">{h.last_valid_delivery_at ? timeAgo(h.last_valid_delivery_at) : "Never"}</Row>
          <Row title="Failed events" testId="threepay-failed-events">
            {h.events.failed} retrying · {h.events.dead} gave up
          </Row>
          <Row title="Paid without a webhook" testId="threepay-paid-without-webhook">
            {h.paid_without_webhook.last_7d} in 7 days ({h.paid_without_webhook.total} in all)
          </Row>
          <Row title="Last reconciliation">
            {h.reconciliation?.finished_at
              ? `${timeAgo(h.reconciliation.finished_at)}: ${h.reconciliation.open} open, ${h.reconciliation.changed} changed, ${h.reconciliation.list_calls + h.reconciliation.verify_calls} 3PAY call(s)${h.reconciliation.skipped ? ` (skipped: ${h.reconciliation.skipped})` : ""}${h.reconciliation.errors.length ? `, ${h.reconciliation.errors.length} error(s)` : ""}`
              : "Not run yet (it runs every minute in Medusa's worker)"}
          </Row>
          <Outcomes h={h} />
        </>
      )}
      <WebhookTestPanel />
    </Container>
  )
}
