/**
 * Fiat (the Medusa region's currency) to USDT, exactly. Medusa hands amounts
 * as number, string, `{ value, precision }` or BigNumber; MathBN reads them all.
 * The USDT amount is rounded UP to 6 decimals: a shopper may pay a fraction of
 * a cent more, never less than the order is worth.
 */
import { MathBN, MedusaError } from "@medusajs/framework/utils"
import type { BigNumberInput } from "@medusajs/framework/types"
import { normalizeUsdt, toMicro } from "medusa-payment-3pay-client"
import { ERROR_CODES } from "./error-codes"

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
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `USDT payments are not set up for ${code.toUpperCase()}: add an exchange rate for "${code}" to the 3PAY plugin's \`exchangeRates\` option, or use a USD region.`,
      ERROR_CODES.CURRENCY_NOT_SUPPORTED
    )
  }
  let value
  try {
    value = MathBN.mult(MathBN.convert(amount), MathBN.convert(rate))
  } catch {
    value = null
  }
  if (!value || !value.isFinite()) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `The amount to pay is not a number.`, ERROR_CODES.AMOUNT_INVALID)
  }
  const usdt = normalizeUsdt(value.decimalPlaces(6, ROUND_UP).toFixed(6), "exact")
  if (toMicro(usdt) <= 0n) {
    throw new MedusaError(
      MedusaError.Types.INVALID_DATA,
      `The amount to pay must be greater than zero.`,
      ERROR_CODES.AMOUNT_INVALID
    )
  }
  return { usdt, rate, currencyCode: code }
}

/** A USDT amount back in the region's currency, for display only. */
export function usdtToFiat(usdt: string, rate: string): string {
  return MathBN.div(MathBN.convert(usdt), MathBN.convert(rate)).toFixed()
}
