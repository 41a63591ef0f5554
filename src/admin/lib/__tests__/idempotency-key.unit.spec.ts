import { webcrypto } from "node:crypto"
import { newIdempotencyKey, wasRefused } from "../idempotency-key"

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
// What the server accepts (validators.ts, AdminCreateRefundSchema).
const SERVER = /^[A-Za-z0-9_:.-]{8,100}$/

describe("newIdempotencyKey", () => {
  it("uses randomUUID where the browser has it", () => {
    expect(newIdempotencyKey({ randomUUID: () => "11111111-2222-4333-8444-555555555555", getRandomValues: () => { throw new Error("unused") } })).toBe(
      "11111111-2222-4333-8444-555555555555"
    )
  })

  it("builds a UUID v4 from getRandomValues on a page without a secure context", () => {
    const insecure = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => webcrypto.getRandomValues(a as never) as T }
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey(insecure)))
    expect(keys.size).toBe(200)
    for (const k of keys) {
      expect(k).toMatch(UUID_V4)
      expect(k).toMatch(SERVER)
    }
  })

  it("sets the version and variant bits whatever the random bytes", () => {
    const ones = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => ((a as unknown as Uint8Array).fill(0xff), a) }
    const zeros = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => a }
    expect(newIdempotencyKey(ones)).toBe("ffffffff-ffff-4fff-bfff-ffffffffffff")
    expect(newIdempotencyKey(zeros)).toBe("00000000-0000-4000-8000-000000000000")
  })
})

describe("wasRefused", () => {
  it("settles a key on the server's refusals (4xx) and keeps it for what may have been acted on", async () => {
    const { FetchError } = await import("@medusajs/js-sdk")
    expect(wasRefused(new FetchError("At most 5 USDT can still be refunded", "Conflict", 409))).toBe(true)
    expect(wasRefused(new FetchError("invalid address", "Bad Request", 400))).toBe(true)
    expect(wasRefused(new FetchError("upstream", "Bad Gateway", 502))).toBe(false)
    expect(wasRefused(new FetchError("Internal", "Internal Server Error", 500))).toBe(false)
    expect(wasRefused(new TypeError("Failed to fetch"))).toBe(false)
    expect(wasRefused(undefined)).toBe(false)
  })
})
