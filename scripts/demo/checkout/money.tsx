/** Medusa v2 amounts are in the currency's main unit (10.5 = $10.50). */
export function money(amount: number | null | undefined, currency = "usd"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(amount ?? 0)
}
