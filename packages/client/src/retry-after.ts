/**
 * When may we call again after a 429? 3PAY's docs cut off mid-sentence
 * ("with RateL…"), so we read every common form:
 * - `Retry-After: 120` (seconds) or `Retry-After: <HTTP date>`;
 * - `RateLimit-Reset: 120` (IETF draft: seconds from now), also
 *   `X-RateLimit-Reset`; a value above 10^9 is taken as a Unix time in
 *   seconds (GitHub style);
 * - `RateLimit: limit=100, remaining=0, reset=120` (IETF draft 7+).
 * Returns milliseconds from `now`, or null when no header says.
 */
type HeaderSource = { get(name: string): string | null }

const UNIX_SECONDS_THRESHOLD = 1_000_000_000

function secondsOrUnix(raw: string, now: number): number | null {
  const v = raw.trim()
  if (!/^\d+(\.\d+)?$/.test(v)) return null
  const n = Number(v)
  if (n > UNIX_SECONDS_THRESHOLD) return Math.max(n * 1000 - now, 0)
  return Math.round(n * 1000)
}

export function parseRetryAfterMs(headers: HeaderSource, now: number): number | null {
  const retryAfter = headers.get("retry-after")
  if (retryAfter) {
    const v = retryAfter.trim()
    if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
    const at = Date.parse(v)
    if (!Number.isNaN(at)) return Math.max(at - now, 0)
  }
  for (const name of ["ratelimit-reset", "x-ratelimit-reset"]) {
    const raw = headers.get(name)
    if (raw) {
      const ms = secondsOrUnix(raw, now)
      if (ms !== null) return ms
    }
  }
  const combined = headers.get("ratelimit")
  if (combined) {
    const m = /(?:^|[;,\s])reset=(\d+(?:\.\d+)?)/i.exec(combined)
    if (m) return secondsOrUnix(m[1], now)
  }
  return null
}

/** Whole seconds for humans and for `retryAfterSeconds` (at least 1). */
export function toRetryAfterSeconds(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000))
}

/**
 * Full-jitter exponential backoff (AWS architecture blog): a random wait in
 * [0, min(cap, base * 2^(retry-1))). Spreads retries of many callers apart.
 */
export function backoffDelayMs(retry: number, random: () => number, baseMs: number, capMs: number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(retry - 1, 0))
  return Math.floor(random() * ceiling)
}
