/** What needs the merchant's attention on this invoice, and what they can do about it. */
import { Alert, Text } from "@medusajs/ui"
import type { AttentionReasonDto } from "../../../api/admin/3pay/api-types"

const TITLES: Record<string, string> = {
  underpaid: "Underpaid",
  overpaid: "Overpaid",
  orphan: "Payment without an order",
  late: "Paid after the invoice expired",
  wrong_network: "Wrong network",
  failed_processing: "Could not be applied",
}
const SEVERE = new Set(["orphan", "wrong_network", "failed_processing"])

export const InvoiceWarnings = ({ reasons, detail }: { reasons: AttentionReasonDto[]; detail: Record<string, string> }) => {
  if (!reasons.length) return null
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      {reasons.map((r) => (
        <Alert key={r.code} variant={SEVERE.has(r.code) ? "error" : "warning"} data-testid={`threepay-warning-${r.code}`}>
          <Text size="small" weight="plus" leading="compact">
            {TITLES[r.code] ?? r.code}
            {detail[r.code] ? `: ${detail[r.code]}` : ""}
          </Text>
          <Text size="small" leading="compact" className="mt-1">
            {r.advice}
          </Text>
        </Alert>
      ))}
    </div>
  )
}
