/**
 * The ledger entries that paid one order, compact for the order page's side
 * column: kind, amount and its effect, when, the transaction, the reason.
 */
import { Badge, Text } from "@medusajs/ui"
import type { AdminWalletEntryDto } from "../../../api/admin/3pay/api-types"
import { formatDateTime, shorten } from "../../lib/format"
import { ExternalLink } from "../external-link"
import { actorLabel, changeTone, ENTRY_KIND } from "./wallet-labels"

export const PaidEntries = ({ entries }: { entries: AdminWalletEntryDto[] }) => (
  <ol className="flex flex-col gap-y-3 px-6 py-4" data-testid="threepay-paid-from-balance-entries">
    {entries.map((e) => {
      const kind = ENTRY_KIND[e.kind] ?? { label: e.kind, color: "grey" as const, meaning: "" }
      return (
        <li key={e.id} className="flex flex-col gap-y-0.5" data-testid="threepay-paid-from-balance-entry" data-kind={e.kind}>
          <div className="flex items-center justify-between gap-x-2">
            <Badge size="2xsmall" color={kind.color} title={kind.meaning}>
              {kind.label}
            </Badge>
            <Text size="small" leading="compact" className={`font-mono ${changeTone(e.change)}`}>
              {e.amount} USDT{e.change === "0" ? "" : ` (${e.change})`}
            </Text>
          </div>
          <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
            {formatDateTime(e.created_at)} · by {actorLabel(e.actor)} · available after {e.available_after} USDT
          </Text>
          <Text size="xsmall" leading="compact">
            {e.reason}
          </Text>
          {e.tx_hash && e.tx_explorer_url && <ExternalLink href={e.tx_explorer_url}>{shorten(e.tx_hash, 10, 8)}</ExternalLink>}
        </li>
      )
    })}
  </ol>
)
