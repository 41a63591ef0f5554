/**
 * Which listed transactions become deposit credits, and which are refused
 * (fail closed): only confirmed deposits with a readable amount, network and
 * hash; the amount that arrived on chain; one key per (network, hash).
 */
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { depositRequests } from "../credit-deposits"

const tx = (over: Partial<InvoiceDetails>): InvoiceDetails => ({
  transactionId: "t",
  invoiceNo: null,
  type: "deposit",
  status: "confirmed",
  rawStatus: "confirmed",
  currencyType: "USDT-TRC20",
  network: "TRC20",
  amount: "10",
  actualBalance: null,
  fee: "1",
  netAmount: "9",
  walletAddress: "T",
  blockchainTxHash: "ABC",
  paymentUrl: null,
  referenceId: null,
  createdAt: null,
  confirmedAt: null,
  expiresAt: null,
  ...over,
})

describe("deposit credits from 3PAY's list", () => {
  it("credits confirmed deposits oldest first, what arrived, keyed by network and lower-case hash", () => {
    const { requests, unreadable } = depositRequests(
      { id: "u" },
      [tx({ transactionId: "new", blockchainTxHash: "BBB", actualBalance: "12.5", amount: "12" }), tx({ transactionId: "old", netAmount: "0" })],
      "webhook"
    )
    expect(unreadable).toEqual([])
    expect(requests.map((r) => [r.transaction_id, r.amount, r.net_amount, r.dedupe_key])).toEqual([
      ["old", "10", "0", "deposit:TRC20:abc"],
      ["new", "12.5", "9", "deposit:TRC20:bbb"],
    ])
    expect(requests.every((r) => r.kind === "deposit" && r.trigger_open && r.actor === "webhook")).toBe(true)
  })

  it("fails closed on a confirmed deposit without amount, network or hash; ignores everything not a confirmed deposit", () => {
    const { requests, unreadable } = depositRequests(
      { id: "u" },
      [
        tx({ transactionId: "a", amount: null }),
        tx({ transactionId: "b", amount: "0" }),
        tx({ transactionId: "c", network: null }),
        tx({ transactionId: "d", blockchainTxHash: null }),
        tx({ transactionId: "e", status: "pending" }),
        tx({ transactionId: "f", status: "failed" }),
        tx({ transactionId: "g", type: "credit" }),
        tx({ transactionId: "h", type: "withdrawal" }),
      ],
      "reconciliation"
    )
    expect(requests).toEqual([])
    expect(unreadable).toEqual(["d: no transaction hash", "c: no network", "b: no amount", "a: no amount"])
  })
})
