/**
 * The signed note our store-route middleware hands to the payment provider.
 *
 * Medusa runs the provider inside the payment module's container, where it
 * cannot read our ledger or settings. The middleware (which can) prepares the
 * invoice, then passes it in the session's `data.checkout`. That field travels
 * through storefront-shaped data, so it is signed with a key derived from the
 * API key and expires within minutes: the provider accepts an invoice only if
 * this server vouched for it, for this amount and network.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto"
import { z } from "zod"
import { NETWORKS } from "medusa-payment-3pay-client"
import { FLOWS } from "./options"

export const HANDOFF_FIELD = "checkout"
const MAX_AGE_MS = 5 * 60_000

export const handoffSchema = z.object({
  v: z.literal(1),
  /** Issued at, ms. */
  iat: z.number(),
  cart_id: z.string().nullable(),
  payment_collection_id: z.string(),
  network: z.enum(NETWORKS),
  amount_usdt: z.string(),
  currency_code: z.string(),
  exchange_rate: z.string(),
  flow: z.enum(FLOWS),
  tolerance: z.string(),
  invoice: z.object({
    transaction_id: z.string(),
    invoice_no: z.string().nullable(),
    payment_url: z.string(),
    wallet_address: z.string().nullable(),
    expires_at: z.string().nullable(),
    reused: z.boolean(),
  }),
})
export type CheckoutHandoff = z.infer<typeof handoffSchema>

/** A key per purpose, derived from the API key (which never leaves the server). */
function keyFor(apiKey: string, purpose: string): Buffer {
  return createHash("sha256").update(`medusa-payment-3pay/${purpose}/v1:${apiKey}`).digest()
}

/** `<base64url json>.<base64url hmac>`; the purpose is part of the key. */
export function signNote(payload: { iat: number; [k: string]: unknown }, apiKey: string, purpose: string): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url")
  const mac = createHmac("sha256", keyFor(apiKey, purpose)).update(body).digest("base64url")
  return `${body}.${mac}`
}

export type NoteCheck<T> =
  | { ok: true; value: T }
  | { ok: false; reason: "absent" | "malformed" | "bad_signature" | "expired" }

export function verifyNote<T extends { iat: number }>(
  token: unknown,
  apiKey: string,
  purpose: string,
  schema: z.ZodType<T>,
  now = Date.now()
): NoteCheck<T> {
  if (token === undefined || token === null || token === "") return { ok: false, reason: "absent" }
  if (typeof token !== "string") return { ok: false, reason: "malformed" }
  const [body, mac] = token.split(".")
  if (!body || !mac) return { ok: false, reason: "malformed" }
  const expected = createHmac("sha256", keyFor(apiKey, purpose)).update(body).digest()
  const given = Buffer.from(mac, "base64url")
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: "bad_signature" }
  }
  let parsed
  try {
    parsed = schema.safeParse(JSON.parse(Buffer.from(body, "base64url").toString("utf8")))
  } catch {
    return { ok: false, reason: "malformed" }
  }
  if (!parsed.success) return { ok: false, reason: "malformed" }
  if (now - parsed.data.iat > MAX_AGE_MS || parsed.data.iat - now > 60_000) return { ok: false, reason: "expired" }
  return { ok: true, value: parsed.data }
}

/** The session `data` that carries a handoff: all the provider reads from the storefront's side. */
export function handoffSessionData(network: string, token: string): Record<string, unknown> {
  return { network, [HANDOFF_FIELD]: token }
}

export function signHandoff(payload: CheckoutHandoff, apiKey: string): string {
  return signNote(payload, apiKey, "checkout-handoff")
}

export type HandoffCheck =
  | { ok: true; handoff: CheckoutHandoff }
  | { ok: false; reason: "absent" | "malformed" | "bad_signature" | "expired" }

export function verifyHandoff(token: unknown, apiKey: string, now = Date.now()): HandoffCheck {
  const r = verifyNote(token, apiKey, "checkout-handoff", handoffSchema, now)
  return r.ok ? { ok: true, handoff: r.value } : r
}
