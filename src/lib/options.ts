/**
 * The plugin's options: one object, given both to the plugin entry and to the
 * payment provider entry in medusa-config.ts. Validated once with zod; a wrong
 * value stops Medusa's boot with a message that names the option.
 */
import { z } from "zod"
import { NETWORKS, parseNetwork, type Network } from "medusa-payment-3pay-client"
import { InvalidAmountError, normalizeUsdt, toMicro } from "medusa-payment-3pay-client"
import { DEFAULT_TIER_LIMITS, FIFTEEN_MINUTES_MS, RATE_TIERS_ORDER, type RateTier, type TierLimit } from "medusa-payment-3pay-client"

export const FLOWS = ["pay_first", "order_first"] as const
export type Flow = (typeof FLOWS)[number]

const network = z.string().transform((v, ctx) => {
  const n = parseNetwork(v)
  if (!n) {
    ctx.addIssue({ code: "custom", message: `unknown network "${v}"; use one of ${NETWORKS.join(", ")}` })
    return z.NEVER
  }
  return n
})

/** A non-negative decimal (string or number) as a canonical USDT string. */
const usdtAmount = z.union([z.string(), z.number()]).transform((v, ctx) => {
  try {
    const s = normalizeUsdt(v, "exact")
    if (toMicro(s) < 0n) throw new InvalidAmountError(v, "must not be negative")
    return s
  } catch (e) {
    ctx.addIssue({ code: "custom", message: (e as Error).message })
    return z.NEVER
  }
})

/** A positive decimal rate as a string ("1.08"), kept exact for MathBN. */
const rate = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const s = String(v).trim()
  if (!/^\d+(\.\d+)?$/.test(s) || /^0+(\.0+)?$/.test(s)) {
    ctx.addIssue({ code: "custom", message: `"${v}" is not a positive decimal rate` })
    return z.NEVER
  }
  return s
})

const intFromEnv = (min: number, max: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v),
    z.number().int().min(min).max(max)
  )

const url = z.string().trim().url()

/**
 * `retention`: how much of the webhook ledger is kept (job
 * src/jobs/prune-3pay-ledger.ts, hourly), so that neither time nor a flood
 * of requests to /hooks/3pay grows the database without bound. Events that
 * still matter (pending, failed, dead) are never pruned.
 */
export const retentionOptionsSchema = z
  .object({
    /** Delivery rows (one per POST to /hooks/3pay) and the hourly counts are kept this many days. */
    deliveryDays: intFromEnv(1, 3650).default(30),
    /** Applied or ignored events are kept this many days after their last delivery. */
    eventDays: intFromEnv(1, 3650).default(90),
    /** Refused deliveries (forged, oversized, malformed) are kept as rows this many days; their counts stay for `deliveryDays`. */
    rejectedDays: intFromEnv(1, 3650).default(7),
    /** Refused deliveries stored one row each per hour and outcome; beyond, they are only counted. */
    rejectedRowsPerHour: intFromEnv(0, 100_000).default(100),
    /** Delivery rows stored per event; further repeats of the same body only raise the event's counter. */
    deliveriesPerEvent: intFromEnv(1, 10_000).default(20),
  })
  .strict()

/**
 * `emails`: the opt-in subscriber src/subscribers/threepay-emails.ts sends the
 * payment instructions when an invoice is created and a receipt when it is
 * paid, through Medusa's Notification Module (channel "email").
 */
export const emailsOptionsSchema = z
  .object({
    enabled: z.boolean().default(false),
    /**
     * "content": the plugin writes subject, text and HTML (for providers that
     * send what they are given: the local one, SMTP, Resend, SendGrid without
     * a template). "template": only `template` and `data` are sent, for
     * providers that render templates of their own (SendGrid dynamic templates).
     */
    render: z.enum(["content", "template"]).default("content"),
    /** Template ids (or names) the provider receives. */
    templates: z
      .object({
        paymentInstructions: z.string().trim().min(1).default("threepay-payment-instructions"),
        paymentReceived: z.string().trim().min(1).default("threepay-payment-received"),
      })
      .strict()
      .prefault({}),
    /** Sender, when the provider does not set one itself. */
    from: z.string().trim().min(1).optional(),
    /** The store's name as the emails say it. */
    storeName: z.string().trim().min(1).default("our store"),
  })
  .strict()

/**
 * `wallets`: customers' own USDT addresses and a credit balance (README,
 * "Customer wallets"). Checkout with the balance needs a second entry of the
 * payment provider with `mode: "wallet"` (id "wallet": `pp_3pay_wallet`).
 */
export const walletsOptionsSchema = z
  .object({
    enabled: z.boolean().default(false),
    /**
     * What 3PAY's per-user balance means (its docs do not say): "running", the
     * net of every deposit, never lowered by sweeps (any difference from the
     * ledger is flagged); "swept", deposits move to the merchant wallet (only a
     * 3PAY balance above what the ledger credited is flagged).
     */
    balanceModel: z.enum(["running", "swept"]).default("running"),
    /** The least a shopper is asked to send (3PAY may keep a deposit below its fee); "0": no minimum. */
    minDeposit: usdtAmount.default("0"),
    /** How long after an address was shown reconciliation keeps looking for a deposit to it (minutes). */
    watchMinutes: intFromEnv(1, 7 * 24 * 60).default(24 * 60),
  })
  .strict()

export const optionsSchema = z
  .object({
    apiKey: z.string().trim().min(1, "is required (your 3PAY API key)"),
    apiSecret: z.string().trim().min(1).optional(),
    webhookSecret: z.string().trim().min(1).optional(),
    /** The secret before a rotation, accepted until every old delivery is in. */
    previousWebhookSecret: z.string().trim().min(1).optional(),
    environment: z.enum(["sandbox", "live"]).default("sandbox"),
    baseUrl: url.optional(),
    networks: z.array(network).min(1, "must name at least one network").default([...NETWORKS]),
    defaultNetwork: network.optional(),
    invoiceTimerMinutes: intFromEnv(1, 1440).default(30),
    /**
     * What the store forgives when a shopper sends slightly less (an
     * exchange's withdrawal fee): at most `underpaymentToleranceBps` basis
     * points of the amount due, and at most `underpaymentTolerance` USDT;
     * the smaller wins. Both are also the ceiling of the admin's settings.
     */
    underpaymentTolerance: usdtAmount.default("0"),
    underpaymentToleranceBps: intFromEnv(0, 10_000).default(0),
    flow: z.enum(FLOWS).default("pay_first"),
    backendUrl: url.optional(),
    returnUrl: z.string().trim().min(1).optional(),
    exchangeRates: z.record(z.string(), rate).default({}),
    requestTimeoutMs: intFromEnv(1000, 120_000).optional(),
    /**
     * Fresh invoices one cart may create per 15 minutes, and the share of
     * 3PAY's 20 invoices per 15 minutes one shopper's client may take (0.5:
     * at most 10). Without them one client could spend the store's whole
     * checkout capacity.
     */
    maxInvoicesPerCart: intFromEnv(1, 20).default(5),
    clientInvoiceShare: z
      .preprocess((v) => (typeof v === "string" && v.trim() !== "" ? Number(v) : v), z.number().gt(0).max(1))
      .default(0.5),
    /**
     * Shared with the storefront server (Next.js server actions and the like):
     * it signs the shopper's IP in `x-3pay-client` (the storefront package's `/server` entry),
     * so the per-client quota counts shoppers, not the storefront server.
     * Unsigned or wrongly signed claims are ignored.
     */
    storefrontSecret: z.string().min(16, "must be at least 16 characters").optional(),
    /**
     * Where the shopper's IP is read when no storefront server vouches for it.
     * Unset: the TCP peer (cannot be forged). Behind your own proxy or CDN, the
     * header it sets (`x-forwarded-for`, `cf-connecting-ip`...) and, for
     * x-forwarded-for, how many proxies of yours append to it.
     */
    clientIpHeader: z.string().trim().toLowerCase().min(1).optional(),
    clientIpHops: intFromEnv(1, 10).default(1),
    /** Largest webhook body accepted by /hooks/3pay. */
    webhookMaxBytes: intFromEnv(1024, 1_048_576).default(65_536),
    /**
     * Only on a payment-provider entry: "wallet" makes that entry the
     * checkout from a customer's balance (register it with id "wallet").
     */
    mode: z.enum(["invoice", "wallet"]).default("invoice"),
    /** Customer wallets: permanent addresses, a credit ledger, checkout from the balance. */
    wallets: walletsOptionsSchema.prefault({}),
    /**
     * Which balance 3PAY draws a refund's user withdrawal from (its docs leave
     * it open; docs/3pay-wire-format.md): "merchant" (the API page's "deducted
     * from the merchant balance"), or "user": the user's balance must cover it,
     * so the refund first credits it with `updateBalance` (sent once).
     */
    refundFundsFrom: z.enum(["merchant", "user"]).default("merchant"),
    /** Payment-instructions and payment-received emails (off by default). */
    emails: emailsOptionsSchema.prefault({}),
    /** How long the webhook ledger keeps deliveries and processed events, and how refused ones are capped. */
    retention: retentionOptionsSchema.prefault({}),
    /**
     * Calls per 15 minutes 3PAY allows this account, for an account whose
     * limits 3PAY raised (or the emulator, whose limits can be switched off).
     * Default: the published 20 invoice creations, 100 standard and 30
     * financial calls. The plugin's shared budget stays below them.
     */
    rateLimits: z
      .object({
        walletGen: intFromEnv(1, 1_000_000).optional(),
        standard: intFromEnv(1, 1_000_000).optional(),
        financial: intFromEnv(1, 1_000_000).optional(),
      })
      .strict()
      .optional(),
  })
  .transform((o, ctx) => {
    const networks = [...new Set(o.networks)] as Network[]
    const defaultNetwork = o.defaultNetwork ?? (networks.includes("TRC20") ? "TRC20" : networks[0])
    if (!networks.includes(defaultNetwork)) {
      ctx.addIssue({
        code: "custom",
        path: ["defaultNetwork"],
        message: `"${defaultNetwork}" is not among the enabled networks (${networks.join(", ")})`,
      })
      return z.NEVER
    }
    if (o.returnUrl) {
      try {
        new URL(o.returnUrl.replace(/\{cart_id\}/g, "cart"))
      } catch {
        ctx.addIssue({ code: "custom", path: ["returnUrl"], message: "is not a URL" })
        return z.NEVER
      }
    }
    const exchangeRates: Record<string, string> = {}
    for (const [code, r] of Object.entries(o.exchangeRates)) exchangeRates[code.toLowerCase()] = r
    return {
      ...o,
      networks,
      defaultNetwork,
      exchangeRates,
      backendUrl: o.backendUrl?.replace(/\/+$/, ""),
    }
  })

/** 3PAY's tiers as the options say (rateLimits), for the shared budget and the invoice quotas. */
export function tierLimitsOf(o: Pick<z.output<typeof optionsSchema>, "rateLimits">): Record<RateTier, TierLimit> {
  const limits = { ...DEFAULT_TIER_LIMITS }
  for (const tier of RATE_TIERS_ORDER) {
    const limit = o.rateLimits?.[tier]
    if (limit) limits[tier] = { limit, windowMs: FIFTEEN_MINUTES_MS }
  }
  return limits
}

export type ThreePayOptionsInput = z.input<typeof optionsSchema>
export type ThreePayOptions = z.output<typeof optionsSchema>

export class InvalidOptionsError extends Error {
  readonly code = "threepay_invalid_options"
  constructor(readonly issues: string[]) {
    super(`medusa-payment-3pay: invalid options:\n  - ${issues.join("\n  - ")}`)
    this.name = "InvalidOptionsError"
  }
}

const KNOWN_KEYS = Object.keys(optionsSchema.in.shape)

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)])
  for (let j = 1; j <= b.length; j++) d[0][j] = j
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++)
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
  return d[a.length][b.length]
}

/**
 * Medusa adds keys of its own to module options (`database`, ...), so unknown
 * keys are allowed, except those that look like a misspelt option of ours
 * (`apikey`, `webhookSecrett`): those stop the boot.
 */
function misspelt(input: Record<string, unknown>): string[] {
  const issues: string[] = []
  for (const key of Object.keys(input)) {
    if (KNOWN_KEYS.includes(key)) continue
    const near = KNOWN_KEYS.find((k) => k.toLowerCase() === key.toLowerCase() || distance(k.toLowerCase(), key.toLowerCase()) <= 2)
    if (near) issues.push(`unknown option "${key}" (did you mean \`${near}\`?)`)
  }
  return issues
}

/** Parses options; throws InvalidOptionsError naming each bad option. */
export function parseOptions(input: unknown): ThreePayOptions {
  const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>
  const typos = misspelt(raw)
  const r = optionsSchema.safeParse(raw)
  if (r.success && !typos.length) return r.data
  const issues = [...typos, ...(r.success ? [] : r.error.issues)].map((i) => {
    if (typeof i === "string") return i
    const name = i.path.length ? i.path.join(".") : "options"
    if (i.code === "unrecognized_keys") return `unknown option(s) ${i.keys.map((k) => `"${k}"`).join(", ")}`
    return `\`${name}\` ${i.message}`
  })
  throw new InvalidOptionsError(issues)
}

/** The options minus every secret: safe for logs, admin pages and errors. */
export function publicOptions(o: ThreePayOptions) {
  const { apiKey, apiSecret, webhookSecret, previousWebhookSecret, ...rest } = o
  return {
    ...rest,
    apiKeySet: !!apiKey,
    // Only for keys long enough that 4 characters give nothing away.
    apiKeyLast4: apiKey.length >= 12 ? apiKey.slice(-4) : null,
    apiSecretSet: !!apiSecret,
    webhookSecretSet: !!webhookSecret,
    previousWebhookSecretSet: !!previousWebhookSecret,
  }
}
