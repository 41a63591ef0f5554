/**
 * The order's USDT refunds, newest first as the server sends them: status,
 * amount, where it went (explorer links for the address and the transfer),
 * each step of its timeline, and a flag when the money did not go out.
 */
import { Alert, Copy, StatusBadge, Text } from "@medusajs/ui"
import { formatDateTime, isPositive, shorten, usdt } from "../../lib/format"
import { refundProblemAdvice, refundStatus } from "../../lib/refund-status"
import type { RefundDto } from "../../../api/admin/3pay/api-types"
import { ExternalLink } from "../external-link"

export const RefundList = ({ refunds }: { refunds: RefundDto[] }) => {
  if (!refunds.length) return null
  return (
    <ul className="flex flex-col divide-y" data-testid="threepay-refund-list">
      {refunds.map((r) => (
        <RefundItem key={r.id} refund={r} />
      ))}
    </ul>
  )
}

const RefundItem = ({ refund: r }: { refund: RefundDto }) => {
  const status = refundStatus(r.status)
  const advice = refundProblemAdvice(r.status)
  return (
    <li className="flex flex-col gap-y-2 px-6 py-4" data-testid="threepay-refund" data-refund-id={r.id} data-status={r.status}>
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" weight="plus" leading="compact" data-testid="threepay-refund-amount-sent">
          {usdt(r.amount)} · {r.network}
        </Text>
        <StatusBadge color={status.color} data-testid="threepay-refund-status">
          {status.label}
        </StatusBadge>
      </div>
      {status.problem && advice && (
        <Alert variant={r.status === "unknown" ? "warning" : "error"} data-testid="threepay-refund-flag">
          {advice}
        </Alert>
      )}
      <OnChain label="To" value={r.address} href={r.address_explorer_url} testId="threepay-refund-address-link" />
      {r.tx_hash && <OnChain label="Transfer" value={r.tx_hash} href={r.tx_explorer_url} testId="threepay-refund-tx-link" />}
      {isPositive(r.fee) && (
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
          3PAY fee {usdt(r.fee)}
          {r.net_amount !== null ? ` · received ${usdt(r.net_amount)}` : ""}
        </Text>
      )}
      <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
        Requested {formatDateTime(r.created_at)}
        {r.created_by ? ` by ${r.created_by}` : ""}
        {r.note ? ` · ${r.note}` : ""}
      </Text>
      {r.timeline.length > 0 && (
        <ol className="flex flex-col gap-y-1.5 pt-1" data-testid="threepay-refund-timeline">
          {r.timeline.map((t, i) => (
            <li key={`${t.at}-${i}`} className="grid grid-cols-[12px_1fr] gap-x-2" data-testid="threepay-refund-timeline-entry">
              <span className="bg-ui-tag-neutral-icon mt-1.5 size-1.5 rounded-full" aria-hidden />
              <Text size="xsmall" leading="compact">
                <span className="font-medium">{refundStatus(t.status).label}</span>
                <span className="text-ui-fg-subtle">
                  {" "}
                  · {formatDateTime(t.at)}
                  {t.note ? ` · ${t.note}` : ""}
                </span>
              </Text>
            </li>
          ))}
        </ol>
      )}
    </li>
  )
}

/** An address or a transaction hash: shortened, linked to its explorer, copyable whole. */
const OnChain = ({ label, value, href, testId }: { label: string; value: string; href: string | null; testId: string }) => (
  <div className="txt-compact-small text-ui-fg-subtle flex flex-wrap items-center gap-1">
    <span>{label}</span>
    {href ? (
      <ExternalLink href={href} testId={testId}>
        {shorten(value, 10, 8)}
      </ExternalLink>
    ) : (
      <span className="font-mono">{shorten(value, 10, 8)}</span>
    )}
    <Copy content={value} variant="mini" />
  </div>
)
