/**
 * Settings chosen in the admin, bounded by the options in medusa-config.ts:
 * options give the defaults and the outer bounds (a network the options do
 * not enable cannot be switched on from the admin).
 */
import { MedusaError } from "@medusajs/framework/utils"
import { NETWORKS, parseNetwork, type Network } from "medusa-payment-3pay-client"
import { InvalidAmountError, normalizeUsdt, toMicro } from "medusa-payment-3pay-client"
import { ERROR_CODES } from "../../lib/error-codes"
import { FLOWS, type Flow, type ThreePayOptions } from "../../lib/options"

/** Limits of what the admin may set (the page shows them too). */
export const SETTINGS_BOUNDS = {
  invoiceTimerMinutes: { min: 5, max: 1440 },
  /** USDT. */
  underpaymentTolerance: { min: "0", max: "100" },
} as const

export type EffectiveSettings = {
  networks: Network[]
  defaultNetwork: Network
  invoiceTimerMinutes: number
  underpaymentTolerance: string
  flow: Flow
  /** What the options allow, for the admin page. */
  bounds: { networks: Network[] }
  updatedBy: string | null
  updatedAt: string | null
}

export type SettingsInput = {
  networks?: string[]
  defaultNetwork?: string
  invoiceTimerMinutes?: number
  underpaymentTolerance?: string | number
  flow?: string
}

type Row = {
  enabled_networks?: string[] | null
  default_network?: string | null
  invoice_timer_minutes?: number | null
  underpayment_tolerance?: string | null
  flow?: string | null
  updated_by?: string | null
  updated_at?: Date | string | null
}

export function effectiveSettings(o: ThreePayOptions, row: Row | null): EffectiveSettings {
  const saved = (row?.enabled_networks ?? [])
    .map((n) => parseNetwork(n))
    .filter((n): n is Network => !!n && o.networks.includes(n))
  const networks = saved.length ? NETWORKS.filter((n) => saved.includes(n)) : [...o.networks]
  const savedDefault = parseNetwork(row?.default_network)
  const defaultNetwork =
    savedDefault && networks.includes(savedDefault)
      ? savedDefault
      : networks.includes(o.defaultNetwork)
        ? o.defaultNetwork
        : networks[0]
  const flow = (FLOWS as readonly string[]).includes(row?.flow ?? "") ? (row!.flow as Flow) : o.flow
  return {
    networks,
    defaultNetwork,
    invoiceTimerMinutes: row?.invoice_timer_minutes ?? o.invoiceTimerMinutes,
    underpaymentTolerance: row?.underpayment_tolerance ?? o.underpaymentTolerance,
    flow,
    bounds: { networks: [...o.networks] },
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ? new Date(row.updated_at).toISOString() : null,
  }
}

function invalid(field: string, message: string): never {
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `${field}: ${message}`, ERROR_CODES.SETTINGS_INVALID)
}

/** Merges a partial update into the current settings and checks every rule. */
export function validateSettingsInput(
  o: ThreePayOptions,
  current: EffectiveSettings,
  input: SettingsInput
): Omit<EffectiveSettings, "bounds" | "updatedBy" | "updatedAt"> {
  let networks = current.networks
  if (input.networks !== undefined) {
    const parsed = input.networks.map((n) => parseNetwork(n) ?? invalid("networks", `unknown network "${n}"`))
    if (!parsed.length) invalid("networks", "enable at least one network")
    for (const n of parsed) {
      if (!o.networks.includes(n)) {
        invalid("networks", `${n} is not enabled in the plugin options (medusa-config.ts allows ${o.networks.join(", ")})`)
      }
    }
    networks = NETWORKS.filter((n) => parsed.includes(n))
  }
  let defaultNetwork = current.defaultNetwork
  if (input.defaultNetwork !== undefined) {
    defaultNetwork = parseNetwork(input.defaultNetwork) ?? invalid("defaultNetwork", `unknown network "${input.defaultNetwork}"`)
  } else if (!networks.includes(defaultNetwork)) {
    defaultNetwork = networks[0]
  }
  if (!networks.includes(defaultNetwork)) {
    invalid("defaultNetwork", `${defaultNetwork} must be one of the enabled networks (${networks.join(", ")})`)
  }
  const timer = input.invoiceTimerMinutes ?? current.invoiceTimerMinutes
  const { min, max } = SETTINGS_BOUNDS.invoiceTimerMinutes
  if (!Number.isInteger(timer) || timer < min || timer > max) {
    invalid("invoiceTimerMinutes", `must be a whole number of minutes from ${min} to ${max}`)
  }
  let tolerance = current.underpaymentTolerance
  if (input.underpaymentTolerance !== undefined) {
    try {
      tolerance = normalizeUsdt(input.underpaymentTolerance, "exact")
    } catch (e) {
      invalid("underpaymentTolerance", e instanceof InvalidAmountError ? e.message : "is not an amount")
    }
    if (toMicro(tolerance) < 0n) invalid("underpaymentTolerance", "must not be negative")
    const cap = SETTINGS_BOUNDS.underpaymentTolerance.max
    if (toMicro(tolerance) > toMicro(cap)) invalid("underpaymentTolerance", `must be at most ${cap} USDT`)
  }
  let flow = current.flow
  if (input.flow !== undefined) {
    if (!(FLOWS as readonly string[]).includes(input.flow)) invalid("flow", `must be one of ${FLOWS.join(", ")}`)
    flow = input.flow as Flow
  }
  return { networks, defaultNetwork, invoiceTimerMinutes: timer, underpaymentTolerance: tolerance, flow }
}
