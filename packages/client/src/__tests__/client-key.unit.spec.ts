import { CLIENT_KEY_MAX_AGE_S, signClientIp, verifyClientIp } from "../client-key"

const SECRET = "storefront-secret-0123456789"
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0)

describe("signed client IP (x-3pay-client)", () => {
  it("vouches for an IPv4 or IPv6 address with the shared secret", () => {
    for (const ip of ["203.0.113.9", "2001:db8::1", "::ffff:198.51.100.4"]) {
      expect(verifyClientIp(signClientIp(ip, SECRET, NOW), SECRET, NOW)).toBe(ip)
    }
  })

  it("a header signed with another secret, or with no secret configured, vouches for nothing", () => {
    const header = signClientIp("203.0.113.9", "another-secret-0123456789", NOW)
    expect(verifyClientIp(header, SECRET, NOW)).toBeNull()
    expect(verifyClientIp(signClientIp("203.0.113.9", SECRET, NOW), undefined, NOW)).toBeNull()
  })

  it("changing the IP or the time of a signed header breaks it", () => {
    const header = signClientIp("203.0.113.9", SECRET, NOW)
    expect(verifyClientIp(header.replace("203.0.113.9", "203.0.113.8"), SECRET, NOW)).toBeNull()
    const [v, a, b, c, d, ts, sig] = header.split(".")
    expect(verifyClientIp([v, a, b, c, d, String(Number(ts) + 1), sig].join("."), SECRET, NOW)).toBeNull()
  })

  it("is accepted for five minutes either way, and not a second longer: no replay a day later", () => {
    const header = signClientIp("203.0.113.9", SECRET, NOW)
    expect(verifyClientIp(header, SECRET, NOW + CLIENT_KEY_MAX_AGE_S * 1000)).toBe("203.0.113.9")
    expect(verifyClientIp(header, SECRET, NOW + (CLIENT_KEY_MAX_AGE_S + 1) * 1000)).toBeNull()
    expect(verifyClientIp(header, SECRET, NOW - (CLIENT_KEY_MAX_AGE_S + 1) * 1000)).toBeNull()
  })

  it("malformed headers are ignored, never thrown on", () => {
    for (const h of [undefined, 42, "", "v1.1.2.3.4", "v2.203.0.113.9.1700000000." + "a".repeat(64), "x".repeat(500), ["v1"]]) {
      expect(verifyClientIp(h, SECRET, NOW)).toBeNull()
    }
  })

  it("refuses to sign something that is not an IP address", () => {
    expect(() => signClientIp("evil.example.com", SECRET)).toThrow(/not an IP/)
    expect(() => signClientIp("1.2.3.4\n", SECRET)).not.toThrow()
  })
})
