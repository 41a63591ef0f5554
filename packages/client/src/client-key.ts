/**
 * How a storefront server vouches for the shopper behind a request it makes
 * to Medusa (a Next.js server action creating the payment session): the
 * shopper's IP, signed with a secret only the storefront server and the
 * Medusa backend know. Medusa then counts invoices per shopper, not per
 * storefront server; a claim without a valid signature is ignored.
 *
 *   x-3pay-client: v1.<ip>.<unix seconds>.<hex HMAC-SHA256(secret, "v1.<ip>.<unix seconds>")>
 *
 * Node only (node:crypto): never in a browser bundle (the secret must not be there).
 */
import { createHmac, timingSafeEqual } from "node:crypto"

export const CLIENT_KEY_HEADER = "x-3pay-client"
/** A signed claim older (or newer) than this is refused: no replay a day later. */
export const CLIENT_KEY_MAX_AGE_S = 300

function mac(secret: string, payload: string): string {
  return createHmac("sha256", secret).update(payload).digest("hex")
}

/** The header value vouching for `ip`. */
export function signClientIp(ip: string, secret: string, nowMs = Date.now()): string {
  const clean = ip.trim()
  if (!/^[0-9a-fA-F:.]{2,45}$/.test(clean)) throw new Error("signClientIp: not an IP address")
  const payload = `v1.${clean}.${Math.floor(nowMs / 1000)}`
  return `${payload}.${mac(secret, payload)}`
}

/** The IP a valid, fresh header vouches for; null for anything else. */
export function verifyClientIp(header: unknown, secret: string | undefined, nowMs = Date.now()): string | null {
  if (!secret || typeof header !== "string" || header.length > 200) return null
  const m = /^v1\.([0-9a-fA-F:.]+)\.(\d{9,12})\.([0-9a-f]{64})$/.exec(header.trim())
  if (!m) return null
  const [, ip, ts, sig] = m
  const expected = Buffer.from(mac(secret, `v1.${ip}.${ts}`), "hex")
  const given = Buffer.from(sig, "hex")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
  if (Math.abs(nowMs / 1000 - Number(ts)) > CLIENT_KEY_MAX_AGE_S) return null
  return ip
}
