/**
 * The key of the per-client invoice quota: who is asking, as far as the
 * backend can tell.
 *
 * - A storefront server (Next.js server actions, any SSR) passes the shopper's
 *   IP in `x-3pay-client`, signed with `storefrontSecret`
 *   (the storefront package's `/server` entry). Without it every shopper of an
 *   SSR storefront would be one "client": the storefront server.
 * - Otherwise the TCP peer, which cannot be forged; or, when the store says
 *   its own proxy or CDN sets one (`clientIpHeader`), that header. An
 *   `x-forwarded-for` a client wrote itself is never believed: with the
 *   option it is read `clientIpHops` entries from the right (what your own
 *   proxies appended), never from the left.
 * - An unsigned or stale claim is ignored. IPv6 addresses count per /64 (one
 *   customer's network: a host can rotate within it at will). The IP itself
 *   is never stored: a salted hash of it is.
 */
import { createHash } from "node:crypto"
import { CLIENT_KEY_HEADER, verifyClientIp } from "medusa-payment-3pay-client"
import type { ThreePayOptions } from "./options"

/** IPv4 as is (also when mapped into IPv6); IPv6 reduced to its /64 network. */
export function clientNetworkOf(ip: string): string {
  const s = ip.trim().toLowerCase().replace(/^\[|\]$/g, "").replace(/%.*$/, "")
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(s)
  if (mapped) return mapped[1]
  if (!s.includes(":")) return s
  const [head, tail = ""] = s.split("::")
  const h = head ? head.split(":") : []
  const t = tail ? tail.split(":") : []
  const groups = [...h, ...Array(Math.max(0, 8 - h.length - t.length)).fill("0"), ...t]
  return `${groups.slice(0, 4).map((g) => (parseInt(g || "0", 16) || 0).toString(16)).join(":")}::/64`
}

type Headers = Record<string, unknown>
type ClientIpOptions = Pick<ThreePayOptions, "apiKey" | "storefrontSecret" | "clientIpHeader" | "clientIpHops">

const first = (v: unknown) => (Array.isArray(v) ? v[0] : v)

/** The IP the store's own proxy reports, when the store said it has one. */
function proxiedIp(headers: Headers, o: ClientIpOptions): string | null {
  if (!o.clientIpHeader) return null
  const raw = first(headers[o.clientIpHeader])
  if (typeof raw !== "string" || !raw.trim()) return null
  const entries = raw.split(",").map((e) => e.trim()).filter(Boolean)
  // x-forwarded-for grows to the right; the entries a client wrote itself are on the left.
  return entries[Math.max(0, entries.length - o.clientIpHops)] ?? null
}

/** The hashed client key of a request, or null when nothing identifies the client. */
export function requesterHashOfRequest(
  req: { headers: Headers; socket?: { remoteAddress?: string } },
  o: ClientIpOptions
): string | null {
  const ip = verifyClientIp(first(req.headers[CLIENT_KEY_HEADER]), o.storefrontSecret) ?? proxiedIp(req.headers, o) ?? req.socket?.remoteAddress ?? null
  if (!ip) return null
  return createHash("sha256").update(`medusa-payment-3pay/client:${o.apiKey}:${clientNetworkOf(ip)}`).digest("hex").slice(0, 32)
}
