/**
 * `medusa-payment-3pay-storefront/server`: for code that runs on the
 * storefront's server (Next.js server actions, route handlers, any SSR) and
 * calls Medusa on the shopper's behalf. Medusa's 3PAY plugin limits fresh
 * invoices per shopper; seen from Medusa, every request of an SSR storefront
 * comes from the storefront server, so without this every shopper would be
 * one. The header vouches for the shopper's IP, signed with the secret the
 * storefront server and the Medusa backend share (`THREEPAY_STOREFRONT_SECRET`
 * here, the plugin's `storefrontSecret` there). Never import this in a
 * browser bundle: it needs the secret.
 *
 *   const headers = await threepayClientHeaders(await headers())   // next/headers
 *   await sdk.store.payment.initiatePaymentSession(cart, body, {}, { ...authHeaders, ...headers })
 */
import { CLIENT_KEY_HEADER, signClientIp } from "medusa-payment-3pay-client"

type HeaderBag = { get(name: string): string | null } | Record<string, string | string[] | undefined>

function read(headers: HeaderBag, name: string): string | undefined {
  if (typeof (headers as { get?: unknown }).get === "function") return (headers as { get(n: string): string | null }).get(name) ?? undefined
  const v = (headers as Record<string, string | string[] | undefined>)[name]
  return Array.isArray(v) ? v[0] : v
}

/**
 * The shopper's IP as your own edge reports it: a header your CDN sets
 * (`prefer`, e.g. `["cf-connecting-ip"]`), else the `x-forwarded-for` entry
 * `hops` from the right (what your own proxies appended: a shopper can write
 * the left-hand entries but not these), else `x-real-ip`.
 */
export function shopperIpOf(headers: HeaderBag, prefer: string[] = [], hops = 1): string | null {
  for (const name of prefer) {
    const v = read(headers, name)?.trim()
    if (v) return v
  }
  const entries = (read(headers, "x-forwarded-for") ?? "").split(",").map((e) => e.trim()).filter(Boolean)
  const forwarded = entries[Math.max(0, entries.length - Math.max(1, hops))]
  return forwarded || read(headers, "x-real-ip")?.trim() || null
}

/**
 * The header to add to the storefront server's requests to Medusa. Empty when
 * the shopper's IP or the secret is unknown (the plugin then counts the
 * storefront server itself, and its share stays bounded).
 */
export function threepayClientHeaders(
  incoming: HeaderBag,
  opts: { secret?: string; prefer?: string[]; hops?: number } = {}
): Record<string, string> {
  const secret = opts.secret ?? process.env.THREEPAY_STOREFRONT_SECRET
  const ip = shopperIpOf(incoming, opts.prefer, opts.hops)
  if (!secret || !ip) return {}
  try {
    return { [CLIENT_KEY_HEADER]: signClientIp(ip, secret) }
  } catch {
    return {}
  }
}

export { CLIENT_KEY_HEADER }
