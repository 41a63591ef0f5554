/**
 * The plugin's public events and its opt-in emails on a real Medusa and
 * PostgreSQL, with the emulator as 3PAY: every `threepay.invoice.*` event
 * carries the documented payload and nothing secret; with `emails.enabled`
 * the payment instructions go out once per invoice (amount, network,
 * address, expiry, payment link) and the receipt once the order exists,
 * through Medusa's Notification Module (the local provider on the "email"
 * channel, medusa-config.ts), read back from the module as a store's admin
 * would see them.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { THREEPAY_EVENTS, type InvoiceEventData } from "../../src/lib/events"
import { orderForCart, Shopper, waitFor } from "../helpers/checkout"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

const SECRETS = ["emu_test_key", "emu_test_secret", "emu_webhook_secret", "test_storefront_secret_0123456789", "supersecret"]
const PAYLOAD_KEYS = [
  "amount_excess",
  "amount_missing",
  "amount_received",
  "amount_usdt",
  "cart_id",
  "email",
  "expires_at",
  "id",
  "invoice_no",
  "kind",
  "network",
  "order_id",
  "payment_url",
  "status",
  "transaction_id",
  "tx_hash",
  "wallet_address",
].sort()


type Captured = { name: string; data: InvoiceEventData }

export function emailsCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let shopper: Shopper
  const events: Captured[] = []

  beforeAll(() => {
    const bus = getContainer().resolve(Modules.EVENT_BUS)
    for (const name of Object.values(THREEPAY_EVENTS)) {
      bus.subscribe(name, async (e: any) => void events.push({ name, data: e.data }), { subscriberId: `emails-spec-${name}` })
    }
  })
  beforeEach(async () => {
    events.length = 0
    spec.emulator.control.reset()
    resetSharedRateBudgets()
    store = await seedStore(getContainer())
    shopper = new Shopper(api, store)
  })

  const notifications = () => getContainer().resolve(Modules.NOTIFICATION)
  const emailsTo = async (to: string) =>
    (await notifications().listNotifications({ to, channel: "email" }, { order: { created_at: "ASC" } })) as Array<Record<string, any>>
  const eventsFor = (name: string, tx: string) => events.filter((e) => e.name === name && e.data?.transaction_id === tx)
  /** The events `name` of invoice `tx`, once there is one. */
  const waitEvents = (name: string, tx: string) =>
    waitFor(async () => {
      const found = eventsFor(name, tx)
      return found.length ? found : null
    }, { what: name })

  async function openInvoice(email: string, network = "TRC20") {
    const cart = await shopper.createCart({ quantity: 1, email })
    const pc = await shopper.paymentCollection(cart.id)
    const session = await shopper.session(pc, { network })
    return { cart, pc, session, tx: session.data.transaction_id as string }
  }

  it("emits the invoice events with the documented payload and nothing secret", async () => {
    const email = "events@example.com"
    const { cart, session, tx } = await openInvoice(email)
    const [created] = await waitEvents(THREEPAY_EVENTS.INVOICE_CREATED, tx)
    expect(Object.keys(created.data).sort()).toEqual(PAYLOAD_KEYS)
    expect(created.data).toMatchObject({
      transaction_id: tx,
      kind: "checkout",
      cart_id: cart.id,
      order_id: null,
      email,
      network: "TRC20",
      status: "awaiting_payment",
      amount_usdt: session.data.amount_usdt,
      amount_received: "0",
      payment_url: session.data.payment_url,
      wallet_address: session.data.wallet_address,
    })
    expect(new Date(created.data.expires_at!).getTime()).toBeGreaterThan(Date.now())

    // Part of the money, then the invoice expires: partially paid.
    await spec.emulator.control.pay(tx, { mode: "under" })
    const [partial] = await waitEvents(THREEPAY_EVENTS.INVOICE_PARTIALLY_PAID, tx)
    expect(partial.data.status).toMatch(/underpaid|expired_partial/)
    expect(Number(partial.data.amount_received)).toBeGreaterThan(0)
    expect(partial.data.amount_missing).not.toBe("0")

    // Another cart's invoice expires unpaid.
    const other = await openInvoice("expired@example.com", "ERC20")
    await spec.emulator.control.expire(other.tx)
    const [expired] = await waitEvents(THREEPAY_EVENTS.INVOICE_EXPIRED, other.tx)
    expect(expired.data).toMatchObject({ network: "ERC20", status: "expired", amount_received: "0" })

    const json = JSON.stringify(events)
    for (const s of SECRETS) expect(json).not.toContain(s)
    for (const e of events) expect(Object.keys(e.data).sort()).toEqual(PAYLOAD_KEYS)
  })

  it("sends the payment instructions once per invoice, and the receipt once the order exists", async () => {
    const email = "buyer@example.com"
    const { cart, pc, session, tx } = await openInvoice(email)

    // Created, then handed to the provider: wait until the provider said it sent it.
    const [instructions] = await waitFor(async () => {
      const all = await emailsTo(email)
      return all[0]?.status === "success" && all
    }, { what: "the instructions email" })
    expect(instructions).toMatchObject({
      to: email,
      channel: "email",
      template: "threepay-payment-instructions",
      trigger_type: "threepay.invoice.created",
      resource_type: "cart",
      resource_id: cart.id,
      idempotency_key: `threepay-email:payment_instructions:${tx}`,
      status: "success",
    })
    const d = instructions.data
    expect(d).toMatchObject({
      email_kind: "payment_instructions",
      store_name: "3PAY test store",
      amount: session.data.amount_usdt,
      network: "TRC20",
      network_label: "USDT on TRON (TRC20)",
      wallet_address: session.data.wallet_address,
      payment_url: session.data.payment_url,
      expires_at: session.data.expires_at,
      testnet: "Nile",
    })
    expect(d.subject).toBe(`Pay ${session.data.amount_usdt} USDT to complete your order at 3PAY test store`)
    for (const part of [`${session.data.amount_usdt} USDT`, "USDT on TRON (TRC20)", session.data.wallet_address, session.data.payment_url, d.expires_at_text, "cannot be recovered"]) {
      expect(d.text).toContain(part)
      expect(d.html).toContain(part)
    }

    // A reload reuses the invoice: no second instructions email.
    await shopper.session(pc, { network: "TRC20" })
    await spec.emulator.control.pay(tx, { mode: "full" })
    const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })

    const sent = await waitFor(async () => {
      const all = await emailsTo(email)
      return all.length >= 2 && all[1].status === "success" && all
    }, { what: "the receipt" })
    expect(sent.map((n) => n.template)).toEqual(["threepay-payment-instructions", "threepay-payment-received"])
    const receipt = sent[1]
    expect(receipt).toMatchObject({ resource_type: "order", resource_id: orderId, trigger_type: "threepay.invoice.paid", status: "success" })
    const { data: orders } = await getContainer().resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "order", fields: ["display_id"], filters: { id: orderId } })
    expect(receipt.data).toMatchObject({
      email_kind: "payment_received",
      order_id: orderId,
      order_display_id: String(orders[0].display_id),
      amount_received: session.data.amount_usdt,
      network: "TRC20",
    })
    expect(receipt.data.subject).toBe(`Payment received: your order #${orders[0].display_id} at 3PAY test store`)
    expect(receipt.data.text).toContain(`Received: ${session.data.amount_usdt} USDT`)
    if (receipt.data.tx_hash) expect(receipt.data.text).toContain(`https://nile.tronscan.org/#/transaction/${receipt.data.tx_hash}`)

    // The paid event repeated (a webhook redelivery, the reconciliation job): still one receipt.
    const paid = eventsFor(THREEPAY_EVENTS.INVOICE_PAID, tx)
    expect(paid).toHaveLength(1)
    await getContainer().resolve(Modules.EVENT_BUS).emit({ name: THREEPAY_EVENTS.INVOICE_PAID, data: paid[0].data })
    await new Promise((r) => setTimeout(r, 1000))
    expect((await emailsTo(email)).length).toBe(2)

    const json = JSON.stringify(await emailsTo(email))
    for (const s of SECRETS) expect(json).not.toContain(s)
  })
}
