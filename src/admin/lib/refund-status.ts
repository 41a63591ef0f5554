/**
 * A refund's status in the admin's words: label, badge colour, and whether it
 * needs the admin (rejected, failed: the money did not go out; unknown: 3PAY
 * has not said yet what became of the request).
 */
import type { RefundStatusCode } from "../../api/admin/3pay/api-types"
import type { BadgeColor } from "./format"

const STATUS: Record<RefundStatusCode, { label: string; color: BadgeColor; problem: boolean }> = {
  requesting: { label: "Requesting", color: "grey", problem: false },
  pending_review: { label: "Pending review at 3PAY", color: "orange", problem: false },
  approved: { label: "Approved, sending", color: "blue", problem: false },
  completed: { label: "Completed", color: "green", problem: false },
  rejected: { label: "Rejected", color: "red", problem: true },
  failed: { label: "Failed", color: "red", problem: true },
  unknown: { label: "Outcome unknown", color: "orange", problem: true },
}

export function refundStatus(status: string): { label: string; color: BadgeColor; problem: boolean } {
  return STATUS[status as RefundStatusCode] ?? { label: status, color: "grey", problem: false }
}

/** What the admin should know when a refund is flagged. */
export function refundProblemAdvice(status: string): string | null {
  switch (status) {
    case "rejected":
      return "3PAY rejected this withdrawal: no USDT left the account, and the refund recorded in Medusa was corrected. Check the reason, then refund again if needed."
    case "failed":
      return "The withdrawal failed: no USDT reached the address, and the refund recorded in Medusa was corrected. Check 3PAY's dashboard before refunding again."
    case "unknown":
      return "3PAY's answer to this request was lost; it is being resolved from 3PAY's withdrawal list. Do not refund again until it shows a final status."
    default:
      return null
  }
}
