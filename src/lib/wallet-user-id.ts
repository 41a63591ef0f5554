/**
 * The 3PAY `userId` of a Medusa customer. Derived, not random: if the
 * process dies between 3PAY's `wallet/generate` and our ledger write, the
 * next try asks for the same user and 3PAY answers with the same addresses
 * ("Wallet already exists"), so a customer never gets two sets of
 * addresses. Hashed: 3PAY (and its dashboard's search) never sees a Medusa
 * id, as invoices carry an opaque reference instead of the cart id.
 */
import { createHash } from "node:crypto"

export function walletUserIdFor(customerId: string): string {
  return `mc_${createHash("sha256").update(`medusa-payment-3pay:customer:${customerId}`).digest("hex").slice(0, 32)}`
}
