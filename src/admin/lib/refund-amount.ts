/**
 * The refund form's amount, checked as the admin types it: an exact decimal
 * string turned into micro-USDT (a bigint) by the client's one USDT parser,
 * compared with what the server says is refundable. No floats anywhere; the
 * server checks again (this only spares the admin a refused request).
 */
import { fromMicro, toMicro } from "medusa-payment-3pay-client/usdt"

export type RefundAmountCheck =
  | { ok: true; /** Canonical decimal string, what is sent. */ amount: string; micro: bigint }
  | { ok: false; reason: "empty" | "format" | "decimals" | "zero" | "over"; message: string }

const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/

export function checkRefundAmount(input: string, refundable: string): RefundAmountCheck {
  const s = input.trim()
  if (s === "") return { ok: false, reason: "empty", message: "Enter the amount to refund in USDT." }
  if (/^\d+,\d+$/.test(s)) return { ok: false, reason: "format", message: "Use a point for decimals, e.g. 12.5." }
  if (!PLAIN_DECIMAL.test(s)) return { ok: false, reason: "format", message: "Enter a USDT amount such as 12.5 (digits and one point)." }
  let micro: bigint
  try {
    micro = toMicro(s, "exact")
  } catch {
    return { ok: false, reason: "decimals", message: "USDT has 6 decimals at most (0.000001 is the smallest amount)." }
  }
  if (micro <= 0n) return { ok: false, reason: "zero", message: "The amount must be more than 0." }
  if (micro > toMicro(refundable, "exact")) {
    return { ok: false, reason: "over", message: `At most ${fromMicro(toMicro(refundable, "exact"))} USDT can be refunded on this payment.` }
  }
  return { ok: true, amount: fromMicro(micro), micro }
}
