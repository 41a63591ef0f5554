/**
 * Who may spend 3PAY's Standard tier (100 calls per 15 minutes, verify, list,
 * cancel...), in one table. Calls that move money keep a reserve that nothing
 * else can touch; checkout and the admin come next; background work
 * (reconciliation) spends only what is left. A reserve of N means: refused
 * once fewer than N calls remain in the window. Invoice creation (the Wallet
 * Gen tier, 20 per 15 minutes) is checkout's alone, shared fairly by the
 * per-cart and per-client quotas.
 */
import type { RequestOptions } from "medusa-payment-3pay-client"

export type Spender = "webhook" | "storefront" | "settlement" | "refund" | "checkout" | "admin" | "reconciliation"

/** Standard-tier slots each kind of caller must leave to the others. */
export const STANDARD_RESERVE: Record<Spender, number> = {
  // Moves money: the re-read after a paid webhook, "I have paid", authorize/capture.
  webhook: 0,
  storefront: 0,
  settlement: 0,
  // A refund's withdrawal, its funding, and the reads that resolve a lost answer.
  refund: 0,
  // A shopper waits, but no money moves yet: reuse checks, stale-invoice cancels.
  checkout: 15,
  admin: 15,
  // Recovers what webhooks missed; never in a shopper's way.
  reconciliation: 40,
}

/** The options of a 3PAY call made for `who`: its purpose (shown to the store owner) and its reserve. */
export function spend(who: Spender): Pick<RequestOptions, "purpose" | "reserve"> {
  return { purpose: who, reserve: STANDARD_RESERVE[who] }
}
