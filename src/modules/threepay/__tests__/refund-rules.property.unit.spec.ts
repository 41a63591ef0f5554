import fc from "fast-check"
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import { capturedPartOf, nextRefundStatus, REFUND_STATUSES, refundableOf, refundStatusOf, type RefundStatus } from "../refund-rules"
import { withdrawalPatch, type RefundRow } from "../refund-rows"

const micro = fc.bigInt({ min: 1n, max: 10_000_000_000n })
const status = fc.constantFrom(...REFUND_STATUSES)
/** The status a refund ends in after 3PAY reported `reports` in that order (duplicates, late ones and all). */
const fold = (reports: RefundStatus[]) => reports.reduce(nextRefundStatus, "requesting" as RefundStatus)

describe("refund money rules (fast-check)", () => {
  it("refundable is never more than captured + excess minus what is not known to have failed, and never below 0", () => {
    fc.assert(
      fc.property(micro, fc.bigInt({ min: 0n, max: 1_000_000_000n }), fc.array(fc.tuple(micro, fc.array(status, { maxLength: 8 })), { maxLength: 8 }), (captured, excess, refunds) => {
        const rows = refunds.map(([amount, reports]) => ({ amount: fromMicro(amount), status: fold(reports) }))
        const r = refundableOf({ captured: fromMicro(captured), excess: fromMicro(excess), refunds: rows })
        const counted = rows.filter((x) => x.status !== "rejected" && x.status !== "failed").reduce((s, x) => s + toMicro(x.amount), 0n)
        const expected = captured + excess - counted
        expect(toMicro(r.amount)).toBe(expected > 0n ? expected : 0n)
        expect(toMicro(r.amount)).toBeLessThanOrEqual(captured + excess)
        expect(toMicro(r.refunded)).toBe(counted)
      })
    )
  })

  it("statuses only move forward: any order of reports, repeated or late, ends in the furthest one, and a final one stays", () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 12 }), (reports) => {
        const end = fold(reports)
        // Reporting them all again, in any order, changes nothing.
        expect(fold([...reports, ...[...reports].reverse()].reduce<RefundStatus[]>((acc, s) => [...acc, s], [end]))).toBe(end)
        const firstFinal = reports.find((s) => s === "completed" || s === "rejected" || s === "failed")
        if (firstFinal) expect(end).toBe(firstFinal)
      })
    )
  })

  it("a completed refund never becomes refundable again, whatever arrives after", () => {
    fc.assert(
      fc.property(micro, fc.array(status, { maxLength: 8 }), (amount, later) => {
        const s = fold(["completed", ...later])
        expect(s).toBe("completed")
        expect(toMicro(refundableOf({ captured: fromMicro(amount), excess: "0", refunds: [{ amount: fromMicro(amount), status: s }] }).amount)).toBe(0n)
      })
    )
  })

  it("the captured part of successive refunds never exceeds their total, and the excess goes first", () => {
    fc.assert(
      fc.property(fc.array(micro, { minLength: 1, maxLength: 6 }), fc.bigInt({ min: 0n, max: 1_000_000_000n }), (amounts, excess) => {
        let before = 0n
        let captured = 0n
        for (const a of amounts) {
          const part = toMicro(capturedPartOf(fromMicro(a), fromMicro(before), fromMicro(excess)))
          expect(part).toBeGreaterThanOrEqual(0n)
          expect(part).toBeLessThanOrEqual(a)
          before += a
          captured += part
        }
        expect(captured).toBe(before > excess ? before - excess : 0n)
      })
    )
  })

  it("a withdrawal report never moves a refund back, nor erases what 3PAY said", () => {
    const row = (s: RefundStatus): RefundRow =>
      ({ status: s, withdrawal_id: "w1", tx_hash: s === "completed" ? "h" : null, fee: "2", net_amount: "8", reason: null, history: null }) as unknown as RefundRow
    fc.assert(
      fc.property(status, status, (current, reported) => {
        const patch = withdrawalPatch(row(current), { id: "w1", status: reported, rawStatus: reported, transactionHash: null, fee: null, netAmount: null }, "test")
        const next = patch?.status ?? current
        expect(next).toBe(nextRefundStatus(current, refundStatusOf(reported)))
        expect(patch?.tx_hash).toBeUndefined()
        expect(patch?.fee).toBeUndefined()
      })
    )
  })
})
