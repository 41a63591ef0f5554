/**
 * Refunds in USDT (issue #16) on a real Medusa and PostgreSQL, with the
 * emulator's withdrawals over HTTP: the address check the refund form asks,
 * refunds to their end by webhook, the double submit, two admins at once,
 * an ambiguous create, and a rejection.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { createSecretKey } from "../helpers/admin-key"
import { orderForCart, Shopper, waitFor } from "../helpers/checkout"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

const any = { validateStatus: () => true }

/** EIP-55's own vector and its TRON form (the client's address tests compute both independently). */
const ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
const TRON = "TJEh7TX8sNj5uq4hXKyYdTrnGmeeG48top"

export function refundsCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let admin: { headers: Record<string, string> }
  let store: SeededStore
  const emu = () => spec.emulator.control
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)

  beforeEach(async () => {
    emu().reset()
    resetSharedRateBudgets()
    admin = await createSecretKey(getContainer(), "refund-admin")
  })

  /** An order paid in full on TRC20 by webhook: 2 × 10.55 + 5 shipping = 26.1 USDT. */
  async function paidOrder() {
    store = await seedStore(getContainer())
    const shopper = new Shopper(api, store)
    const cart = await shopper.createCart({ quantity: 2 })
    const pc = await shopper.paymentCollection(cart.id)
    const session = await shopper.session(pc, { network: "TRC20" })
    const tx = session.data.transaction_id as string
    await emu().pay(tx, { mode: "full" })
    const orderId = await waitFor(() => orderForCart(getContainer(), cart.id), { what: "the order" })
    // The ledger records what was captured just after the order exists.
    const view = await waitFor(async () => {
      const v = await refunds(orderId)
      return v.refundable ? v : null
    }, { what: "the refundable amount" })
    expect(view.refundable).toMatchObject({ amount: "26.1", captured: "26.1", excess: "0", refunded: "0", network: "TRC20" })
    return { orderId, tx, paymentId: view.refundable.payment_id as string }
  }

  const refunds = async (orderId: string) => {
    const r = await api.get(`/admin/3pay/orders/${orderId}/refunds`, { headers: admin.headers, ...any })
    expect(r.status).toBe(200)
    return r.data
  }
  let keys = 0
  const refund = (orderId: string, paymentId: string, body: Record<string, unknown> = {}) =>
    api.post(
      `/admin/3pay/orders/${orderId}/refunds`,
      { payment_id: paymentId, amount: "10", address: TRON, network: "TRC20", idempotency_key: `form-${Date.now()}-${++keys}`, ...body },
      { headers: admin.headers, ...any }
    )

  /** Medusa's refunds of the payment (and the order's refund transactions). */
  async function medusaRefunds(orderId: string, paymentId: string) {
    const query = getContainer().resolve(ContainerRegistrationKeys.QUERY)
    const { data: payments } = await query.graph({ entity: "payment", fields: ["id", "refunds.id", "refunds.amount", "refunds.note"], filters: { id: paymentId } })
    const { data: orders } = await query.graph({ entity: "order", fields: ["id", "transactions.reference", "transactions.reference_id", "transactions.amount"], filters: { id: orderId } })
    return {
      refunds: ((payments[0] as any)?.refunds ?? []) as Array<{ id: string; amount: number; note: string }>,
      transactions: (((orders[0] as any)?.transactions ?? []) as Array<{ reference: string; reference_id: string }>).filter((t) => t.reference === "refund"),
    }
  }

  describe("POST /admin/3pay/addresses/check", () => {
    const check = (network: string, address: string) => api.post("/admin/3pay/addresses/check", { network, address }, { headers: admin.headers, ...any })

    it("answers valid addresses in their normalized form", async () => {
      expect((await check("TRC20", ` ${TRON} `)).data).toEqual({ valid: true, address: TRON, checksum: "ok" })
      expect((await check("ERC20", ETH)).data).toEqual({ valid: true, address: ETH, checksum: "ok" })
    })

    it("accepts all-lowercase Ethereum as 'lowercase' (to be confirmed), in its checksummed form", async () => {
      const r = await check("ERC20", ETH.toLowerCase())
      expect(r.status).toBe(200)
      expect(r.data).toMatchObject({ valid: true, checksum: "lowercase", address: ETH, message: expect.stringMatching(/no checksum/) })
    })

    it("names the wrong network, a bad checksum, the contract and the zero address", async () => {
      const cases: Array<[string, string, string, RegExp]> = [
        ["TRC20", ETH, "threepay_address_wrong_network", /Ethereum address/],
        ["ERC20", TRON, "threepay_address_wrong_network", /TRON address/],
        ["ERC20", ETH.replace("aAeb", "aaeb"), "threepay_address_bad_checksum", /checksum/],
        ["TRC20", TRON.slice(0, 33) + (TRON[33] === "p" ? "q" : "p"), "threepay_address_bad_checksum", /checksum/],
        ["TRC20", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "threepay_address_not_allowed", /contract/],
        ["ERC20", "0xdAC17F958D2ee523a2206206994597C13D831ec7", "threepay_address_not_allowed", /contract/],
        ["ERC20", `0x${"0".repeat(40)}`, "threepay_address_not_allowed", /zero address/],
        ["TRC20", "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb", "threepay_address_not_allowed", /zero address/],
      ]
      for (const [network, address, code, message] of cases) {
        const r = await check(network, address)
        expect(r.status).toBe(200)
        expect(r.data).toMatchObject({ valid: false, code, message: expect.stringMatching(message) })
      }
    })

    it("refuses an unknown network and requires an admin", async () => {
      expect((await check("BTC", TRON)).status).toBe(400)
      expect((await api.post("/admin/3pay/addresses/check", { network: "TRC20", address: TRON }, any)).status).toBe(401)
    })
  })

  describe("POST /admin/3pay/orders/:id/refunds", () => {
    it("refunds part of an order: approved at 3PAY, recorded in Medusa, completed by the withdrawal webhook", async () => {
      emu().updateSettings({ withdrawalExecution: "held" })
      const { orderId, paymentId, tx } = await paidOrder()
      const r = await refund(orderId, paymentId, { amount: "10", note: "damaged item" })
      expect(r.status).toBe(201)
      const created = r.data.refund
      expect(created).toMatchObject({ amount: "10", network: "TRC20", address: TRON, status: "approved", fee: "2", net_amount: "8", note: "damaged item" })
      expect(created.created_by).toMatch(/^api-key:/)
      expect(created.address_explorer_url).toContain(TRON)
      const [w] = emu().withdrawals()
      expect(w).toMatchObject({ id: created.withdrawal_id, amount: "10", walletAddress: TRON, status: "approved" })

      // Recorded in Medusa once 3PAY accepted it: 10 USD at the invoice's rate of 1.
      const m = await medusaRefunds(orderId, paymentId)
      expect(m.refunds).toHaveLength(1)
      expect(Number(m.refunds[0].amount)).toBe(10)
      expect(created.medusa_refund_id).toBe(m.refunds[0].id)
      expect(m.transactions.map((t) => t.reference_id)).toEqual([m.refunds[0].id])

      // The completion webhook arrives three times (same bytes): applied once.
      emu().setFaults({ webhookDuplicates: 3 })
      await emu().completeWithdrawal(w.id, { transactionHash: "a".repeat(64) })
      const done = await waitFor(async () => (await refunds(orderId)).refunds.find((x: any) => x.status === "completed"), { what: "the completed refund" })
      expect(done).toMatchObject({ id: created.id, tx_hash: "a".repeat(64), tx_explorer_url: expect.stringContaining("a".repeat(64)) })
      expect(done.timeline.map((e: any) => e.status)).toEqual(["requesting", "requesting", "approved", "approved", "completed"])
      expect((await refunds(orderId)).refundable).toMatchObject({ amount: "16.1", refunded: "10" })
      expect((await threepay().retrieveInvoiceByTransaction(tx))!.attention).toBeFalsy()
      const events = await waitFor(async () => {
        const e = await threepay().listThreePayWebhookEvents({ transaction_id: w.id })
        return e.length === 1 && e[0].delivery_count === 3 ? e : null
      }, { what: "the three deliveries" })
      expect(events.map((e) => [e.event_type, e.processing_status, e.delivery_count])).toEqual([["withdrawal", "applied", 3]])
      expect((await medusaRefunds(orderId, paymentId)).refunds).toHaveLength(1)
    })

    it("a double submit of one form makes one withdrawal (201, then 200 with the same refund)", async () => {
      const { orderId, paymentId } = await paidOrder()
      const key = "form-double-click-1"
      const [a, b] = await Promise.all([refund(orderId, paymentId, { idempotency_key: key }), refund(orderId, paymentId, { idempotency_key: key })])
      expect([a.status, b.status].sort()).toEqual([200, 201])
      expect(a.data.refund.id).toBe(b.data.refund.id)
      const again = await refund(orderId, paymentId, { idempotency_key: key })
      expect(again.status).toBe(200)
      expect(again.data.refund.id).toBe(a.data.refund.id)
      expect(emu().withdrawals()).toHaveLength(1)
      // The same key for another refund is refused, nothing written.
      const other = await refund(orderId, paymentId, { idempotency_key: key, amount: "11" })
      expect(other.status).toBe(409)
      expect(other.data.code).toBe("threepay_refund_key_reused")
      expect((await refunds(orderId)).refunds).toHaveLength(1)
    })

    it("two admins at once beyond the refundable amount: one refund, the other refused", async () => {
      const { orderId, paymentId } = await paidOrder()
      const [a, b] = await Promise.all([refund(orderId, paymentId, { amount: "20" }), refund(orderId, paymentId, { amount: "20" })])
      const statuses = [a.status, b.status].sort()
      expect(statuses).toEqual([201, 409])
      const refused = a.status === 409 ? a : b
      expect(refused.data.code).toBe("threepay_refund_exceeds_refundable")
      expect(refused.data.message).toContain("6.1")
      expect(emu().withdrawals()).toHaveLength(1)
      expect((await refunds(orderId)).refunds).toHaveLength(1)
    })

    it("an ambiguous create (made, answer lost) is found in 3PAY's lists, never sent again", async () => {
      const { orderId, paymentId } = await paidOrder()
      // No webhook either: the create's own recovery must find it (else the webhook may report it first).
      emu().setFaults({ webhookDrop: { mode: "skip", count: null }, next: { kind: "timeout", endpoint: "withdrawal.create", afterHandler: true } })
      const r = await refund(orderId, paymentId, { amount: "5" })
      expect(r.status).toBe(201)
      expect(emu().withdrawals()).toHaveLength(1)
      const [w] = emu().withdrawals()
      expect(r.data.refund).toMatchObject({ withdrawal_id: w.id, status: "completed" })
      expect(r.data.refund.timeline.map((e: any) => e.note).join(" | ")).toMatch(/answer was lost/)
      const m = await medusaRefunds(orderId, paymentId)
      expect(m.refunds).toHaveLength(1)
    })

    it("a rejected withdrawal is flagged, and the Medusa refund is taken back", async () => {
      emu().updateSettings({ autoApproveWithdrawalsUpTo: null })
      const { orderId, paymentId, tx } = await paidOrder()
      const r = await refund(orderId, paymentId, { amount: "26.1" })
      expect(r.status).toBe(201)
      expect(r.data.refund.status).toBe("pending_review")
      expect((await medusaRefunds(orderId, paymentId)).refunds).toHaveLength(1)
      expect((await refunds(orderId)).refundable.amount).toBe("0")

      await emu().rejectWithdrawal(r.data.refund.withdrawal_id, { reason: "address on a sanctions list" })
      // The void workflow marks the refund, deletes Medusa's record, then flags the invoice: wait for its last step.
      const invoice = await waitFor(async () => {
        const i = await threepay().retrieveInvoiceByTransaction(tx)
        return i && "refund_rejected" in ((i.attention ?? {}) as object) ? i : null
      }, { what: "the refund_rejected flag" })
      expect(Object.keys((invoice.attention ?? {}) as object)).toContain("refund_rejected")
      const rejected = (await refunds(orderId)).refunds[0]
      expect(rejected).toMatchObject({ status: "rejected", medusa_refund_id: null })
      expect(rejected.timeline.map((e: any) => e.note).join(" | ")).toMatch(/deleted/)
      const m = await medusaRefunds(orderId, paymentId)
      expect(m.refunds).toHaveLength(0)
      expect(m.transactions).toHaveLength(0)
      expect((await refunds(orderId)).refundable.amount).toBe("26.1")
    })

    it("refuses a lowercase Ethereum address without confirmation, the other network's address, and another payment", async () => {
      const { orderId, paymentId } = await paidOrder()
      const wrong = await refund(orderId, paymentId, { address: ETH })
      expect([wrong.status, wrong.data.code]).toEqual([400, "threepay_address_wrong_network"])
      const erc = await refund(orderId, paymentId, { network: "ERC20", address: ETH.toLowerCase() })
      expect([erc.status, erc.data.code]).toEqual([400, "threepay_address_unconfirmed_lowercase"])
      const pay = await refund(orderId, "pay_not_this_one")
      expect(pay.status).toBe(400)
      expect(emu().withdrawals()).toHaveLength(0)
      expect((await refunds(orderId)).refunds).toHaveLength(0)
    })
  })

  describe("Medusa's own Refund button on a 3PAY payment", () => {
    const button = (paymentId: string, amount: number) =>
      api.post(`/admin/payments/${paymentId}/refund`, { amount }, { headers: admin.headers, ...any })

    it("without a refund address on record: refused, pointing to the order's Refund in USDT; nothing sent", async () => {
      const { orderId, paymentId } = await paidOrder()
      const r = await button(paymentId, 5)
      expect(r.status).toBe(409)
      expect(r.data).toMatchObject({ code: "threepay_refund_not_supported", message: expect.stringContaining("Refund in USDT") })
      expect(emu().withdrawals()).toHaveLength(0)
      expect((await medusaRefunds(orderId, paymentId)).refunds).toHaveLength(0)
    })

    it("with a checksum-valid address on record: refunded through the same workflow, recorded once in Medusa", async () => {
      const { orderId, paymentId } = await paidOrder()
      // What the shopper's optional refund address would leave on the payment (no route stores it yet).
      const pg = getContainer().resolve(ContainerRegistrationKeys.PG_CONNECTION)
      await pg.raw(`update payment set data = data || ?::jsonb where id = ?`, [JSON.stringify({ refund_address: TRON }), paymentId])
      const r = await button(paymentId, 5)
      expect(r.status).toBe(200)
      expect(r.data.payment.refunds).toHaveLength(1)
      const [w] = emu().withdrawals()
      expect(w).toMatchObject({ amount: "5", walletAddress: TRON })
      expect(emu().withdrawals()).toHaveLength(1)
      expect((await medusaRefunds(orderId, paymentId)).refunds).toHaveLength(1)
      expect((await refunds(orderId)).refunds[0]).toMatchObject({ amount: "5", withdrawal_id: w.id, created_by: expect.stringMatching(/^api-key:/) })
    })
  })
}
