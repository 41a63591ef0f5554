/**
 * The wallets section of bench/report.md (wallets.bench.ts measures): 3PAY
 * calls per checkout with an invoice and from a balance, and checkouts from
 * balances in one 15-minute window.
 */
export type WalletsData = {
  customers: number
  cap: number
  invoice_checkout: { calls: Record<string, number>; total: number }
  wallet_checkout: { ordered: boolean; calls: Record<string, number>; total: number }
  window: { checkouts: number; tried: number; refused: { at: number; status: number; code?: string } | null; real_seconds: number; threepay_calls: Record<string, number>; budget: Record<string, unknown> }
}

export function toMarkdown(d: WalletsData): string {
  const list = (c: Record<string, number>) => Object.entries(c).map(([k, v]) => `\`${k}\` ${v}`).join(", ") || "none"
  const w = d.window
  const reads = w.threepay_calls["wallet.balance"] ?? 0
  return `integration-tests/bench/wallets.bench.ts. Medusa 2.21.2 on PostgreSQL with the emulator at 3PAY's real limits (20
invoice creations and 100 standard calls per 15 minutes), its webhooks to the plugin's /hooks/3pay.

| checkout | 3PAY calls | by endpoint |
|---|---|---|
| with an invoice (guest: session, paid webhook, order, complete) | ${d.invoice_checkout.total} | ${list(d.invoice_checkout.calls)} |
| from the customer's balance (logged in, balance covers the cart)${d.wallet_checkout.ordered ? "" : " **no order**"} | ${d.wallet_checkout.total} | ${list(d.wallet_checkout.calls)} |

An invoice checkout spends one of the 20 creations per 15 minutes (the Wallet Gen tier); a checkout from the balance
spends none, only at most one Standard call (the balance re-read). ${d.customers} returning customers with balances,
one checkout after the other from a fresh window: **${w.checkouts} checkouts from the balance in ${w.real_seconds} s**
(${w.refused ? `checkout ${w.refused.at} was refused: ${w.refused.status} ${w.refused.code ?? ""}` : `none refused, the bench stopped at ${d.cap}`}${
    w.real_seconds > 900 ? "; a little more than one 15-minute window: this machine's pace set the count, not 3PAY" : ""
  }), against 20 checkouts with invoices per 15 minutes. 3PAY calls meanwhile: ${list(w.threepay_calls)}.

${
    reads >= w.checkouts
      ? "Every one of them re-read the balance at 3PAY."
      : `${reads} of them re-read the balance at 3PAY, ${w.checkouts - reads} did not. Checkout spends Standard calls
with a reserve of 15 for the calls that move money (src/lib/budget.ts); once it is refused, checkout goes on from the
plugin's own ledger without asking 3PAY (src/workflows/steps/read-wallet.ts: the ledger's balance is exact, a read only
finds new deposits). So checkouts from a balance already credited are not bounded by 3PAY's limits at all; what a
window bounds is new deposits being found by a re-read at checkout (deposit webhooks and reconciliation find them too).`
  } The customers' wallets (one Wallet Gen creation each) and deposits were made before the window.
`
}
