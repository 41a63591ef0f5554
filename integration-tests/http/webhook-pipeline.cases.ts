/**
 * The plugin's own webhook pipeline (POST /hooks/3pay, the event ledger, the
 * subscriber, retries, reconciliation) on a real Medusa and PostgreSQL, with
 * the emulator delivering signed webhooks over HTTP.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules, PaymentSessionStatus } from "@medusajs/framework/utils"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { signWebhookBody } from "medusa-payment-3pay-client"
import { reconcileOpenInvoices } from "../../src/lib/reconcile"
import { processDueWebhookEvents } from "../../src/workflows/process-webhook-event"
import { STALE_CLAIM_MS } from "../../src/workflows/steps/webhook-event-steps"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { countOrdersForCart, orderForCart, orderSummary, Shopper, waitFor } from "../helpers/checkout"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

const SECRET = "emu_webhook_secret"
const OLD_SECRET = "previous_webhook_secret"


function depositBody(transactionId: string, status: string, extra: Record<string, unknown> = {}) {
  return JSON.stringify({
    success: true,
    message: "Transaction status update",
    data: {
      type: "deposit",
      transactionId,
      id: transactionId,
      amount: 15.55,
      fee: 1,
      netAmount: 14.55,
      actualBalance: status === "initiated" ? 0 : 15.55,
      currencyType: "USDT-TRC20",
      network: "USDT-TRC20",
      status,
      createdAt: new Date().toISOString(),
      ...extra,
    },
  })
}

export function webhookPipelineCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let shopper: Shopper
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const post = (body: string | Buffer, headers: Record<string, string> = {}) =>
    api.post("/hooks/3pay", body, {
      headers: { "content-type": "application/json", ...headers },
      validateStatus: () => true,
      transformRequest: [(d: unknown) => d],
    })
  const signed = (body: string, secret = SECRET) => post(body, { "x-webhook-signature": signWebhookBody(body, secret) })

  async function openInvoice(network = "TRC20", quantity = 1) {
    const cart = await shopper.createCart({ quantity })
    const pc = await shopper.paymentCollection(cart.id)
    const session = await shopper.session(pc, { network })
    return { cart, pc, session, tx: session.data.transaction_id as string }
  }

  beforeEach(async () => {
    spec.emulator.control.reset()
    resetSharedRateBudgets()
    store = await seedStore(getContainer(), { stock: 10 })
    shopper = new Shopper(api, store)
  })

  it("refuses forged, missing and unknown-secret signatures with 401, and records each attempt", async () => {
    const { tx } = await openInvoice()
    const body = depositBody(tx, "confirmed")
    expect((await post(body)).status).toBe(401)
    expect((await post(body, { "x-webhook-signature": "sha256=" + "0".repeat(64) })).status).toBe(401)
    expect((await post(body, { "x-webhook-signature": signWebhookBody(body, "not-the-secret") })).status).toBe(401)
    expect((await post(body, { "x-webhook-signature": signWebhookBody(body, SECRET).replace("sha256=", "sha1=") })).status).toBe(401)
    const tampered = body.replace('"confirmed"', '"confirmed" ')
    expect((await post(tampered, { "x-webhook-signature": signWebhookBody(body, SECRET) })).status).toBe(401)

    const deliveries = await threepay().listThreePayWebhookDeliveries({ outcome: "rejected_signature" })
    expect(deliveries).toHaveLength(5)
    expect(await threepay().listThreePayWebhookEvents({})).toHaveLength(0)
    expect(await orderForCart(getContainer(), (await threepay().retrieveInvoiceByTransaction(tx))!.cart_id!)).toBeNull()
  })

  it("accepts the previous secret during a rotation, and re-reads 3PAY before believing the body", async () => {
    const { cart, tx } = await openInvoice()
    // A correctly signed body that lies: 3PAY still says "initiated".
    const res = await signed(depositBody(tx, "confirmed"), OLD_SECRET)
    expect(res.status).toBe(200)
    const event = await waitFor(async () => {
      const [e] = await threepay().listThreePayWebhookEvents({ id: res.data.event_id })
      return e && e.processing_status !== "pending" && e.processing_status !== "processing" ? e : null
    })
    expect(event.secret).toBe("previous")
    expect(event.processing_status).toBe("applied")
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()
    expect((await threepay().retrieveInvoiceByTransaction(tx))!.status).toBe("initiated")
  })

  it("answers 400 to a malformed body and 413 past the size limit", async () => {
    const bad = "{not json"
    expect((await signed(bad)).status).toBe(400)
    const noId = JSON.stringify({ success: true, data: { type: "deposit", status: "confirmed" } })
    expect((await signed(noId)).status).toBe(400)
    const huge = JSON.stringify({ data: { transactionId: "x", pad: "x".repeat(70_000) } })
    const res = await signed(huge)
    expect(res.status).toBe(413)
    expect(res.data.code).toBe("threepay_payload_too_large")
    const outcomes = (await threepay().listThreePayWebhookDeliveries({})).map((d) => d.outcome).sort()
    expect(outcomes).toEqual(["malformed", "malformed", "too_large"])
  })

  it("records a test delivery and changes nothing else", async () => {
    const { tx } = await openInvoice()
    const body = depositBody(tx, "confirmed")
    const res = await post(body, { "x-webhook-signature": signWebhookBody(body, SECRET), "x-webhook-test": "true" })
    expect(res.status).toBe(200)
    expect(res.data.test).toBe(true)
    const [event] = await threepay().listThreePayWebhookEvents({ id: res.data.event_id })
    expect(event).toMatchObject({ is_test: true, processing_status: "ignored" })
    expect(spec.emulator.control.calls()["transaction.verify"] ?? 0).toBe(0)
  })

  it("completes the cart from the emulator's signed webhook; ten copies make one order, one capture and one event", async () => {
    spec.emulator.control.setFaults({ webhookDuplicates: 10 })
    const { cart, tx } = await openInvoice()
    await spec.emulator.control.pay(tx, { mode: "full" })
    const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
    await spec.emulator.control.idle()
    await waitFor(async () => {
      const [e] = await threepay().listThreePayWebhookEvents({ transaction_id: tx, status: "confirmed" })
      return e && e.delivery_count === 10 && ["applied", "ignored"].includes(e.processing_status)
    })
    expect(await countOrdersForCart(getContainer(), cart.id)).toBe(1)
    const { payments, captures } = await orderSummary(getContainer(), orderId)
    expect(payments).toHaveLength(1)
    expect(captures).toHaveLength(1)
    const events = await threepay().listThreePayWebhookEvents({ transaction_id: tx })
    expect(events.filter((e) => e.status === "confirmed")).toHaveLength(1)
    const invoice = await threepay().retrieveInvoiceByTransaction(tx)
    expect(invoice).toMatchObject({ order_id: orderId, state: "paid", paid_via: "webhook" })
    expect(invoice!.applied_at).toBeTruthy()
  })

  it("applies 'confirmed' delivered before 'amount confirmed' once, and the late word never downgrades it", async () => {
    spec.emulator.control.setFaults({ webhookOutOfOrder: true })
    const { cart, tx } = await openInvoice()
    await spec.emulator.control.pay(tx, { mode: "two_step", waitForWebhook: false })
    await spec.emulator.control.advance(5_000)
    await spec.emulator.control.flushWebhooks("reverse")
    await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
    await spec.emulator.control.idle()
    await waitFor(async () => {
      const events = await threepay().listThreePayWebhookEvents({ transaction_id: tx })
      return events.length === 2 && events.every((e) => ["applied", "ignored"].includes(e.processing_status))
    })
    const invoice = (await threepay().retrieveInvoiceByTransaction(tx))!
    expect(invoice.status).toBe("confirmed")
    expect(invoice.state).toBe("paid")
  })

  it("ignores a replayed old event after the order exists, and a webhook for an invoice this store never made", async () => {
    const { cart, tx } = await openInvoice()
    await spec.emulator.control.pay(tx, { mode: "full" })
    const orderId = await waitFor(() => orderForCart(getContainer(), cart.id))
    // An old "initiated" event arrives again: 3PAY is re-read, nothing moves back.
    const replay = await signed(depositBody(tx, "initiated", { note: "replay" }))
    expect(replay.status).toBe(200)
    const unknown = await signed(depositBody("00000000-0000-4000-8000-000000000000", "confirmed"))
    expect(unknown.status).toBe(200)
    await waitFor(async () => {
      const events = await threepay().listThreePayWebhookEvents({ id: [replay.data.event_id, unknown.data.event_id] })
      return events.length === 2 && events.every((e) => ["applied", "ignored", "failed", "dead"].includes(e.processing_status))
    })
    const [u] = await threepay().listThreePayWebhookEvents({ id: unknown.data.event_id })
    expect(u.processing_status).toBe("ignored")
    expect(u.outcome).toContain("not created by this store")
    expect(await countOrdersForCart(getContainer(), cart.id)).toBe(1)
    const invoice = (await threepay().retrieveInvoiceByTransaction(tx))!
    expect(invoice).toMatchObject({ state: "paid", order_id: orderId })
  })

  it("reconciliation completes the order when the webhook never comes, in one list call, and reports it", async () => {
    spec.emulator.control.setFaults({ webhookDrop: { mode: "skip", count: null } })
    const { cart, tx } = await openInvoice()
    await spec.emulator.control.pay(tx, { mode: "full" })
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()
    spec.emulator.control.resetCalls()

    const report = await reconcileOpenInvoices(getContainer())
    expect(report.list_calls).toBe(1)
    expect(report.verify_calls).toBe(0)
    expect(report.paid_without_webhook).toEqual([tx])
    const orderId = await orderForCart(getContainer(), cart.id)
    expect(orderId).toBeTruthy()
    expect((await threepay().retrieveInvoiceByTransaction(tx))!.paid_via).toBe("reconciliation")
    expect(spec.emulator.control.calls()["transaction.list"]).toBe(1)
  })

  it("makes one order when the webhook and the storefront's complete arrive at the same instant", async () => {
    spec.emulator.control.setFaults({ webhookOutOfOrder: true })
    const { cart, tx } = await openInvoice()
    await spec.emulator.control.pay(tx, { mode: "full", waitForWebhook: false })
    const [complete] = await Promise.all([shopper.complete(cart.id), spec.emulator.control.flushWebhooks()])
    // The shopper gets the order, never a 400 from two authorizations of one session (steps/authorize-under-cart-lock.ts).
    expect({ status: complete.status, body: complete.status === 200 ? "order" : complete.data }).toEqual({ status: 200, body: "order" })
    const orderId = await waitFor(() => orderForCart(getContainer(), cart.id))
    await spec.emulator.control.idle()
    await waitFor(async () => {
      const [e] = await threepay().listThreePayWebhookEvents({ transaction_id: tx })
      return e && ["applied", "ignored"].includes(e.processing_status)
    })
    expect(await countOrdersForCart(getContainer(), cart.id)).toBe(1)
    const { captures } = await orderSummary(getContainer(), orderId)
    expect(captures).toHaveLength(1)
    if (complete.status === 200) expect(complete.data.order?.id ?? orderId).toBe(orderId)
  })

  it("completes the cart with a paid invoice whose session was deleted (the shopper switched network)", async () => {
    const { cart, pc, tx: trc } = await openInvoice("TRC20")
    const erc = await shopper.session(pc, { network: "ERC20" })
    expect(erc.data.transaction_id).not.toBe(trc)
    await spec.emulator.control.pay(trc, { mode: "full" })
    const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
    await waitFor(async () => (await threepay().retrieveInvoiceByTransaction(trc))?.order_id, { what: "the ledger" })
    const invoice = (await threepay().retrieveInvoiceByTransaction(trc))!
    expect(invoice.order_id).toBe(orderId)
    await waitFor(async () => spec.emulator.control.invoice(erc.data.transaction_id).status === "cancelled", {
      what: "the unused ERC20 invoice to be cancelled",
    })
  })

  it("records a paid invoice as an orphan when its cart already has an order", async () => {
    const { cart, pc, tx: trc } = await openInvoice("TRC20")
    const erc = await shopper.session(pc, { network: "ERC20" })
    spec.emulator.control.setFaults({ webhookDrop: { mode: "skip", count: null } })
    await spec.emulator.control.pay(erc.data.transaction_id, { mode: "full" })
    // The storefront completes with the ERC20 payment (its webhook was lost)...
    const done = await shopper.complete(cart.id)
    expect(done.status).toBe(200)
    spec.emulator.control.resetFaults()
    // ...and the shopper also pays the TRC20 invoice shown earlier.
    await spec.emulator.control.pay(trc, { mode: "full" })
    await waitFor(async () => (await threepay().retrieveInvoiceByTransaction(trc))?.orphan)
    const orphan = (await threepay().retrieveInvoiceByTransaction(trc))!
    expect(Object.keys(orphan.attention ?? {})).toContain("orphan")
    expect(await countOrdersForCart(getContainer(), cart.id)).toBe(1)
  })

  it("pay_first: expiry marks the session canceled so the storefront can offer a new invoice", async () => {
    const { pc, session, tx } = await openInvoice()
    await spec.emulator.control.expire(tx)
    await waitFor(async () => {
      const [s] = await getContainer().resolve(Modules.PAYMENT).listPaymentSessions({ id: session.id })
      return s?.status === PaymentSessionStatus.CANCELED ? s : null
    }, { what: "the session to be canceled" })
    const fresh = await shopper.session(pc, { network: "TRC20" })
    expect(fresh.data.transaction_id).not.toBe(tx)
  })

  it("order_first: expiry cancels the waiting order and releases its stock; a paid one is never canceled", async () => {
    await threepay().saveSettings({ flow: "order_first" })
    const inventory = getContainer().resolve(Modules.INVENTORY)
    const { cart, tx } = await openInvoice("TRC20", 2)
    const done = await shopper.complete(cart.id)
    expect(done.data.type).toBe("order")
    const orderId = done.data.order.id
    const reserved = await inventory.listReservationItems({ inventory_item_id: store.inventoryItemId! })
    expect(reserved.reduce((n, r) => n + Number(r.quantity), 0)).toBe(2)

    await spec.emulator.control.expire(tx)
    await waitFor(async () => {
      const { order } = await orderSummary(getContainer(), orderId)
      return order.status === "canceled"
    }, { what: "the order to be canceled" })
    const after = await inventory.listReservationItems({ inventory_item_id: store.inventoryItemId! })
    expect(after).toHaveLength(0)

    // A paid order_first order, then a late "expired" word: never canceled.
    const paid = await openInvoice("TRC20", 1)
    const placed = await shopper.complete(paid.cart.id)
    await spec.emulator.control.pay(paid.tx, { mode: "full" })
    await waitFor(async () => (await threepay().retrieveInvoiceByTransaction(paid.tx))?.applied_at, { what: "the capture" })
    const stale = await signed(depositBody(paid.tx, "expired", { actualBalance: 0 }))
    await waitFor(async () => {
      const [e] = await threepay().listThreePayWebhookEvents({ id: stale.data.event_id })
      return e && ["applied", "ignored"].includes(e.processing_status)
    })
    const { order, captures } = await orderSummary(getContainer(), placed.data.order.id)
    expect(order.status).not.toBe("canceled")
    expect(captures).toHaveLength(1)
  })

  it("retries a failed processing with backoff and applies it after a restart", async () => {
    const { cart, tx } = await openInvoice()
    // 3PAY's verify fails while the webhook is processed.
    spec.emulator.control.setFaults({ next: { endpoint: "transaction.verify", kind: "error", status: 502, count: 6 } })
    await spec.emulator.control.pay(tx, { mode: "full" })
    const failed = await waitFor(async () => {
      const [e] = await threepay().listThreePayWebhookEvents({ transaction_id: tx, processing_status: "failed" })
      return e
    }, { what: "the event to fail" })
    expect(failed.next_attempt_at).toBeTruthy()
    expect(failed.last_error).toBeTruthy()
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()

    spec.emulator.control.resetFaults()
    await threepay().updateThreePayWebhookEvents({ id: failed.id, next_attempt_at: new Date(Date.now() - 1000) })
    const results = await processDueWebhookEvents(getContainer())
    expect(results.find((r) => r.id === failed.id)?.status).toBe("applied")
    expect(await orderForCart(getContainer(), cart.id)).toBeTruthy()
  })

  it("a claim is a lease: its live holder's renewals keep it, the retry job takes it over once they stop (a killed worker), and the old holder's renewals no longer count", async () => {
    const { tx } = await openInvoice()
    await spec.emulator.control.pay(tx, { mode: "full" })
    const event = await waitFor(async () => {
      const [e] = await threepay().listThreePayWebhookEvents({ transaction_id: tx })
      return e && ["applied", "ignored"].includes(e.processing_status) ? e : null
    }, { what: "the event applied" })
    const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
    const age = (ms: number) => pg.raw(`update threepay_webhook_event set updated_at = now() - (? * interval '1 millisecond') where id = ?`, [ms, event.id])
    const due = async () => (await threepay().listDueWebhookEvents(50, STALE_CLAIM_MS, 10_000)).map((e) => e.id)

    // A holder claims it (as a worker's subscriber does) and dies without recording anything.
    await threepay().updateThreePayWebhookEvents({ id: event.id, processing_status: "failed", next_attempt_at: new Date(Date.now() + 60_000) })
    expect(await threepay().claimWebhookEvent(event.id, STALE_CLAIM_MS)).toBe(true)
    const [claimed] = await threepay().listThreePayWebhookEvents({ id: event.id })
    expect(await due()).not.toContain(event.id)
    // Alive, it renews: however old the claim was, it is fresh again.
    await age(STALE_CLAIM_MS + 5_000)
    expect(await threepay().renewWebhookClaim(event.id, claimed.attempts)).toBe(true)
    expect(await due()).not.toContain(event.id)
    // Dead, it stops renewing: one lease later the retry job takes it over and applies it.
    await age(STALE_CLAIM_MS + 5_000)
    expect(await due()).toContain(event.id)
    const results = await processDueWebhookEvents(getContainer())
    expect(results.find((r) => r.id === event.id)?.status).toMatch(/applied|ignored/)
    const [after] = await threepay().listThreePayWebhookEvents({ id: event.id })
    expect(after.attempts).toBe(claimed.attempts + 1)
    // The old holder, had it been only slow, can no longer renew what is not its claim.
    expect(await threepay().renewWebhookClaim(event.id, claimed.attempts)).toBe(false)
  })

  it("the retry job forgets stale per-cart counters and nothing else", async () => {
    await threepay().setJobState("storefront:check:cart_a", { times: [1] })
    await threepay().setJobState("storefront_x", { keep: true })
    await threepay().setJobState("reconciliation", { keep: true })
    await new Promise((r) => setTimeout(r, 20))
    expect(await threepay().pruneJobStates("storefront:", 0)).toBe(1)
    expect(await threepay().getJobState("storefront:check:cart_a")).toBeNull()
    expect(await threepay().getJobState("storefront_x")).toEqual({ keep: true })
    expect(await threepay().getJobState("reconciliation")).toEqual({ keep: true })
  })

  it("applies an event recorded by a process that died before applying it", async () => {
    const { cart, tx } = await openInvoice()
    spec.emulator.control.setFaults({ webhookDrop: { mode: "skip", count: null } })
    await spec.emulator.control.pay(tx, { mode: "full" })
    // Recorded, but never handed on: as if the server died right after answering 200.
    const body = depositBody(tx, "confirmed", { actualBalance: 15.55 })
    await threepay().recordWebhookEvent({
      id: "tpevt_crashed",
      body_sha256: "crash-" + tx,
      raw_body: body,
      headers: {},
      transaction_id: tx,
      event_type: "deposit",
      status: "confirmed",
      is_test: false,
      ignored_reason: null,
      secret: "current",
      received_at: new Date(),
    })
    expect(await orderForCart(getContainer(), cart.id)).toBeNull()
    const results = await processDueWebhookEvents(getContainer(), { pendingGraceMs: 0 })
    expect(results.find((r) => r.id === "tpevt_crashed")?.status).toBe("applied")
    expect(await orderForCart(getContainer(), cart.id)).toBeTruthy()
  })
}
