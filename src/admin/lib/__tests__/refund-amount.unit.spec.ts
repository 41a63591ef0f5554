import fc from "fast-check"
import { fromMicro, toMicro } from "medusa-payment-3pay-client/usdt"
import { groupAddress } from "../format"
import { checkRefundAmount } from "../refund-amount"

describe("checkRefundAmount: the refund form's amount", () => {
  it.each([
    ["10", "10", "10"],
    ["10.000000", "10", "10"],
    ["  2.5 ", "10", "2.5"],
    ["0.000001", "10", "0.000001"],
    ["007.50", "10", "7.5"],
    ["9.999999", "10", "9.999999"],
    ["1.2300000", "1.23", "1.23"], // zeros past the 6th decimal are no extra precision
  ])("accepts %p of %s as %s", (input, refundable, amount) => {
    expect(checkRefundAmount(input, refundable)).toEqual({ ok: true, amount, micro: toMicro(amount) })
  })

  it.each([
    ["", "empty"],
    ["   ", "empty"],
    ["12,5", "format"],
    ["1e3", "format"],
    ["-1", "format"],
    ["+1", "format"],
    [".5", "format"],
    ["5.", "format"],
    ["1.2.3", "format"],
    ["NaN", "format"],
    ["Infinity", "format"],
    ["0x10", "format"],
    ["1.0000001", "decimals"],
    ["0", "zero"],
    ["0.000000", "zero"],
    ["10.000001", "over"],
    ["11", "over"],
  ])("refuses %p (%s)", (input, reason) => {
    const r = checkRefundAmount(input, "10")
    expect(r).toMatchObject({ ok: false, reason })
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10)
  })

  it("names the limit in the refusal", () => {
    expect(checkRefundAmount("25.5", "25.499999")).toMatchObject({ ok: false, reason: "over", message: expect.stringContaining("25.499999 USDT") })
  })

  it("nothing is refundable when the limit is 0", () => {
    expect(checkRefundAmount("0.000001", "0")).toMatchObject({ ok: false, reason: "over" })
  })

  // Amounts far beyond a double's exact range: only bigint arithmetic gets these right.
  it("is exact where a float is not", () => {
    expect(checkRefundAmount("9007199254.740993", "9007199254.740993")).toMatchObject({ ok: true, amount: "9007199254.740993" })
    expect(checkRefundAmount("9007199254.740994", "9007199254.740993")).toMatchObject({ ok: false, reason: "over" })
    expect(checkRefundAmount("0.3", "0.3")).toMatchObject({ ok: true, amount: "0.3" }) // 0.1 + 0.2 !== 0.3 in floats
  })
})

describe("checkRefundAmount: properties", () => {
  const micro = fc.bigInt({ min: 0n, max: 10n ** 15n })
  /** Any way a person may write the same amount: leading zeros, trailing zeros, spaces. */
  const written = (m: bigint) =>
    fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 4 }), fc.boolean()).map(([lead, trail, space]) => {
      const s = fromMicro(m)
      const withTrail = trail ? (s.includes(".") ? s : `${s}.`) + "0".repeat(trail) : s
      const text = "0".repeat(lead) + withTrail
      return space ? ` ${text} ` : text
    })

  it("accepts exactly the amounts above 0 and at most the refundable, and gives them back exactly", () => {
    fc.assert(
      fc.property(
        micro.chain((m) => fc.tuple(fc.constant(m), written(m))),
        micro,
        ([m, input], limit) => {
          const r = checkRefundAmount(input, fromMicro(limit))
          expect(r.ok).toBe(m > 0n && m <= limit)
          if (r.ok) {
            expect(r.micro).toBe(m)
            expect(r.micro <= limit).toBe(true)
            expect(toMicro(r.amount)).toBe(m)
            expect(r.amount).toBe(fromMicro(m))
            // Canonical: checking the sent amount again gives the same amount.
            expect(checkRefundAmount(r.amount, fromMicro(limit))).toEqual(r)
          }
        }
      )
    )
  })

  it("never accepts more than 6 decimals of precision", () => {
    fc.assert(
      fc.property(micro, fc.integer({ min: 1, max: 9 }), (m, extra) => {
        const input = `${fromMicro(m)}${fromMicro(m).includes(".") ? "" : "."}${"0".repeat(6 - (fromMicro(m).split(".")[1]?.length ?? 0))}${extra}`
        expect(checkRefundAmount(input, fromMicro(10n ** 16n))).toMatchObject({ ok: false, reason: "decimals" })
      })
    )
  })
})

describe("groupAddress", () => {
  it("cuts a TRON address in fours", () => {
    expect(groupAddress("TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL")).toEqual(["TNPe", "eaaF", "B7K9", "cmo4", "uQpc", "U32z", "GK8G", "1NYq", "eL"])
  })

  it("keeps an Ethereum address's 0x apart", () => {
    expect(groupAddress(" 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed ")).toEqual([
      "0x", "5aAe", "b605", "3F3E", "94C9", "b9A0", "9f33", "6694", "35E7", "Ef1B", "eAed",
    ])
  })

  it("loses and adds no character", () => {
    fc.assert(fc.property(fc.string({ minLength: 1, maxLength: 64 }).map((s) => s.trim()), (s) => expect(groupAddress(s).join("")).toBe(s)))
  })
})
