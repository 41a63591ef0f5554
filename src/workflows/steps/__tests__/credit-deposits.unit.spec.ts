/**
 * Which listed transactions become deposit credits, and which are refused
 * (fail closed): only confirmed deposits with a readable amount, network and
 * hash; the amount that arrived on chain; one key per (network, hash).
 */
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { invoiceDetails } from "../../../lib/__tests__/invoice-fixture"
import { depositRequests } from "../credit-deposits"

/** A confirmed 10 USDT TRC20 deposit (fee 1, net 9) to address T, hash ABC; the project's fixture underneath. */
const tx = (over: Partial<InvoiceDetails>): InvoiceDetails =>
  invoiceDetails("confirmed", { transactionId: "t", amount: "10", fee: "1", netAmount: "9", walletAddress: "T", blockchainTxHash: "ABC", ...over })

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
