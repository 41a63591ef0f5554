/**
 * The store API's answers (`/store/3pay/...`) as a storefront reads them: one
 * definition for the routes that build them and the React component that
 * parses them, so the two cannot drift apart. It uses `zod/mini` because the
 * component ships in storefront bundles, where size matters.
 *
 * Money is an exact decimal string everywhere: show it as it is, never
 * through a float.
 */
import { z } from "zod/mini"
import { PAYMENT_STATES, type PaymentState } from "./payment-states"

export { PAYMENT_STATES, type PaymentState }

/**
 * The payment provider's id in Medusa. `static identifier = "3pay"` and the
 * `id: "3pay"` of the provider entry in medusa-config.ts make `pp_3pay_3pay`;
 * code that recognises the provider accepts any `pp_3pay_<id>`.
 */
export const THREEPAY_PROVIDER_ID = "pp_3pay_3pay"
export const THREEPAY_PROVIDER_PREFIX = "pp_3pay_"

export function isThreePayProvider(providerId: unknown): boolean {
  return typeof providerId === "string" && providerId.startsWith(THREEPAY_PROVIDER_PREFIX)
}

export const WIRE_NETWORKS = ["TRC20", "ERC20"] as const
export type WireNetwork = (typeof WIRE_NETWORKS)[number]

export const WIRE_STATUSES = PAYMENT_STATES
export type WireStatus = PaymentState

const str = () => z.string()
const nstr = () => z.nullable(z.string())

export const networkConfigSchema = z.object({
  network: z.enum(WIRE_NETWORKS),
  currency_type: str(),
  label: str(),
  chain: str(),
  token: str(),
  decimals: z.number(),
  /** Tether's contract on this chain; null on testnets (sandbox). */
  contract_address: nstr(),
  /** Testnet name in sandbox ("Nile", "Sepolia"), else null. */
  testnet: nstr(),
  explorer: z.object({ name: str(), url: str() }),
  address_hint: str(),
})
export type ThreePayNetworkConfig = z.infer<typeof networkConfigSchema>

export const storeConfigSchema = z.object({
  config: z.object({
    provider_id: str(),
    environment: z.enum(["sandbox", "live"]),
    flow: z.enum(["pay_first", "order_first"]),
    default_network: z.enum(WIRE_NETWORKS),
    invoice_timer_minutes: z.number(),
    wrong_network_warning: str(),
    networks: z.array(networkConfigSchema),
  }),
})
export type ThreePayStoreConfig = z.infer<typeof storeConfigSchema>["config"]

export const paymentStatusSchema = z.object({
  cart_id: str(),
  payment_collection_id: nstr(),
  session_id: nstr(),
  transaction_id: str(),
  invoice_no: nstr(),
  status: z.enum(WIRE_STATUSES),
  /** Plain words for the status ("Underpaid by 1.5 USDT"). */
  status_label: str(),
  network: z.enum(WIRE_NETWORKS),
  network_label: str(),
  chain: str(),
  token: str(),
  currency_type: str(),
  /** `checkout`: the cart's invoice; `top_up`: an invoice for what an earlier, partial payment left missing. */
  kind: z.enum(["checkout", "top_up"]),
  /** USDT to send to this invoice: the amount to show next to the address. */
  amount_usdt: str(),
  /** USDT the cart costs in all. */
  amount_due: str(),
  /** USDT counted so far over all the cart's invoices, still missing, and beyond the total. */
  amount_received: str(),
  amount_missing: str(),
  amount_excess: str(),
  /** Every earlier payment of this cart (what arrived where), oldest first. */
  payments: z.array(
    z.object({
      transaction_id: str(),
      network: z.enum(WIRE_NETWORKS),
      amount_received: str(),
      status: z.enum(WIRE_STATUSES),
      tx_hash: nstr(),
      tx_explorer_url: nstr(),
    })
  ),
  payment_url: nstr(),
  wallet_address: nstr(),
  address_explorer_url: nstr(),
  expires_at: nstr(),
  tx_hash: nstr(),
  tx_explorer_url: nstr(),
  paid_at: nstr(),
  late: z.boolean(),
  /** Set once the cart became an order (by the webhook, the storefront or a check). */
  order_id: nstr(),
  /** True when "Get a new invoice" (POST /store/3pay/renew) can help. */
  can_renew: z.boolean(),
  /**
   * True when part of the total arrived and nothing is being confirmed: POST
   * /store/3pay/renew gives an invoice for exactly `amount_missing`, on `network`.
   */
  can_top_up: z.boolean(),
  /**
   * A QR code for the shopper's wallet as a PNG data URL: `eip681`, an
   * Ethereum token transfer with the amount (ERC20 on live); `address`, the
   * deposit address alone (show the amount beside it). `payment_url` is no
   * longer sent (backends before 0.2 sent 3PAY's page).
   */
  qr: z.nullable(z.object({ kind: z.enum(["eip681", "address", "payment_url"]), text: str(), data_url: str() })),
  environment: z.enum(["sandbox", "live"]),
  /** Opaque version of this answer: send it back as `If-None-Match` to get a 304 when nothing changed. */
  etag: str(),
})
export type ThreePayPaymentStatus = z.infer<typeof paymentStatusSchema>

export const paymentStatusResponseSchema = z.object({ payment: paymentStatusSchema })

export const checkResponseSchema = z.object({
  payment: paymentStatusSchema,
  check: z.object({
    tx_hash: str(),
    /** true: 3PAY reports this transaction on the invoice; false: another one; null: none yet. */
    matched: z.nullable(z.boolean()),
    message: str(),
  }),
})
export type ThreePayCheckResult = z.infer<typeof checkResponseSchema>

/** Every error of the /store/3pay routes. */
export const storeErrorSchema = z.object({
  type: str(),
  code: str(),
  message: str(),
  retry_after: z.optional(z.number()),
})
export type ThreePayStoreError = z.infer<typeof storeErrorSchema>
