import { parseWebhookEvent, ThreePayWebhookPayloadError } from "../webhook-payload"
import { headerValue, SIGNATURE_HEADER, signWebhookBody, TEST_HEADER, verifyWebhookSignature } from "../webhook-signature"
import { captured, makeLogger, registerLeakScan, rejectionOfSync } from "./helpers"

// The documented example body, byte for byte as 3PAY would send it.
const documented = {
  success: true,
  message: "Transaction status update",
  data: {
    type: "deposit",
    transactionId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
    clientId: "67890abcdef12345",
    amount: 100.0,
    fee: 0,
    netAmount: 100.0,
    actualBalance: 100.0,
    currencyType: "USDT-TRC20",
    status: "confirmed",
    createdAt: "2026-02-20T10:00:00.000Z",
    confirmedAt: "2026-02-20T10:05:32.000Z",
    blockchainTxHash: "abc123def456789",
    walletAddress: "TXyz1234567890abcdef",
    network: "USDT-TRC20",
    id: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
  },
}
const RAW = JSON.stringify(documented)
const WEBHOOK_SECRET = "whsec_current_0123456789abcdef"
const PREVIOUS_SECRET = "whsec_previous_fedcba9876543210"

describe("parseWebhookEvent", () => {
  it("reads the documented deposit webhook", () => {
    const ev = parseWebhookEvent(RAW)
    expect(ev.type).toBe("deposit")
    expect(ev.isDeposit).toBe(true)
    expect(ev.raw).toEqual(documented)
    expect(ev.invoice).toEqual({
      transactionId: "a1b2c3d4-e5f6-7890-abcd-ef1234567890",
      invoiceNo: null,
      type: "deposit",
      status: "confirmed",
      rawStatus: "confirmed",
      currencyType: "USDT-TRC20",
      network: "TRC20",
      amount: "100",
      actualBalance: "100",
      fee: "0",
      netAmount: "100",
      walletAddress: "TXyz1234567890abcdef",
      blockchainTxHash: "abc123def456789",
      paymentUrl: null,
      referenceId: null,
      createdAt: "2026-02-20T10:00:00.000Z",
      confirmedAt: "2026-02-20T10:05:32.000Z",
      expiresAt: null,
    })
  })

  it("accepts a Buffer (the raw body as received), with or without a BOM", () => {
    expect(parseWebhookEvent(Buffer.from(RAW)).invoice.transactionId).toBe(documented.data.transactionId)
    expect(parseWebhookEvent(Buffer.from("\uFEFF" + RAW)).isDeposit).toBe(true)
  })

  it("is tolerant: `date` envelope, string amounts, old status words", () => {
    const ev = parseWebhookEvent(
      JSON.stringify({ success: true, date: { ...documented.data, amount: "25.50", actualBalance: "25.5", status: "Successful" } })
    )
    expect(ev.invoice).toMatchObject({ amount: "25.5", actualBalance: "25.5", status: "confirmed", rawStatus: "Successful" })
  })

  it("an expiry webhook is a deposit with status expired", () => {
    const ev = parseWebhookEvent(JSON.stringify({ ...documented, data: { ...documented.data, status: "expired", actualBalance: 0 } }))
    expect(ev).toMatchObject({ isDeposit: true, invoice: { status: "expired", actualBalance: "0" } })
  })

  it("withdrawals and payouts are not deposits", () => {
    for (const type of ["withdrawal", "Payout"]) {
      const ev = parseWebhookEvent(JSON.stringify({ ...documented, data: { ...documented.data, type, status: "completed" } }))
      expect(ev.isDeposit).toBe(false)
      expect(ev.type).toBe(type.toLowerCase())
    }
  })

  it("an old top-level callback without `type` is read as a deposit", () => {
    const ev = parseWebhookEvent(JSON.stringify({ transactionId: "t1", status: "pending", amount: 10, currencyType: "USDT-ERC20" }))
    expect(ev).toMatchObject({ type: "deposit", isDeposit: true, invoice: { transactionId: "t1", status: "pending", network: "ERC20" } })
  })

  it("a deposit to a per-user wallet carries its userId; an invoice's does not", () => {
    const wallet = parseWebhookEvent(JSON.stringify({ data: { type: "deposit", transactionId: "w1", userId: " mc_1 ", status: "confirmed", walletAddress: "TX" } }))
    expect(wallet).toMatchObject({ isDeposit: true, userId: "mc_1", invoice: { walletAddress: "TX" } })
    expect(parseWebhookEvent(JSON.stringify({ data: { type: "deposit", transactionId: "i1", status: "confirmed" } })).userId).toBeNull()
  })

  it("an unknown status is pending", () => {
    expect(parseWebhookEvent(JSON.stringify({ data: { transactionId: "t", status: "mystery" } })).invoice.status).toBe("pending")
  })

  it.each<[string, string, string]>([
    ["malformed JSON", "{not json", "malformed_json"],
    ["empty body", "", "malformed_json"],
    ["a JSON array", "[1,2]", "invalid_shape"],
    ["no transactionId", JSON.stringify({ data: { type: "deposit", status: "confirmed" } }), "missing_transaction_id"],
    ["blank transactionId", JSON.stringify({ data: { transactionId: "  " } }), "missing_transaction_id"],
    ["unreadable amount", JSON.stringify({ data: { transactionId: "t", amount: "lots" } }), "invalid_shape"],
  ])("throws ThreePayWebhookPayloadError on %s", (_n, body, reason) => {
    const e = rejectionOfSync(() => parseWebhookEvent(body)) as ThreePayWebhookPayloadError
    expect(e).toBeInstanceOf(ThreePayWebhookPayloadError)
    expect(e.reason).toBe(reason)
    expect(e.code).toBe("invalid_webhook_payload")
  })
})

describe("verifyWebhookSignature", () => {
  const sig = signWebhookBody(RAW, WEBHOOK_SECRET)

  it("signs as sha256=<hex of HMAC-SHA256 over the raw body>", () => {
    expect(sig).toMatch(/^sha256=[0-9a-f]{64}$/)
    // Computed independently: printf '%s' "$RAW" | openssl dgst -sha256 -hmac "$WEBHOOK_SECRET"
    expect(sig).toBe("sha256=5e6ae6a1d5d10525eef6665c8529efda837f335d5ecfcf554aa627d9dfaab1ea")
  })

  it("accepts a valid signature (string or Buffer body, upper-case hex, array header)", () => {
    expect(verifyWebhookSignature(RAW, sig, [WEBHOOK_SECRET])).toEqual({ valid: true, secretIndex: 0 })
    expect(verifyWebhookSignature(Buffer.from(RAW), sig, [WEBHOOK_SECRET]).valid).toBe(true)
    expect(verifyWebhookSignature(RAW, "sha256=" + sig.slice(7).toUpperCase(), [WEBHOOK_SECRET]).valid).toBe(true)
    expect(verifyWebhookSignature(RAW, [sig], [WEBHOOK_SECRET]).valid).toBe(true)
  })

  it("rejects the wrong secret", () => {
    expect(verifyWebhookSignature(RAW, sig, ["whsec_someone_else"])).toEqual({ valid: false, reason: "mismatch" })
  })

  it("rejects a missing header", () => {
    expect(verifyWebhookSignature(RAW, undefined, [WEBHOOK_SECRET])).toEqual({ valid: false, reason: "missing" })
    expect(verifyWebhookSignature(RAW, "  ", [WEBHOOK_SECRET])).toEqual({ valid: false, reason: "missing" })
  })

  it("rejects a tampered body (one byte changed, or re-serialised JSON)", () => {
    expect(verifyWebhookSignature(RAW.replace('"amount":100', '"amount":900'), sig, [WEBHOOK_SECRET])).toEqual({ valid: false, reason: "mismatch" })
    expect(verifyWebhookSignature(JSON.stringify(documented, null, 2), sig, [WEBHOOK_SECRET]).valid).toBe(false)
  })

  it("rejects a wrong prefix or a malformed digest", () => {
    for (const bad of [sig.slice(7), "sha1=" + sig.slice(7), "sha512=" + sig.slice(7), "sha256=" + sig.slice(7, 40), "sha256=zz" + sig.slice(9)]) {
      expect(verifyWebhookSignature(RAW, bad, [WEBHOOK_SECRET])).toEqual({ valid: false, reason: "malformed" })
    }
    expect(verifyWebhookSignature(undefined, sig, [WEBHOOK_SECRET])).toEqual({ valid: false, reason: "malformed" })
  })

  it("during a rotation accepts the previous secret and says which one matched", () => {
    const oldSig = signWebhookBody(RAW, PREVIOUS_SECRET)
    expect(verifyWebhookSignature(RAW, oldSig, [WEBHOOK_SECRET, PREVIOUS_SECRET])).toEqual({ valid: true, secretIndex: 1 })
    expect(verifyWebhookSignature(RAW, sig, [WEBHOOK_SECRET, PREVIOUS_SECRET])).toEqual({ valid: true, secretIndex: 0 })
    // Once the previous secret is dropped, its signatures fail.
    expect(verifyWebhookSignature(RAW, oldSig, [WEBHOOK_SECRET, null])).toEqual({ valid: false, reason: "mismatch" })
  })

  it("refuses to check without any secret", () => {
    expect(verifyWebhookSignature(RAW, sig, [])).toEqual({ valid: false, reason: "no_secret" })
    expect(verifyWebhookSignature(RAW, sig, [undefined, ""])).toEqual({ valid: false, reason: "no_secret" })
  })

  it("finds headers in any case", () => {
    const headers = { "X-Webhook-Signature": sig, "x-webhook-test": ["true"], other: undefined }
    expect(headerValue(headers, SIGNATURE_HEADER)).toBe(sig)
    expect(headerValue(headers, TEST_HEADER)).toBe("true")
    expect(headerValue(headers, "other")).toBeUndefined()
    expect(headerValue(undefined, SIGNATURE_HEADER)).toBeUndefined()
  })
})

// This file calls no API: feed the scan one line so it still checks something.
makeLogger().info(`[3pay] webhook suite ran with ${captured.errors.length} errors so far`)
registerLeakScan()
