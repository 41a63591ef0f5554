/** Each step of an invoice from the ledger: when, what it meant, who saw it. */
import { Text } from "@medusajs/ui"
import type { TimelineEntryDto } from "../../../api/admin/3pay/api-types"
import { formatDateTime, sourceLabel } from "../../lib/format"

export const InvoiceTimeline = ({ entries }: { entries: TimelineEntryDto[] }) => {
  if (!entries.length) return null
  return (
    <div className="px-6 py-4">
      <Text size="small" weight="plus" leading="compact" className="text-ui-fg-subtle mb-3">
        Timeline
      </Text>
      <ol className="flex flex-col gap-y-3" data-testid="threepay-timeline">
        {entries.map((e, i) => (
          <li key={`${e.at}-${i}`} className="grid grid-cols-[12px_1fr] gap-x-2" data-testid="threepay-timeline-entry">
            <span className="bg-ui-tag-neutral-icon mt-1.5 size-1.5 rounded-full" aria-hidden />
            <div className="flex flex-col">
              <Text size="small" leading="compact" weight="plus">
                {e.note ? `${e.label} · ${e.note}` : e.label}
              </Text>
              <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
                {formatDateTime(e.at)} · {sourceLabel(e.source)}
                {e.received && e.received !== "0" ? ` · ${e.received} USDT received` : ""}
              </Text>
            </div>
          </li>
        ))}
      </ol>
    </div>
  )
}
