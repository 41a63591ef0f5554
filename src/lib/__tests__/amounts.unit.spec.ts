import { BigNumber, MedusaError } from "@medusajs/framework/utils"
import { quoteUsdt } from "../amounts"

describe("quoteUsdt: the amount table", () => {
  const rates = { eur: "1.08", jpy: "0.0067", kwd: "3.25" }
  it.each([
    [26.1, "usd", "26.1", "1"],
    ["26.10", "usd", "26.1", "1"],
    [0.000001, "usd", "0.000001", "1"],
    [0.0000001, "usd", "0.000001", "1"], // below a micro-USDT: rounded up, never to zero
    [{ value: "12.345678912", precision: 20 }, "usd", "12.345679", "1"],
    [{ value: "12.3456781", precision: 20 }, "usd", "12.345679", "1"],
    [{ value: "12.345678", precision: 20 }, "usd", "12.345678", "1"],
    [new BigNumber("99.999999999"), "usd", "100", "1"],
    [14.98, "eur", "16.1784", "1.08"],
    [14.98, "EUR", "16.1784", "1.08"],
    [0.01, "eur", "0.0108", "1.08"],
    [1999, "jpy", "13.3933", "0.0067"],
    [1.234, "kwd", "4.0105", "3.25"],
  ])("%p %s -> %s USDT at %s", (amount, currency, usdt, rate) => {
    expect(quoteUsdt(amount as never, currency, rates)).toEqual({ usdt, rate, currencyCode: currency.toLowerCase() })
  })

  it("lets the store override the USD rate (e.g. a buffer)", () => {
    expect(quoteUsdt(100, "usd", { usd: "1.002" }).usdt).toBe("100.2")
  })

  it("names the currency that has no rate", () => {
    try {
      quoteUsdt(10, "gbp", rates)
      throw new Error("no error")
    } catch (e) {
      expect(e).toBeInstanceOf(MedusaError)
      expect((e as MedusaError).code).toBe("threepay_currency_not_supported")
      expect((e as Error).message).toContain("GBP")
      expect((e as Error).message).toContain('"gbp"')
    }
  })

  it.each([0, -5, "abc"])("refuses %p", (amount) => {
    expect(() => quoteUsdt(amount as never, "usd", rates)).toThrow(MedusaError)
  })
})
