/**
 * The refund form's idempotency key: a random UUID v4, made once per opened
 * form. `crypto.randomUUID` exists only in secure contexts (https or
 * localhost); an admin opened over plain http on a LAN address has only
 * `crypto.getRandomValues`, so the key is built from that there.
 */
type CryptoLike = Pick<Crypto, "getRandomValues"> & { randomUUID?: () => string }

export function newIdempotencyKey(c: CryptoLike = globalThis.crypto): string {
  if (typeof c.randomUUID === "function") return c.randomUUID()
  const b = c.getRandomValues(new Uint8Array(16))
  b[6] = (b[6] & 0x0f) | 0x40 // version 4
  b[8] = (b[8] & 0x3f) | 0x80 // RFC 4122 variant
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The server answered and refused (HTTP 4xx): the request is settled, not
 * ambiguous, and the next submit is a new request with a new key. A timeout,
 * a lost connection or a 5xx may or may not have been acted on, so a form
 * repeats those with the same key.
 */
export function wasRefused(e: unknown): boolean {
  const status = (e as { status?: unknown } | null)?.status
  return typeof status === "number" && status >= 400 && status < 500
}
