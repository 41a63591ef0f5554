/**
 * The ledger's forward-only rule, on an in-memory stand-in for the module
 * service (only the two methods the rule uses).
 */
import { invoiceDetails } from "../../../lib/__tests__/invoice-fixture"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { applyInvoiceSnapshot, historyOf } from "../ledger"
import type ThreePayModuleService from "../service"

function fakeService(row: Record<string, unknown>) {
  const state = { row: { ...row } }
  const service = {
    retrieveInvoiceByTransaction: async (id: string) => (id === state.row.transaction_id ? { ...state.row } : null),
    updateThreePayInvoices: async (u: Record<string, unknown>) => {
      state.row = { ...state.row, ...u }
      return { ...state.row }
    },
  }
  return { service: service as unknown as ThreePayModuleService, state }
}

const baseRow = {
  id: "tpinv_1",
  transaction_id: "tx1",
  network: "TRC20",
  amount_usdt: "100",
  tolerance: "0",
  status: "initiated",
  raw_status: "initiated",
  state: "awaiting_payment",
  amount_received: "0",
  late: false,
  orphan: false,
  attention: null,
  paid_at: null,
  history: { entries: [] },
}

function snap(status: string, received: string | null = null, over: Partial<InvoiceDetails> = {}): InvoiceDetails {
  return invoiceDetails(status, {
    transactionId: "tx1",
    actualBalance: received,
    fee: received ? "1" : null,
    netAmount: received ? "99" : null,
    walletAddress: "TAddr",
    blockchainTxHash: received ? "ab".repeat(32) : null,
    ...over,
  })
}

describe("applyInvoiceSnapshot: statuses only move forward", () => {
  it("moves initiated -> amount confirmed -> confirmed and records each step", async () => {
    const { service, state } = fakeService(baseRow)
    await applyInvoiceSnapshot(service, "tx1", snap("amount confirmed", "100"), "webhook")
    const r = await applyInvoiceSnapshot(service, "tx1", snap("confirmed", "100"), "webhook")
    expect(r).toMatchObject({ changed: true, previous_state: "confirming", status: "confirmed", state: "paid", paid_via: "webhook" })
    expect(state.row.paid_at).toBeInstanceOf(Date)
    expect(historyOf(state.row).map((h) => h.state)).toEqual(["confirming", "paid"])
  })

  it.each(["initiated", "amount confirmed", "expired", "cancelled"])(
    "a late %p never downgrades a paid invoice, and says so in the timeline",
    async (late) => {
      const { service, state } = fakeService(baseRow)
      await applyInvoiceSnapshot(service, "tx1", snap("confirmed", "100"), "webhook")
      const r = await applyInvoiceSnapshot(service, "tx1", snap(late, "0"), "webhook")
      expect(r).toMatchObject({ changed: false, status: "confirmed", state: "paid", amount_received: "100" })
      expect(r!.assessment.paid).toBe(true)
      expect(historyOf(state.row).at(-1)!.note).toContain("ignored")
    }
  )

  it("a payment after expiry upgrades the invoice and marks it late", async () => {
    const { service } = fakeService(baseRow)
    await applyInvoiceSnapshot(service, "tx1", snap("expired"), "webhook")
    const r = await applyInvoiceSnapshot(service, "tx1", snap("confirmed", "100"), "reconciliation")
    expect(r).toMatchObject({ state: "paid", late: true, paid_via: "reconciliation" })
    expect(r!.attention).toContain("late")
  })

  it("an underpayment that grows is recorded; the shortfall is flagged", async () => {
    const { service } = fakeService(baseRow)
    const a = await applyInvoiceSnapshot(service, "tx1", snap("confirmed", "60"), "webhook")
    expect(a).toMatchObject({ state: "underpaid", amount_missing: "40", attention: "underpaid" })
    const b = await applyInvoiceSnapshot(service, "tx1", snap("confirmed", "100"), "webhook")
    expect(b).toMatchObject({ changed: true, state: "paid", attention: null })
  })

  it("returns null for an invoice the ledger does not know", async () => {
    const { service } = fakeService(baseRow)
    expect(await applyInvoiceSnapshot(service, "other", snap("confirmed", "100"), "webhook")).toBeNull()
  })
})
