import { addUsdt, compareUsdt, fromMicro, InvalidAmountError, normalizeUsdt, subUsdt, toMicro } from "../usdt"

describe("usdt amounts", () => {
  it.each([
    ["12.5", 12_500_000n],
    ["0.000001", 1n],
    ["100", 100_000_000n],
    ["100.00", 100_000_000n],
    ["-3.25", -3_250_000n],
  ])("parses %s exactly", (input, micro) => {
    expect(toMicro(input)).toBe(micro)
  })

  it("reads JSON numbers through their shortest decimal form", () => {
    expect(toMicro(0.1 + 0.2, "half-up")).toBe(300_000n) // 0.30000000000000004
    expect(toMicro(125.5)).toBe(125_500_000n)
    expect(toMicro(1e-6)).toBe(1n)
    expect(toMicro(1e21, "exact")).toBe(10n ** 21n * 1_000_000n)
  })

  it("refuses more than 6 decimals unless told how to round", () => {
    expect(() => toMicro("1.0000001")).toThrow(InvalidAmountError)
    expect(toMicro("1.0000001", "up")).toBe(1_000_001n)
    expect(toMicro("1.0000001", "down")).toBe(1_000_000n)
    expect(toMicro("1.0000005", "half-up")).toBe(1_000_001n)
    expect(toMicro("1.0000004", "half-up")).toBe(1_000_000n)
    expect(toMicro("1.0000000", "exact")).toBe(1_000_000n)
  })

  it.each(["", "abc", "1,5", "1e5", " . ", "NaN"])("rejects %p", (bad) => {
    expect(() => toMicro(bad)).toThrow(InvalidAmountError)
  })

  it("prints canonical strings", () => {
    expect(fromMicro(12_500_000n)).toBe("12.5")
    expect(fromMicro(1n)).toBe("0.000001")
    expect(fromMicro(-1_000_000n)).toBe("-1")
    expect(normalizeUsdt("007.100")).toBe("7.1")
  })

  it("adds, subtracts and compares without floats", () => {
    expect(addUsdt("0.1", "0.2")).toBe("0.3")
    expect(subUsdt("21.1", "21.099999")).toBe("0.000001")
    expect(compareUsdt("10", "9.999999")).toBe(1)
    expect(compareUsdt(10, "10.000000")).toBe(0)
  })
})
