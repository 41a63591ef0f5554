/**
 * Exact USDT amounts. USDT has 6 decimals on TRON and Ethereum, so every
 * amount is an integer number of micro-USDT; we hold it as a bigint and speak
 * decimal strings at the edges. No binary floating point is used for money.
 */
export const USDT_DECIMALS = 6
const SCALE = 10n ** BigInt(USDT_DECIMALS)
const DECIMAL_RE = /^(-)?(\d+)(?:\.(\d+))?$/

export class InvalidAmountError extends Error {
  readonly code = "invalid_amount"
  constructor(readonly input: unknown, reason: string) {
    super(`Invalid USDT amount ${JSON.stringify(String(input))}: ${reason}`)
    this.name = "InvalidAmountError"
  }
}

export type Rounding = "exact" | "up" | "down" | "half-up"

/**
 * Turns a number as 3PAY sends it (JSON number) into its decimal string. JS
 * prints the shortest string that reads back as the same double, which is the
 * decimal 3PAY wrote for any amount of up to 15 significant digits (every
 * USDT amount below 10^9 with 6 decimals).
 */
function numberToDecimal(n: number): string {
  if (!Number.isFinite(n)) throw new InvalidAmountError(n, "not a finite number")
  const s = String(n)
  if (!/e/i.test(s)) return s
  // 1e-7 and similar: expand the exponent without arithmetic.
  const [mant, expStr] = s.toLowerCase().split("e")
  const exp = Number(expStr)
  const neg = mant.startsWith("-")
  const [int, frac = ""] = mant.replace("-", "").split(".")
  const digits = int + frac
  const point = int.length + exp
  let out: string
  if (point <= 0) out = "0." + "0".repeat(-point) + digits
  else if (point >= digits.length) out = digits + "0".repeat(point - digits.length)
  else out = digits.slice(0, point) + "." + digits.slice(point)
  return (neg ? "-" : "") + out
}

/** Parses a decimal string or number into micro-USDT. */
export function toMicro(input: string | number, rounding: Rounding = "exact"): bigint {
  const s = typeof input === "number" ? numberToDecimal(input) : input.trim()
  const m = DECIMAL_RE.exec(s)
  if (!m) throw new InvalidAmountError(input, "expected a decimal number such as 12.5")
  const [, sign, int, frac = ""] = m
  let micro = BigInt(int) * SCALE + BigInt((frac + "000000").slice(0, USDT_DECIMALS))
  const rest = frac.slice(USDT_DECIMALS)
  if (rest && /[1-9]/.test(rest)) {
    if (rounding === "exact") {
      throw new InvalidAmountError(input, `more than ${USDT_DECIMALS} decimals`)
    }
    if (rounding === "up" && !sign) micro += 1n
    if (rounding === "down" && sign) micro += 1n
    if (rounding === "half-up" && rest[0] >= "5") micro += 1n
  }
  return sign ? -micro : micro
}

/** micro-USDT to a canonical decimal string: "12.5", "0.000001", "100". */
export function fromMicro(micro: bigint): string {
  const neg = micro < 0n
  const abs = neg ? -micro : micro
  const int = abs / SCALE
  const frac = (abs % SCALE).toString().padStart(USDT_DECIMALS, "0").replace(/0+$/, "")
  return `${neg ? "-" : ""}${int}${frac ? "." + frac : ""}`
}

/** Normalises any accepted amount to the canonical decimal string. */
export function normalizeUsdt(input: string | number, rounding: Rounding = "half-up"): string {
  return fromMicro(toMicro(input, rounding))
}

export function compareUsdt(a: string | number, b: string | number): -1 | 0 | 1 {
  const x = toMicro(a, "half-up")
  const y = toMicro(b, "half-up")
  return x < y ? -1 : x > y ? 1 : 0
}

export function addUsdt(a: string | number, b: string | number): string {
  return fromMicro(toMicro(a, "half-up") + toMicro(b, "half-up"))
}

export function subUsdt(a: string | number, b: string | number): string {
  return fromMicro(toMicro(a, "half-up") - toMicro(b, "half-up"))
}

export function maxUsdt(a: string, b: string): string {
  return compareUsdt(a, b) >= 0 ? a : b
}

export function isZeroUsdt(a: string | number): boolean {
  return toMicro(a, "half-up") === 0n
}
