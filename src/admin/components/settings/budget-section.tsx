/**
 * 3PAY's call budget as every instance of the store shares it: each tier's
 * use in the current 15-minute window, who spent it (checkout, webhooks,
 * "I have paid", settlement, the admin, reconciliation), and the moments the
 * plugin made a call wait or refused it to keep room for payments.
 */
import { Container, Heading, StatusBadge, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import type { AdminBudgetResponse, BudgetTierDto } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { formatDateTime } from "../../lib/format"

const TIERS: Array<[string, string]> = [
  ["walletGen", "Invoice creation (Wallet Gen)"],
  ["standard", "Reads and cancels (Standard)"],
  ["financial", "Withdrawals (Financial)"],
]

const WHO: Record<string, string> = {
  checkout: "checkout",
  webhook: "webhooks",
  storefront: "\"I have paid\"",
  settlement: "orders and captures",
  admin: "admin",
  reconciliation: "reconciliation",
  other: "other",
}

const Tier = ({ name, label, t }: { name: string; label: string; t: BudgetTierDto }) => {
  const share = t.limit ? Math.min(100, Math.round((t.used / t.limit) * 100)) : 0
  const who = Object.entries(t.by_purpose).sort((a, b) => b[1] - a[1])
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid={`threepay-budget-${name}`}>
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus" leading="compact">
          {label}
        </Text>
        <StatusBadge color={t.blocked_until ? "red" : share >= 80 ? "orange" : "green"} data-testid={`threepay-budget-${name}-used`}>
          {t.used} of {t.limit}
          {t.blocked_until ? ` · 3PAY asked us to wait until ${formatDateTime(t.blocked_until)}` : ""}
        </StatusBadge>
      </div>
      <div className="bg-ui-bg-subtle h-2 w-full overflow-hidden rounded-full" aria-hidden>
        <div
          className="h-2"
          style={{ width: `${share}%`, background: t.blocked_until || share >= 80 ? "var(--tag-orange-icon, #f59e0b)" : "var(--tag-green-icon, #10b981)" }}
        />
      </div>
      {who.length > 0 && (
        <Text size="xsmall" className="text-ui-fg-subtle" data-testid={`threepay-budget-${name}-who`}>
          Spent by {who.map(([p, n]) => `${WHO[p] ?? p} ${n}`).join(", ")}
        </Text>
      )}
      {t.events.length > 0 && (
        <ul className="flex flex-col gap-y-0.5" data-testid={`threepay-budget-${name}-events`}>
          {t.events.slice(0, 5).map((e) => (
            <li key={`${e.at}-${e.kind}-${e.purpose}`}>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {formatDateTime(e.at)}: {e.kind === "waited" ? "waited" : "refused"} a call for {WHO[e.purpose] ?? e.purpose}
                {e.wait_ms ? ` (${Math.ceil(e.wait_ms / 1000)} s)` : ""}
              </Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

export const BudgetSection = () => {
  const q = useQuery<AdminBudgetResponse>({ queryKey: threepayKeys.budget(), queryFn: threepayApi.budget, refetchInterval: 30_000 })
  return (
    <Container className="divide-y p-0" data-testid="threepay-budget">
      <div className="px-6 py-4">
        <Heading level="h2">3PAY call budget</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          3PAY allows a number of calls per {q.data?.window_minutes ?? 15} minutes for the whole store (every Medusa instance shares
          them). Payments come first: reconciliation never takes the last {q.data?.reserves.reconciliation ?? 40} reads, and one
          shopper may create at most {q.data?.quotas.per_client ?? 10} invoices.
        </Text>
      </div>
      {q.isError && (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            The budget could not be loaded: {errorMessage(q.error)}
          </Text>
        </div>
      )}
      {q.data && TIERS.map(([name, label]) => (q.data.tiers[name] ? <Tier key={name} name={name} label={label} t={q.data.tiers[name]} /> : null))}
    </Container>
  )
}
