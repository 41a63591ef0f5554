/** @jest-environment node */
import { verifyClientIp } from "medusa-payment-3pay-client"
import { CLIENT_KEY_HEADER, shopperIpOf, threepayClientHeaders } from "../server"

const SECRET = "storefront-secret-0123456789"

describe("medusa-payment-3pay-storefront/server", () => {
  it("reads the shopper's IP from the entry the storefront's own edge appended, not one the shopper wrote", () => {
    expect(shopperIpOf({ "x-forwarded-for": "6.6.6.6, 198.51.100.9" })).toBe("198.51.100.9")
    expect(shopperIpOf({ "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.2" }, [], 2)).toBe("198.51.100.9")
    expect(shopperIpOf({ "x-real-ip": "198.51.100.4" })).toBe("198.51.100.4")
    expect(shopperIpOf({ "cf-connecting-ip": "198.51.100.5", "x-forwarded-for": "10.0.0.1" }, ["cf-connecting-ip"])).toBe("198.51.100.5")
    expect(shopperIpOf({})).toBeNull()
  })

  it("works with a Fetch Headers object (next/headers)", () => {
    expect(shopperIpOf(new Headers({ "x-forwarded-for": "198.51.100.9" }))).toBe("198.51.100.9")
  })

  it("signs the shopper's IP with the shared secret, so the backend can trust it", () => {
    const h = threepayClientHeaders({ "x-forwarded-for": "198.51.100.9" }, { secret: SECRET })
    expect(verifyClientIp(h[CLIENT_KEY_HEADER], SECRET)).toBe("198.51.100.9")
    expect(verifyClientIp(h[CLIENT_KEY_HEADER], "another-secret-0123456789")).toBeNull()
  })

  it("adds nothing without a secret or an IP, or for a value that is no IP", () => {
    const before = process.env.THREEPAY_STOREFRONT_SECRET
    delete process.env.THREEPAY_STOREFRONT_SECRET
    try {
      expect(threepayClientHeaders({ "x-forwarded-for": "198.51.100.9" })).toEqual({})
    } finally {
      if (before !== undefined) process.env.THREEPAY_STOREFRONT_SECRET = before
    }
    expect(threepayClientHeaders({}, { secret: SECRET })).toEqual({})
    expect(threepayClientHeaders({ "x-real-ip": "not an ip" }, { secret: SECRET })).toEqual({})
  })
})
