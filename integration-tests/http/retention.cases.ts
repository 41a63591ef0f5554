/**
 * A bounded webhook ledger on a real Medusa and PostgreSQL (the `retention`
 * options at their defaults): a flood of forged requests and a replayed
 * signed body add a bounded number of rows and are counted instead; the
 * admin's webhook health still counts every one of them; pruning removes
 * old deliveries and settled events and keeps everything still to do.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { signWebhookBody } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { waitFor } from "../helpers/checkout"

const SECRET = "emu_webhook_secret"
const DAY = 24 * 60 * 60_000

function body(transactionId: string, status = "confirmed") {
  return JSON.stringify({
    success: true,
    message: "Transaction status update",
    data: { type: "deposit", transactionId, id: transactionId, amount: 10, fee: 1, netAmount: 9, actualBalance: 10, currencyType: "USDT-TRC20", network: "USDT-TRC20", status, createdAt: new Date().toISOString() },
  })
}

export function retentionCases({ api, getContainer, dbConnection }: MedusaSuiteOptions) {
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const post = (raw: string, headers: Record<string, string> = {}) =>
    api.post("/hooks/3pay", raw, {
      headers: { "content-type": "application/json", ...headers },
      validateStatus: () => true,
      transformRequest: [(d: unknown) => d],
    })
  const sql = async (text: string, params: unknown[] = []) => (await dbConnection.raw(text, params)).rows as Array<Record<string, any>>
  const adminHeaders = async () => {
    // A secret API key, as a store owner's script would use.
    const { createApiKeysWorkflow } = await import("@medusajs/medusa/core-flows")
    const { result } = await createApiKeysWorkflow(getContainer()).run({
      input: { api_keys: [{ title: "retention spec", type: "secret", created_by: "spec" }] },
    })
    return { authorization: `Basic ${Buffer.from(`${result[0].token}:`).toString("base64")}` }
  }

  it("stores the first 100 forged requests of an hour as rows and only counts the rest; the health page counts all", async () => {
    const forged = body("00000000-0000-4000-8000-0000000000f0")
    const answers = await Promise.all(
      Array.from({ length: 130 }, (_, i) => post(forged.replace("10,", `${10 + i},`), { "x-webhook-signature": signWebhookBody(forged, "wrong") }))
    )
    expect(answers.every((a) => a.status === 401)).toBe(true)
    expect((await post("{not json", { "x-webhook-signature": signWebhookBody("{not json", SECRET) })).status).toBe(400)

    const [rows] = await sql(`select count(*)::int as n from threepay_webhook_delivery where outcome = 'rejected_signature'`)
    expect(rows.n).toBe(100)
    const [tally] = await sql(`select sum(seen)::int as n, sum(bytes)::bigint as bytes from threepay_webhook_tally where outcome = 'rejected_signature'`)
    expect(tally.n).toBe(130)
    expect(Number(tally.bytes)).toBeGreaterThan(130 * 200)

    const health = await api.get("/admin/3pay/health", { headers: await adminHeaders() })
    expect(health.data.deliveries.last_24h).toMatchObject({ rejected_signature: 130, malformed: 1 })
  })

  it("keeps 20 delivery rows per event; further repeats only raise its counter", async () => {
    const raw = body("00000000-0000-4000-8000-0000000000d1", "initiated")
    const sig = { "x-webhook-signature": signWebhookBody(raw, SECRET) }
    for (let i = 0; i < 30; i++) expect((await post(raw, sig)).status).toBe(200)

    const [event] = await sql(`select id, delivery_count from threepay_webhook_event where transaction_id = '00000000-0000-4000-8000-0000000000d1'`)
    expect(event.delivery_count).toBe(30)
    const outcomes = await sql(`select outcome, count(*)::int as n from threepay_webhook_delivery where event_id = ? group by outcome`, [event.id])
    expect(Object.fromEntries(outcomes.map((r) => [r.outcome, r.n]))).toEqual({ recorded: 1, duplicate: 19 })
    const [tally] = await sql(`select sum(seen)::int as n from threepay_webhook_tally where outcome = 'duplicate_unrecorded'`)
    expect(tally.n).toBe(10)
    const counts = await threepay().countWebhookDeliveries(new Date(Date.now() - DAY))
    expect(counts.recorded).toBeGreaterThanOrEqual(1)
    expect(counts.duplicate).toBe(29)
  })

  it("prunes old deliveries, refused rows sooner, settled events, and keeps events still to do", async () => {
    const tx = (n: number) => `00000000-0000-4000-8000-0000000001${String(n).padStart(2, "0")}`
    for (let n = 0; n < 4; n++) {
      const raw = body(tx(n), "initiated")
      expect((await post(raw, { "x-webhook-signature": signWebhookBody(raw, SECRET) })).status).toBe(200)
    }
    for (let n = 0; n < 5; n++) expect((await post(body(tx(50 + n)), { "x-webhook-signature": "sha256=" + "0".repeat(64) })).status).toBe(401)
    // The subscriber settles them (unknown invoices: ignored).
    await waitFor(async () => {
      const [r] = await sql(`select count(*)::int as n from threepay_webhook_event where transaction_id like '00000000-0000-4000-8000-0000000001%' and processing_status = 'ignored'`)
      return r.n === 4
    })
    // Age them: 0 and 1 are 100 days old (past eventDays 90); 1 is failed, so it stays; 2 and 3 are recent.
    await sql(`update threepay_webhook_event set last_received_at = now() - interval '100 days' where transaction_id in (?, ?)`, [tx(0), tx(1)])
    await sql(`update threepay_webhook_event set processing_status = 'failed' where transaction_id = ?`, [tx(1)])
    // Deliveries: everything so far 40 days old (past deliveryDays 30), refused ones 10 days (past rejectedDays 7).
    await sql(`update threepay_webhook_delivery set received_at = now() - interval '40 days' where event_id is not null`)
    await sql(`update threepay_webhook_delivery set received_at = now() - interval '10 days' where event_id is null`)
    await sql(`update threepay_webhook_tally set hour = hour - interval '40 days'`)
    const fresh = body(tx(9), "initiated")
    expect((await post(fresh, { "x-webhook-signature": signWebhookBody(fresh, SECRET) })).status).toBe(200)

    const report = await threepay().pruneWebhookLedger()
    expect(report).toEqual({ refused: 5, deliveries: 4, events: 1, tallies: 1, more: false })

    const events = await sql(`select transaction_id, processing_status from threepay_webhook_event where transaction_id like '00000000-0000-4000-8000-0000000001%' order by transaction_id`)
    expect(events.map((e) => e.transaction_id)).toEqual([tx(1), tx(2), tx(3), tx(9)])
    const [left] = await sql(`select count(*)::int as n from threepay_webhook_delivery`)
    expect(left.n).toBe(1) // the fresh delivery
    expect((await threepay().pruneWebhookLedger())).toMatchObject({ deliveries: 0, refused: 0, events: 0, tallies: 0 })
  })
}
