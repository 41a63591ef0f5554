/**
 * The visitor key of the per-visitor invoice quota (check-invoice-quota.ts):
 * a salted hash of the client IP (as Express sees it, behind Medusa's proxy
 * settings), never the IP itself. One formula for every route that creates
 * invoices, so a renewal counts against the same visitor as a session.
 */
import { createHash } from "node:crypto"

export function requesterHashOf(ip: string | null | undefined, apiKey: string): string | null {
  if (!ip) return null
  return createHash("sha256").update(`medusa-payment-3pay/visitor:${apiKey}:${ip}`).digest("hex").slice(0, 32)
}
