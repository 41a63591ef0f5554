/**
 * Fiat (the Medusa region's currency) to USDT, exactly. Medusa hands amounts
 * as number, string, `{ value, precision }` or BigNumber; MathBN reads them all.
 * The USDT amount is rounded UP to 6 decimals: a shopper may pay a fraction of
 * a cent more, never less than the order is worth.
 */
import { MathBN } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { normalizeUsdt, toMicro } from "medusa-payment-3pay-client"
import { ThreePayError } from "./errors"

/** bignumber.js ROUND_UP: away from zero. */
const ROUND_UP = 0

export type UsdtQuote = {
  /** USDT to ask for, canonical decimal string. */
  usdt: string
  /** USDT per one unit of the currency, as used. */
  rate: string
  currencyCode: string
}

export function quoteUsdt(
  amount: BigNumberInput,
  currencyCode: string,
  exchangeRates: Record<string, string>
): UsdtQuote {
  const code = currencyCode.toLowerCase()
  const rate = exchangeRates[code] ?? (code === "usd" ? "1" : undefined)
  if (!rate) {
    throw new ThreePayError(
      "threepay_currency_not_supported",
      `USDT payments are not set up for ${code.toUpperCase()}: add an exchange rate for "${code}" to the 3PAY plugin's \`exchangeRates\` option, or use a USD region.`
    )
  }
  let value
  try {
    value = MathBN.mult(MathBN.convert(amount), MathBN.convert(rate))
  } catch {
    value = null
  }
  if (!value || !value.isFinite()) {
    throw new ThreePayError("threepay_amount_invalid", "The amount to pay is not a number.")
  }
  const usdt = normalizeUsdt(value.decimalPlaces(6, ROUND_UP).toFixed(6), "exact")
  if (toMicro(usdt) <= 0n) {
    throw new ThreePayError("threepay_amount_invalid", "The amount to pay must be greater than zero.")
  }
  return { usdt, rate, currencyCode: code }
}
