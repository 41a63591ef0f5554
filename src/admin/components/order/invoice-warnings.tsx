/** What needs the merchant's attention on this invoice, and what they can do about it. */
import { Alert, Text } from "@medusajs/ui"
import type { AttentionReasonDto } from "../../../api/admin/3pay/api-types"

const SEVERE = new Set(["orphan", "wrong_network", "failed_processing", "paid_unconfirmed"])

export const InvoiceWarnings = ({ reasons }: { reasons: AttentionReasonDto[] }) => {
  if (!reasons.length) return null
  return (
    <div className="flex flex-col gap-y-2 px-6 py-4">
      {reasons.map((r) => (
        <Alert key={r.code} variant={SEVERE.has(r.code) ? "error" : "warning"} data-testid={`threepay-warning-${r.code}`}>
          <Text size="small" weight="plus" leading="compact">
            {r.label}
            {r.detail ? `: ${r.detail}` : ""}
          </Text>
          <Text size="small" leading="compact" className="mt-1">
            {r.advice}
          </Text>
        </Alert>
      ))}
    </div>
  )
}
