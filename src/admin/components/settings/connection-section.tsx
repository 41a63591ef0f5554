/**
 * Connection: the environment, whether the API key works (a live check),
 * which secrets are set (never their values), and the webhook URL to paste
 * into the 3PAY dashboard.
 */
import { ArrowPath } from "@medusajs/icons"
import { Alert, Button, Container, Copy, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import type { AdminSettingsResponse, ConnectionStatus } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { timeAgo } from "../../lib/format"
import { Row } from "../row"
import { EnvironmentBadge } from "./environment-badge"

const STATUS: Record<ConnectionStatus, { label: string; color: "green" | "red" | "orange" | "grey" }> = {
  ok: { label: "Key works", color: "green" },
  wrong_key: { label: "Key refused", color: "red" },
  wrong_environment: { label: "Wrong environment", color: "red" },
  unreachable: { label: "3PAY unreachable", color: "red" },
  threepay_error: { label: "3PAY error", color: "orange" },
  busy: { label: "Not checked (busy)", color: "orange" },
  unexpected: { label: "Check failed", color: "red" },
}

const SetOrNot = ({ set, testId, missing = "Not set" }: { set: boolean; testId: string; missing?: string }) => (
  <StatusBadge color={set ? "green" : "grey"} data-testid={testId} data-set={set ? "true" : "false"}>
    {set ? "Set" : missing}
  </StatusBadge>
)

export const ConnectionSection = ({ settings }: { settings: AdminSettingsResponse }) => {
  const c = settings.connection
  const check = useQuery({
    queryKey: threepayKeys.connection(),
    queryFn: threepayApi.connection,
    // Each check spends one of 3PAY's 100 calls per 15 min: only on demand.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
    retry: false,
  })
  const status = check.data ? STATUS[check.data.status] : null

  return (
    <Container className="divide-y p-0" data-testid="threepay-connection">
      <div className="flex items-center justify-between px-6 py-4">
        <Heading level="h2">Connection</Heading>
        <EnvironmentBadge environment={c.environment} testId="threepay-connection-environment" />
      </div>
      {c.environment === "sandbox" && (
        <div className="px-6 py-4">
          <Alert variant="warning">
            Sandbox: payments are test USDT on Tron Nile and Ethereum Sepolia. Do not ship orders paid here. Set
            THREEPAY_ENVIRONMENT=live with live keys to take real payments.
          </Alert>
        </div>
      )}
      <Row title="API key" testId="threepay-connection-status">
        {check.isLoading && <Text size="small">Checking…</Text>}
        {check.isError && <Text size="small">{errorMessage(check.error)}</Text>}
        {status && check.data && (
          <>
            <StatusBadge color={status.color} data-status={check.data.status}>
              {status.label}
            </StatusBadge>
            <Text size="xsmall" className="text-ui-fg-subtle w-full" data-testid="threepay-connection-message">
              {check.data.message} Checked {timeAgo(check.data.checked_at)}.
            </Text>
          </>
        )}
      </Row>
      <Row title="Key in use" testId="threepay-api-key">
        {c.api_key_set ? (
          <span className="font-mono">{c.api_key_last4 ? `••••${c.api_key_last4}` : "Set"}</span>
        ) : (
          <StatusBadge color="red">Missing</StatusBadge>
        )}
      </Row>
      <Row title="API secret">
        <SetOrNot set={c.api_secret_set} testId="threepay-api-secret-set" missing="Not set (optional)" />
      </Row>
      <Row title="Webhook secret">
        <SetOrNot set={c.webhook_secret_set} testId="threepay-webhook-secret-set" missing="Missing: webhooks are refused" />
        {c.previous_webhook_secret_set && <Text size="xsmall">(previous secret also accepted during a rotation)</Text>}
      </Row>
      <Row title="3PAY API">
        <span className="font-mono">{c.base_url}</span>
      </Row>
      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" weight="plus" className="text-ui-fg-subtle">
          Webhook URL for the 3PAY dashboard (Settings &gt; Webhooks)
        </Text>
        <div className="bg-ui-bg-subtle flex items-center justify-between gap-x-2 rounded-md px-3 py-2">
          <span className="txt-compact-small break-all font-mono" data-testid="threepay-webhook-url">
            {settings.webhook.url}
          </span>
          <Copy content={settings.webhook.url} data-testid="threepay-copy-webhook-url" />
        </div>
        {settings.webhook.warnings.map((w) => (
          <Text key={w} size="xsmall" className="text-ui-fg-subtle">
            {w}
          </Text>
        ))}
      </div>
      <div className="flex items-center justify-between px-6 py-4">
        <Text size="xsmall" className="text-ui-fg-subtle">
          {check.data?.rate_budget.standard
            ? `3PAY calls in the last 15 min: ${check.data.rate_budget.standard.used} of ${check.data.rate_budget.standard.limit}; invoices: ${check.data.rate_budget.walletGen?.used ?? 0} of ${check.data.rate_budget.walletGen?.limit ?? 20}.`
            : ""}
        </Text>
        <Button
          size="small"
          variant="secondary"
          onClick={() => check.refetch()}
          isLoading={check.isFetching}
          data-testid="threepay-check-connection"
        >
          <ArrowPath />
          Check again
        </Button>
      </div>
    </Container>
  )
}
