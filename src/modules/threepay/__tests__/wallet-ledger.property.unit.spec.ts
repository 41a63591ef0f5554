/**
 * The credit ledger's rules for any input (fast-check): deposits, holds,
 * releases, debits and adjustments in any order, repeated, refused or not.
 * The real rule code runs (wallet-ledger.ts `planEntries`, `foldWallet`).
 */
import fc from "fast-check"
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import { applyEntry, balanceDifference, depositKey, emptyWallet, foldWallet, planEntries, settlementKey, type EntryRequest, type WalletState } from "../wallet-ledger"

const usdt = fc.bigInt({ min: 1n, max: 500_000_000n }).map(fromMicro)
const txs = ["a1", "b2", "c3", "d4", "A1", "e5"]

type Op =
  | { op: "deposit"; tx: string; network: "TRC20" | "ERC20"; amount: string; net: string }
  | { op: "hold"; amount: string }
  | { op: "settle"; pick: number; debit: boolean; sameAmount: boolean }
  | { op: "adjust"; amount: string; negative: boolean }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant("deposit" as const), tx: fc.constantFrom(...txs), network: fc.constantFrom("TRC20" as const, "ERC20" as const), amount: usdt, net: usdt }),
  fc.record({ op: fc.constant("hold" as const), amount: usdt }),
  fc.record({ op: fc.constant("settle" as const), pick: fc.nat(20), debit: fc.boolean(), sameAmount: fc.integer({ min: 0, max: 9 }).map((n) => n > 0) }),
  fc.record({ op: fc.constant("adjust" as const), amount: usdt, negative: fc.boolean() })
)

/** Turns ops into requests, the way the workflows build them (a hold settled by id, keys per transaction). */
function requests(ops: Op[]): EntryRequest[] {
  const holds: Array<{ id: string; amount: string }> = []
  return ops.map((o, i): EntryRequest => {
    const id = `e${i}`
    switch (o.op) {
      case "deposit":
        return { id, kind: "deposit", amount: o.amount, net_amount: o.net, dedupe_key: depositKey(o.network, o.tx) }
      case "hold":
        holds.push({ id, amount: o.amount })
        return { id, kind: "hold", amount: o.amount, dedupe_key: `hold:${id}` }
      case "settle": {
        const h = holds[o.pick % Math.max(1, holds.length)] ?? { id: "none", amount: "1" }
        return { id, kind: o.debit ? "debit" : "release", amount: o.sameAmount ? h.amount : "0.000001", hold_id: h.id, dedupe_key: settlementKey(h.id) }
      }
      case "adjust":
        return { id, kind: "adjustment", amount: (o.negative ? "-" : "") + o.amount, dedupe_key: `adjustment:${id}` }
    }
  })
}

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n)

function invariants(s: WalletState) {
  expect(s.available >= 0n).toBe(true)
  expect(s.held >= 0n).toBe(true)
  expect(s.held).toBe(sum([...s.open_holds.values()]))
  expect(s.available + s.held).toBe(s.deposited + s.adjusted - s.debited)
}

describe("the credit ledger, any sequence", () => {
  it("never negative, after every accepted entry; the sum rules hold", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let s = emptyWallet()
        for (const r of requests(ops)) {
          const a = applyEntry(s, r)
          if (a.ok) s = a.state
          invariants(s)
        }
      }),
      { numRuns: 300 }
    )
  })

  it("a deposit credits once per (network, tx hash), however often and in whatever case it is reported", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const planned = planEntries(emptyWallet(), requests(ops))
        const credited = planned.write.filter((w) => w.kind === "deposit")
        const keys = credited.map((w) => w.dedupe_key)
        expect(new Set(keys).size).toBe(keys.length)
        // Exactly the first report of each transaction is credited.
        const first = new Map<string, string>()
        for (const r of requests(ops)) if (r.kind === "deposit" && !first.has(r.dedupe_key)) first.set(r.dedupe_key, r.amount)
        expect(planned.state.deposited).toBe(sum([...first.values()].map((a) => toMicro(a))))
      }),
      { numRuns: 300 }
    )
  })

  it("a hold is settled at most once, for its whole amount", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const planned = planEntries(emptyWallet(), requests(ops))
        const settled = planned.write.filter((w) => w.kind === "release" || w.kind === "debit")
        const holdIds = settled.map((w) => w.hold_id)
        expect(new Set(holdIds).size).toBe(holdIds.length)
        for (const w of settled) expect(w.amount).toBe(planned.write.find((h) => h.id === w.hold_id)!.amount)
      }),
      { numRuns: 300 }
    )
  })

  it("written, then folded from the database's order, gives the same balance; each entry records the balance after it", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        const planned = planEntries(emptyWallet(), requests(ops))
        const folded = foldWallet(planned.write)
        expect(folded.available).toBe(planned.state.available)
        expect(folded.held).toBe(planned.state.held)
        let s = emptyWallet()
        for (const w of planned.write) {
          s = (applyEntry(s, w) as { state: WalletState }).state
          expect(w.available_after).toBe(fromMicro(s.available))
          expect(w.held_after).toBe(fromMicro(s.held))
        }
      }),
      { numRuns: 200 }
    )
  })

  it("replaying the whole ledger again changes nothing", () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 30 }), (ops) => {
        const once = planEntries(emptyWallet(), requests(ops))
        const twice = planEntries(once.state, once.write)
        expect(twice.write).toEqual([])
        expect(twice.state.available).toBe(once.state.available)
      })
    )
  })
})

describe("examples", () => {
  const dep = (tx: string, amount: string): EntryRequest => ({ id: tx, kind: "deposit", amount, net_amount: amount, dedupe_key: depositKey("TRC20", tx) })

  it("refuses a hold beyond the available balance, a second settlement, a zero or unreadable amount", () => {
    let s = planEntries(emptyWallet(), [dep("t1", "10")]).state
    expect(applyEntry(s, { id: "h", kind: "hold", amount: "10.000001", dedupe_key: "hold:h" })).toEqual({ ok: false, reason: "insufficient" })
    s = (applyEntry(s, { id: "h", kind: "hold", amount: "10", dedupe_key: "hold:h" }) as { state: WalletState }).state
    s = (applyEntry(s, { id: "d", kind: "debit", amount: "10", hold_id: "h", dedupe_key: settlementKey("h") }) as { state: WalletState }).state
    expect(applyEntry(s, { id: "r", kind: "release", amount: "10", hold_id: "h", dedupe_key: "release-again" })).toEqual({ ok: false, reason: "hold_not_open" })
    expect(applyEntry(s, dep("t2", "0"))).toEqual({ ok: false, reason: "amount_invalid" })
    expect(applyEntry(s, dep("t2", "1.0000001"))).toEqual({ ok: false, reason: "amount_invalid" })
    expect(applyEntry(s, { id: "a", kind: "adjustment", amount: "-0.000001", dedupe_key: "adj:a" })).toEqual({ ok: false, reason: "insufficient" })
  })

  it("flags 3PAY's balance by the model: any difference when running, only more than credited when swept", () => {
    expect(balanceDifference("running", "49", "49")).toBeNull()
    expect(balanceDifference("running", "48", "49")).toBe("-1")
    expect(balanceDifference("running", "55.5", "49")).toBe("6.5")
    expect(balanceDifference("swept", "0", "49")).toBeNull()
    expect(balanceDifference("swept", "50", "49")).toBe("1")
  })
})
