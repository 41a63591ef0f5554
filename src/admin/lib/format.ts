/**
 * Display helpers. Amounts are shown exactly as the server sends them
 * (decimal strings): no parsing into floats, no rounding.
 */
export type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

export const usdt = (amount: string | null | undefined) => (amount ? `${amount} USDT` : "-")

/** True for a decimal string above zero ("0", "0.000000", "" and null are not). */
export const isPositive = (amount: string | null | undefined) => !!amount && /[1-9]/.test(amount)

export function stateColor(state: string): BadgeColor {
  switch (state) {
    case "paid":
      return "green"
    case "overpaid":
    case "underpaid":
      return "orange"
    case "confirming":
      return "blue"
    case "awaiting_payment":
      return "purple"
    case "failed":
    case "wrong_network":
      return "red"
    default:
      return "grey"
  }
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "-"
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? "-" : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" })
}

export function timeAgo(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return "never"
  const s = Math.round((now - new Date(iso).getTime()) / 1000)
  if (!Number.isFinite(s)) return "-"
  if (s < 45) return "just now"
  if (s < 3600) return `${Math.round(s / 60)} min ago`
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`
  return `${Math.round(s / 86_400)} d ago`
}

export const shorten = (value: string, head = 8, tail = 6) =>
  value.length > head + tail + 1 ? `${value.slice(0, head)}…${value.slice(-tail)}` : value

const SOURCES: Record<string, string> = {
  checkout: "checkout",
  webhook: "webhook",
  reconciliation: "reconciliation",
  storefront: "storefront",
  admin: "admin re-check",
  provider: "payment provider",
}
export const sourceLabel = (source: string | null | undefined) => (source ? SOURCES[source] ?? source : "-")

/**
 * An address in groups of four characters (Ethereum's "0x" on its own), so a
 * person can compare it with the one the customer gave, group by group.
 */
export function groupAddress(address: string, size = 4): string[] {
  const a = address.trim()
  const head = /^0x/i.test(a) ? [a.slice(0, 2)] : []
  const rest = a.slice(head.length ? 2 : 0)
  const groups: string[] = []
  for (let i = 0; i < rest.length; i += size) groups.push(rest.slice(i, i + size))
  return [...head, ...groups]
}
