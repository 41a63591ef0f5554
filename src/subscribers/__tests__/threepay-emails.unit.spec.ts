/**
 * The emails' contents, from an event payload as the workflows emit it: the
 * instructions say what to send, on which network, to which address, until
 * when and where to pay; the receipt what arrived and the transaction. Both
 * escape what they put in HTML, carry no secret, and go out once per invoice.
 * (Sent through a real Medusa's Notification Module: integration-tests/http/emails.cases.ts.)
 */
import { THREEPAY_EVENTS, type InvoiceEventData } from "../../lib/events"
import { parseOptions } from "../../lib/options"
import { buildNotification, formatExpiry } from "../threepay-emails"

const TRON = "TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk"
const HASH = "ab".repeat(32)

function event(over: Partial<InvoiceEventData> = {}): InvoiceEventData {
  return {
    id: "tpinv_1",
    transaction_id: "tx-1",
    invoice_no: "INV-1001",
    kind: "checkout",
    cart_id: "cart_1",
    order_id: null,
    email: "shopper@example.com",
    network: "TRC20",
    status: "awaiting_payment",
    amount_usdt: "26.100001",
    amount_received: "0",
    amount_missing: "26.100001",
    amount_excess: "0",
    payment_url: "https://pay.3pa-y.com/s/ABCDEFGH",
    wallet_address: TRON,
    expires_at: "2026-12-01T14:05:00.000Z",
    tx_hash: null,
    ...over,
  }
}

const options = (emails: Record<string, unknown> = {}, more: Record<string, unknown> = {}) =>
  parseOptions({ apiKey: "live_key_abcdef123456", apiSecret: "s3cr3t-value", webhookSecret: "whsec-value", emails: { enabled: true, storeName: "Acme & Co", ...emails }, ...more })

describe("payment-instructions email", () => {
  it("says exactly what to send, on which network, to which address, until when, and where to pay", () => {
    const n = buildNotification(THREEPAY_EVENTS.INVOICE_CREATED, event(), options({}, { returnUrl: "https://shop.example/checkout/3pay-return?cart_id={cart_id}" }))!
    expect(n).toMatchObject({
      to: "shopper@example.com",
      channel: "email",
      template: "threepay-payment-instructions",
      trigger_type: "threepay.invoice.created",
      resource_id: "cart_1",
      resource_type: "cart",
      idempotency_key: "threepay-email:payment_instructions:tx-1",
    })
    expect(n.data).toMatchObject({
      email_kind: "payment_instructions",
      amount: "26.100001",
      network: "TRC20",
      network_label: "USDT on TRON (TRC20)",
      wallet_address: TRON,
      payment_url: "https://pay.3pa-y.com/s/ABCDEFGH",
      expires_at: "2026-12-01T14:05:00.000Z",
      expires_at_text: "1 December 2026 at 14:05 UTC",
      testnet: "Nile",
      checkout_url: "https://shop.example/checkout/3pay-return?cart_id=cart_1",
    })
    const { subject, text, html } = n.content!
    expect(subject).toBe("Pay 26.100001 USDT to complete your order at Acme & Co")
    for (const part of ["26.100001 USDT", "USDT on TRON (TRC20)", TRON, "1 December 2026 at 14:05 UTC", "https://pay.3pa-y.com/s/ABCDEFGH", "Send only USDT on the TRON network (TRC20).", "cannot be recovered", "Test network: Nile"]) {
      expect(text).toContain(part)
      expect(html).toContain(part)
    }
    expect(text).toContain("Amount:   26.100001 USDT (exactly)")
    expect(html).toContain('<a href="https://pay.3pa-y.com/s/ABCDEFGH"')
    expect(html).toContain("Acme &amp; Co")
    expect(html).not.toContain("Acme & Co")
    // The same rendered email is kept in data (Medusa stores data, not content).
    expect(n.data).toMatchObject({ subject, text, html })
  })

  it("asks for the rest only after a partial payment, and says so", () => {
    const n = buildNotification(THREEPAY_EVENTS.INVOICE_CREATED, event({ kind: "top_up", amount_usdt: "6.1" }), options())!
    expect(n.content!.subject).toBe("Pay the remaining 6.1 USDT for your order at Acme & Co")
    expect(n.content!.text).toContain("Part of your payment arrived")
  })

  it("names no testnet on live, and puts no non-http link into the HTML", () => {
    const n = buildNotification(
      THREEPAY_EVENTS.INVOICE_CREATED,
      event({ network: "ERC20", wallet_address: "0x52908400098527886E0F7030069857D2E4169EE7", payment_url: "javascript:alert(1)" }),
      options({}, { environment: "live" })
    )!
    expect(n.data.testnet).toBeNull()
    expect(n.content!.text).toContain("Send only USDT on the Ethereum network (ERC20).")
    expect(n.content!.html).not.toContain("javascript:")
  })
})

describe("payment-received email", () => {
  it("says what arrived, the transaction with its explorer link, and the order number", () => {
    const n = buildNotification(
      THREEPAY_EVENTS.INVOICE_PAID,
      event({ status: "overpaid", order_id: "order_1", amount_received: "27.1", amount_excess: "1", tx_hash: HASH }),
      options(),
      { orderDisplayId: "42" }
    )!
    expect(n).toMatchObject({ template: "threepay-payment-received", resource_id: "order_1", resource_type: "order", idempotency_key: "threepay-email:payment_received:tx-1" })
    expect(n.data).toMatchObject({ email_kind: "payment_received", order_display_id: "42", amount_received: "27.1", amount_excess: "1", tx_hash: HASH })
    const { subject, text, html } = n.content!
    expect(subject).toBe("Payment received: your order #42 at Acme & Co")
    expect(text).toContain("Received: 27.1 USDT")
    expect(text).toContain(`https://nile.tronscan.org/#/transaction/${HASH}`)
    expect(text).toContain("You sent 1 USDT more than the amount due")
    expect(html).toContain(`<a href="https://nile.tronscan.org/#/transaction/${HASH}"`)
  })

  it("falls back to the order's email when the cart had none", () => {
    const n = buildNotification(THREEPAY_EVENTS.INVOICE_PAID, event({ email: null, order_id: "order_1" }), options(), { orderEmail: "o@example.com" })
    expect(n?.to).toBe("o@example.com")
  })
})

describe("what is never sent", () => {
  it("nothing without an address, for other events, or for no payload", () => {
    expect(buildNotification(THREEPAY_EVENTS.INVOICE_CREATED, event({ email: null }), options())).toBeNull()
    expect(buildNotification(THREEPAY_EVENTS.INVOICE_EXPIRED, event(), options())).toBeNull()
    expect(buildNotification(THREEPAY_EVENTS.INVOICE_CREATED, null, options())).toBeNull()
  })

  it("no key or secret of the store in any field", () => {
    const all = JSON.stringify([
      buildNotification(THREEPAY_EVENTS.INVOICE_CREATED, event(), options()),
      buildNotification(THREEPAY_EVENTS.INVOICE_PAID, event({ order_id: "o", tx_hash: HASH }), options()),
    ])
    for (const secret of ["live_key_abcdef123456", "s3cr3t-value", "whsec-value"]) expect(all).not.toContain(secret)
  })

  it("template mode: the template id and the variables only, for providers with templates of their own", () => {
    const n = buildNotification(THREEPAY_EVENTS.INVOICE_CREATED, event(), options({ render: "template", templates: { paymentInstructions: "d-123" }, from: "shop@example.com" }))!
    expect(n.content).toBeUndefined()
    expect(n).toMatchObject({ template: "d-123", from: "shop@example.com" })
    expect(n.data.html).toBeUndefined()
    expect(n.data.subject).toBe("Pay 26.100001 USDT to complete your order at Acme & Co")
  })
})

it("formats the expiry in UTC for every reader", () => {
  expect(formatExpiry("2026-01-05T09:00:00Z")).toBe("5 January 2026 at 09:00 UTC")
  expect(formatExpiry(null)).toBeNull()
  expect(formatExpiry("nonsense")).toBeNull()
})
