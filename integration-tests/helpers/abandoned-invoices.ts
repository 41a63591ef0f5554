/**
 * Ledger rows of invoices shoppers abandoned long ago (expired three days
 * back, never paid): what reconciliation must close for good without asking
 * 3PAY. Used by the budget cases and the budget bench.
 */
export function abandonedInvoiceRows(n: number) {
  const longAgo = new Date(Date.now() - 3 * 24 * 60 * 60_000)
  return Array.from({ length: n }, (_, i) => ({
    transaction_id: `abandoned-${i}`,
    invoice_no: null,
    reference: `tpref_abandoned_${i}`,
    environment: "sandbox" as const,
    network: "TRC20" as const,
    flow: "pay_first" as const,
    status: "expired",
    raw_status: "expired",
    state: "expired",
    amount_usdt: "15.55",
    currency_code: "usd",
    amount_fiat: "15.55",
    exchange_rate: "1",
    expires_at: longAgo,
    history: { entries: [] },
  }))
}
