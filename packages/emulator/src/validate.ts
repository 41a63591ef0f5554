import type { Network } from "medusa-payment-3pay-client"
import { toMicro } from "medusa-payment-3pay-client"
import { badRequest } from "./http"

const CURRENCY_TYPES: Record<string, Network> = { "USDT-TRC20": "TRC20", "USDT-ERC20": "ERC20" }

/** Exactly `USDT-TRC20` or `USDT-ERC20`, as 3PAY documents them. */
export function currencyTypeParam(value: unknown, field = "currencyType"): Network {
  if (typeof value !== "string" || !(value in CURRENCY_TYPES)) {
    throw badRequest(`${field} must be USDT-TRC20 or USDT-ERC20 (got ${JSON.stringify(value ?? null)})`)
  }
  return CURRENCY_TYPES[value]
}

/**
 * A positive USDT amount with at most 6 decimals, as a decimal string or a
 * JSON number; returns micro-USDT.
 */
export function amountParam(value: unknown, field = "amount"): bigint {
  let text: string
  if (typeof value === "number" && Number.isFinite(value)) text = String(value)
  else if (typeof value === "string") text = value.trim()
  else throw badRequest(`${field} is required and must be a number`)
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text) && !(typeof value === "number" && /e-/i.test(text))) {
    throw badRequest(`${field} must be a positive number (got ${JSON.stringify(value)})`)
  }
  let micro: bigint
  try {
    micro = toMicro(typeof value === "number" ? value : text.startsWith(".") ? `0${text}` : text.replace(/\.$/, ""))
  } catch {
    throw badRequest(`${field} has more than 6 decimals (USDT has 6)`)
  }
  if (micro <= 0n) throw badRequest(`${field} must be greater than 0`)
  return micro
}

export function urlParam(value: unknown, field: string): string | null {
  if (value === undefined || value === null || value === "") return null
  if (typeof value !== "string") throw badRequest(`${field} must be a URL`)
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw badRequest(`${field} is not a valid URL`)
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw badRequest(`${field} must be an http(s) URL`)
  return value
}

export function stringField(body: Record<string, unknown>, field: string, opts: { required?: boolean; max?: number } = {}): string | null {
  const v = body[field]
  if (v === undefined || v === null || v === "") {
    if (opts.required) throw badRequest(`${field} is required`)
    return null
  }
  if (typeof v !== "string") throw badRequest(`${field} must be a string`)
  if (v.length > (opts.max ?? 500)) throw badRequest(`${field} is longer than ${opts.max ?? 500} characters`)
  return v
}

export function emailField(body: Record<string, unknown>, field: string, required = false): string | null {
  const v = stringField(body, field, { required, max: 320 })
  if (v !== null && !/^[^\s@]+@[^\s@]+$/.test(v)) throw badRequest(`${field} is not a valid email address`)
  return v
}

/** ISO date or date-time; a bare date as `toDate` means the end of that day. */
export function dateParam(value: string | null, field: string, endOfDay = false): number | null {
  if (!value) return null
  const bareDate = /^\d{4}-\d{2}-\d{2}$/.test(value)
  const t = Date.parse(bareDate ? `${value}T00:00:00.000Z` : value)
  if (Number.isNaN(t)) throw badRequest(`${field} is not a valid date`)
  return bareDate && endOfDay ? t + 24 * 3600 * 1000 - 1 : t
}
