/**
 * Settings chosen in the admin, bounded by the options in medusa-config.ts:
 * options give the defaults and the outer bounds (a network the options do
 * not enable cannot be switched on from the admin).
 */
import { NETWORKS, parseNetwork, type Network } from "medusa-payment-3pay-client"
import { InvalidAmountError, normalizeUsdt, toMicro } from "medusa-payment-3pay-client"
import { ThreePayError } from "../../lib/errors"
import { FLOWS, type Flow, type ThreePayOptions } from "../../lib/options"

/**
 * Limits of what the admin may set (the page shows them too). The tolerance
 * is bounded by the options themselves: the admin may lower it, never raise
 * it above `underpaymentToleranceBps` / `underpaymentTolerance`.
 */
export const SETTINGS_BOUNDS = {
  invoiceTimerMinutes: { min: 5, max: 1440 },
} as const

export type EffectiveSettings = {
  networks: Network[]
  defaultNetwork: Network
  invoiceTimerMinutes: number
  /** Absolute cap of the tolerance, USDT. */
  underpaymentTolerance: string
  /** Relative tolerance in basis points of the amount due; the smaller of the two wins. */
  underpaymentToleranceBps: number
  flow: Flow
  /** What the options allow, for the admin page. */
  bounds: { networks: Network[]; underpaymentTolerance: string; underpaymentToleranceBps: number }
  updatedBy: string | null
  updatedAt: string | null
}

export type SettingsInput = {
  networks?: string[]
  defaultNetwork?: string
  invoiceTimerMinutes?: number
  underpaymentTolerance?: string | number
  underpaymentToleranceBps?: number
  flow?: string
}

type Row = {
  enabled_networks?: string[] | null
  default_network?: string | null
  invoice_timer_minutes?: number | null
  underpayment_tolerance?: string | null
  underpayment_tolerance_bps?: number | null
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
    // A saved value above the options (they were lowered since) is held to them.
    underpaymentTolerance: minUsdt(row?.underpayment_tolerance ?? o.underpaymentTolerance, o.underpaymentTolerance),
    underpaymentToleranceBps: Math.min(row?.underpayment_tolerance_bps ?? o.underpaymentToleranceBps, o.underpaymentToleranceBps),
    flow,
    bounds: {
      networks: [...o.networks],
      underpaymentTolerance: o.underpaymentTolerance,
      underpaymentToleranceBps: o.underpaymentToleranceBps,
    },
    updatedBy: row?.updated_by ?? null,
    updatedAt: row?.updated_at ? new Date(row.updated_at).toISOString() : null,
  }
}

const minUsdt = (a: string, b: string) => (toMicro(a) <= toMicro(b) ? a : b)

function invalid(field: string, message: string): never {
  throw new ThreePayError("threepay_settings_invalid", `${field}: ${message}`)
}

/**
 * The one check of a network a shopper asked for: known (any spelling), and
 * accepted by the store right now. Nothing asked: `fallback` if it is still
 * accepted, else the default network.
 */
export function pickNetwork(settings: Pick<EffectiveSettings, "networks" | "defaultNetwork">, requested: unknown, fallback?: Network): Network {
  const allowed = settings.networks.join(", ")
  if (requested === undefined || requested === null || requested === "") {
    return fallback && settings.networks.includes(fallback) ? fallback : settings.defaultNetwork
  }
  const n = parseNetwork(requested)
  if (!n) throw new ThreePayError("threepay_network_invalid", `Unknown network "${String(requested)}". Choose one of: ${allowed}.`)
  if (!settings.networks.includes(n)) {
    throw new ThreePayError("threepay_network_disabled", `USDT on ${n} is not accepted by this store right now. Choose one of: ${allowed}.`)
  }
  return n
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
    const cap = o.underpaymentTolerance
    if (toMicro(tolerance) > toMicro(cap)) {
      invalid("underpaymentTolerance", `must be at most ${cap} USDT (the \`underpaymentTolerance\` option in medusa-config.ts)`)
    }
  }
  let bps = current.underpaymentToleranceBps
  if (input.underpaymentToleranceBps !== undefined) {
    bps = input.underpaymentToleranceBps
    if (!Number.isInteger(bps) || bps < 0) invalid("underpaymentToleranceBps", "must be a whole number of basis points, 0 or more")
    if (bps > o.underpaymentToleranceBps) {
      invalid(
        "underpaymentToleranceBps",
        `must be at most ${o.underpaymentToleranceBps} (the \`underpaymentToleranceBps\` option in medusa-config.ts)`
      )
    }
  }
  let flow = current.flow
  if (input.flow !== undefined) {
    if (!(FLOWS as readonly string[]).includes(input.flow)) invalid("flow", `must be one of ${FLOWS.join(", ")}`)
    flow = input.flow as Flow
  }
  return {
    networks,
    defaultNetwork,
    invoiceTimerMinutes: timer,
    underpaymentTolerance: tolerance,
    underpaymentToleranceBps: bps,
    flow,
  }
}
