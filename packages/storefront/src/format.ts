/**
 * Small pure helpers for what the component shows. Amounts are never
 * formatted: they are exact decimal strings and are shown as they are.
 */

/** "29:59", or "1:02:03" past an hour; "0:00" once expired. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const pad = (n: number) => String(n).padStart(2, "0")
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`
}

/** The backend's "retry in N s" (the js-sdk keeps only the message of an error). */
export function retryAfterFrom(message: string): number | undefined {
  const m = /retry in (\d+) ?s/i.exec(message)
  return m ? Number(m[1]) : undefined
}
