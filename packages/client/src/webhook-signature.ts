import { createHmac, timingSafeEqual } from "node:crypto"

/**
 * 3PAY signs each webhook with HMAC-SHA256 over the raw body bytes and the
 * merchant's webhook secret, sent as `X-Webhook-Signature: sha256=<hex>`.
 */
export const SIGNATURE_HEADER = "x-webhook-signature"
export const TEST_HEADER = "x-webhook-test"

export function signWebhookBody(rawBody: string | Buffer, secret: string): string {
  return "sha256=" + createHmac("sha256", secret).update(rawBody).digest("hex")
}

export type SignatureCheck =
  | { valid: true; secretIndex: number }
  | { valid: false; reason: "missing" | "malformed" | "mismatch" | "no_secret" }

/**
 * Checks a signature against one or more secrets (current first, then the
 * previous one during a rotation), in constant time for each.
 */
export function verifyWebhookSignature(
  rawBody: string | Buffer | undefined,
  header: unknown,
  secrets: Array<string | undefined | null>
): SignatureCheck {
  const keys = secrets.filter((s): s is string => typeof s === "string" && s.length > 0)
  if (!keys.length) return { valid: false, reason: "no_secret" }
  const value = Array.isArray(header) ? header[0] : header
  if (typeof value !== "string" || value.trim() === "") return { valid: false, reason: "missing" }
  const m = /^sha256=([0-9a-fA-F]{64})$/.exec(value.trim())
  if (!m || rawBody === undefined) return { valid: false, reason: "malformed" }
  const given = Buffer.from(m[1].toLowerCase(), "hex")
  for (let i = 0; i < keys.length; i++) {
    const expected = createHmac("sha256", keys[i]).update(rawBody).digest()
    // Equal lengths are guaranteed (32 bytes each), as timingSafeEqual requires.
    if (timingSafeEqual(expected, given)) return { valid: true, secretIndex: i }
  }
  return { valid: false, reason: "mismatch" }
}

/** Header lookup that tolerates Node's lower-cased and other spellings. */
export function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  if (!headers) return undefined
  const lower = name.toLowerCase()
  for (const [k, v] of Object.entries(headers)) {
    if (k.toLowerCase() === lower) return Array.isArray(v) ? String(v[0]) : v == null ? undefined : String(v)
  }
  return undefined
}
