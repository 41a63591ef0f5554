import { CLIENT_KEY_HEADER, signClientIp } from "medusa-payment-3pay-client"
import { clientNetworkOf, requesterHashOfRequest } from "../requester"

const SECRET = "storefront-secret-0123456789"
const base = { apiKey: "key_test", storefrontSecret: SECRET, clientIpHops: 1 } as const
const req = (ip: string, headers: Record<string, string> = {}) => ({ headers, socket: { remoteAddress: ip } })
const key = (r: ReturnType<typeof req>, o: Parameters<typeof requesterHashOfRequest>[1] = base) => requesterHashOfRequest(r, o)

describe("who is asking: the per-client quota's key", () => {
  it("is the TCP peer by default: x-forwarded-for written by a client is not believed", () => {
    expect(key(req("203.0.113.1", { "x-forwarded-for": "198.51.100.7" }))).toBe(key(req("203.0.113.1")))
    expect(key(req("203.0.113.1"))).not.toBe(key(req("203.0.113.2")))
  })

  it("a storefront server's signed header names the shopper; a wrong or missing secret falls back to the peer", () => {
    const server = "10.0.0.5"
    const a = key(req(server, { [CLIENT_KEY_HEADER]: signClientIp("198.51.100.1", SECRET) }))
    const b = key(req(server, { [CLIENT_KEY_HEADER]: signClientIp("198.51.100.2", SECRET) }))
    expect(a).not.toBe(b)
    expect(a).toBe(key(req("198.51.100.1")))
    const forged = key(req(server, { [CLIENT_KEY_HEADER]: signClientIp("198.51.100.1", "not-the-secret-0123456789") }))
    expect(forged).toBe(key(req(server)))
    expect(key(req(server, { [CLIENT_KEY_HEADER]: signClientIp("198.51.100.1", SECRET) }), { ...base, storefrontSecret: undefined })).toBe(
      key(req(server))
    )
  })

  it("behind the store's own proxy, the header it names is read from the right, by its hop count", () => {
    const o = { ...base, clientIpHeader: "x-forwarded-for", clientIpHops: 1 }
    // A shopper wrote 6.6.6.6; the store's proxy appended the real address.
    expect(key(req("10.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.9" }), o)).toBe(key(req("198.51.100.9")))
    const two = { ...o, clientIpHops: 2 }
    expect(key(req("10.0.0.1", { "x-forwarded-for": "6.6.6.6, 198.51.100.9, 10.0.0.2" }), two)).toBe(key(req("198.51.100.9")))
    // A single-value header set by a CDN.
    expect(key(req("10.0.0.1", { "cf-connecting-ip": "198.51.100.3" }), { ...base, clientIpHeader: "cf-connecting-ip" })).toBe(
      key(req("198.51.100.3"))
    )
  })

  it("groups IPv6 by /64 and reads IPv4-mapped addresses as IPv4", () => {
    expect(clientNetworkOf("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64")
    expect(clientNetworkOf("2001:0DB8:0001:0002:ffff:1:2:3")).toBe("2001:db8:1:2::/64")
    expect(clientNetworkOf("[2001:db8::1%eth0]")).toBe("2001:db8:0:0::/64")
    expect(clientNetworkOf("::ffff:198.51.100.4")).toBe("198.51.100.4")
    expect(key(req("2001:db8:1:2::1"))).toBe(key(req("2001:db8:1:2:ffff:ffff:ffff:ffff")))
    expect(key(req("2001:db8:1:2::1"))).not.toBe(key(req("2001:db8:1:3::1")))
  })

  it("stores no IP: the key is a salted hash, different per store", () => {
    const k = key(req("203.0.113.1"))!
    expect(k).toMatch(/^[0-9a-f]{32}$/)
    expect(k).not.toContain("203")
    expect(key(req("203.0.113.1"), { ...base, apiKey: "another_store" })).not.toBe(k)
    expect(requesterHashOfRequest({ headers: {} }, base)).toBeNull()
  })
})
