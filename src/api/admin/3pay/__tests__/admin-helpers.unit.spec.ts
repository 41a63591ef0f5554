/**
 * The admin's pure decisions: how a failed ping reads to a store owner, which
 * webhook URL to show, the health verdict, the test-webhook verdict and which
 * invoice an order widget shows. The routes around them run in
 * integration-tests/http/admin.cases.ts.
 */
import {
  ThreePayAuthenticationError,
  ThreePayBadResponseError,
  ThreePayRateLimitError,
  ThreePayUnavailableError,
  ThreePayWrongEnvironmentError,
} from "medusa-payment-3pay-client"
import type { InvoiceViewDto, OutcomeCounts } from "../api-types"
import { classifyConnectionError } from "../connection/check-connection"
import { healthVerdict } from "../health/webhook-health"
import { pickPrimary } from "../orders/[id]/order-invoices"
import { verdictFor } from "../webhook-test/run-webhook-test"
import { webhookUrlFor } from "../webhook-url"

const ctx = { environment: "sandbox", baseUrl: "https://sandbox.example/api/v1", apiSecretSet: true }

describe("classifyConnectionError", () => {
  it.each([
    [new ThreePayAuthenticationError("refused", { status: 401 }), "wrong_key", "THREEPAY_API_KEY"],
    [new ThreePayWrongEnvironmentError("other env", { status: 403 }), "wrong_environment", "THREEPAY_ENVIRONMENT=live"],
    [new ThreePayUnavailableError("down", "connection", { causeCode: "ECONNREFUSED" }), "unreachable", "ECONNREFUSED"],
    [new ThreePayUnavailableError("slow", "timeout"), "unreachable", "no answer in time"],
    [new ThreePayUnavailableError("5xx", "server_error", { status: 502 }), "threepay_error", "HTTP 502"],
    [new ThreePayRateLimitError("busy", 42, "standard", "budget"), "busy", "42 s"],
    [new ThreePayBadResponseError("??"), "unexpected", "/api/v1"],
    [new Error("boom"), "unexpected", "server log"],
  ])("%p reads as %s", (err, status, words) => {
    const v = classifyConnectionError(err, ctx)
    expect(v.status).toBe(status)
    expect(v.message).toContain(words)
  })

  it("reads errors by shape, as they come out of a workflow (serialised)", () => {
    expect(classifyConnectionError({ code: "authentication", status: 401 }, ctx).status).toBe("wrong_key")
  })
})

describe("webhookUrlFor", () => {
  it("prefers the backendUrl option", () => {
    expect(webhookUrlFor("https://shop.example/", "live", { host: "admin.local" })).toEqual({
      url: "https://shop.example/hooks/3pay",
      source: "backend_url",
      warnings: [],
    })
  })

  it("guesses from the request, proxy headers first, and warns about local and plain-http addresses", () => {
    const guessed = webhookUrlFor(undefined, "live", {
      protocol: "http",
      host: "10.0.0.5:9000",
      forwardedProto: "https, http",
      forwardedHost: "shop.example",
    })
    expect(guessed).toMatchObject({ url: "https://shop.example/hooks/3pay", source: "request" })
    expect(guessed.warnings).toHaveLength(1)
    const local = webhookUrlFor(undefined, "live", { protocol: "http", host: "localhost:9000" })
    expect(local.url).toBe("http://localhost:9000/hooks/3pay")
    expect(local.warnings.join(" ")).toContain("cannot reach a local")
    expect(local.warnings.join(" ")).toContain("https")
  })
})

const counts = (o: Partial<OutcomeCounts> = {}): OutcomeCounts => {
  const c = { recorded: 0, duplicate: 0, test: 0, rejected_signature: 0, malformed: 0, too_large: 0, ...o }
  return { ...c, total: Object.values(c).reduce((a, b) => a + b, 0) }
}
const facts = (o: Partial<Parameters<typeof healthVerdict>[0]> = {}): Parameters<typeof healthVerdict>[0] => ({
  last_delivery_at: "2026-01-01T00:00:00.000Z",
  last_valid_delivery_at: "2026-01-01T00:00:00.000Z",
  last_rejected_at: null,
  deliveries: { last_24h: counts({ recorded: 3 }), last_7d: counts({ recorded: 3 }) },
  events: { pending: 0, failed: 0, dead: 0, recent_dead: [] },
  paid_without_webhook: { total: 0, last_7d: 0, recent: [] },
  reconciliation: null,
  ...o,
})

describe("healthVerdict", () => {
  it("is ok when deliveries arrive and apply", () => {
    expect(healthVerdict(facts()).status).toBe("ok")
  })
  it("says 'never' before the first delivery", () => {
    const v = healthVerdict(facts({ last_delivery_at: null, deliveries: { last_24h: counts(), last_7d: counts() } }))
    expect(v.status).toBe("never")
    expect(v.messages[0]).toContain("Paste the webhook URL")
  })
  it("blames the secret when every delivery of the day was refused for its signature", () => {
    const v = healthVerdict(facts({ deliveries: { last_24h: counts({ rejected_signature: 4 }), last_7d: counts({ rejected_signature: 4 }) } }))
    expect(v.status).toBe("problem")
    expect(v.messages.join(" ")).toContain("webhook secret")
  })
  it("only warns about a forged request among accepted ones", () => {
    const v = healthVerdict(facts({ deliveries: { last_24h: counts({ recorded: 2, rejected_signature: 1 }), last_7d: counts() } }))
    expect(v.status).toBe("warning")
  })
  it("points at a firewall or CDN when reconciliation had to find payments", () => {
    const v = healthVerdict(facts({ paid_without_webhook: { total: 2, last_7d: 2, recent: [] } }))
    expect(v.status).toBe("warning")
    expect(v.messages.join(" ")).toContain("firewall")
  })
  it("is a problem when events gave up", () => {
    expect(healthVerdict(facts({ events: { pending: 0, failed: 0, dead: 1, recent_dead: [] } })).status).toBe("problem")
  })
})

describe("verdictFor (test webhook)", () => {
  const asked = { requested: true, delivered: true, status_code: 200, error_code: null }
  const c = { webhookUrl: "https://shop.example/hooks/3pay", webhookSecretSet: true }
  const at = new Date()
  it("arrived when a valid delivery is in the window", () => {
    expect(verdictFor({ received_at: at, outcome: "test", signature: "valid", http_status: 200 }, asked, c).verdict).toBe("arrived")
  })
  it("secret mismatch when the delivery was refused for its signature", () => {
    const v = verdictFor({ received_at: at, outcome: "rejected_signature", signature: "mismatch", http_status: 401 }, asked, c)
    expect(v).toMatchObject({ arrived: false, verdict: "secret_mismatch" })
  })
  it("no secret when the store has none", () => {
    const v = verdictFor({ received_at: at, outcome: "rejected_signature", signature: "no_secret", http_status: 401 }, asked, c)
    expect(v.verdict).toBe("no_secret")
  })
  it("not arrived, with causes, when 3PAY delivered elsewhere", () => {
    const v = verdictFor(null, asked, c)
    expect(v).toMatchObject({ arrived: false, verdict: "not_arrived" })
    expect(v.message).toContain("another address")
    expect(v.likely_causes.join(" ")).toContain("firewall")
  })
  it("request failed names the likely fix", () => {
    const v = verdictFor(null, { requested: false, delivered: null, status_code: null, error_code: "validation" }, c)
    expect(v.verdict).toBe("request_failed")
    expect(v.likely_causes[0]).toContain("no webhook URL")
  })
})

describe("pickPrimary", () => {
  const inv = (o: Partial<InvoiceViewDto>) => ({ id: "x", order_id: null, state: "awaiting_payment", superseded_reason: null, ...o }) as InvoiceViewDto
  it("prefers the invoice applied to the order, then a paid one, then the newest live one", () => {
    const a = inv({ id: "a", superseded_reason: "network switched" })
    const b = inv({ id: "b" })
    const p = inv({ id: "p", state: "paid" })
    const o = inv({ id: "o", order_id: "order_1", state: "overpaid" })
    expect(pickPrimary("order_1", [a, b, p, o])?.id).toBe("o")
    expect(pickPrimary("order_1", [a, b, p])?.id).toBe("p")
    expect(pickPrimary("order_1", [a, b])?.id).toBe("b")
    expect(pickPrimary("order_1", [a])?.id).toBe("a")
    expect(pickPrimary("order_1", [])).toBeNull()
  })
})
