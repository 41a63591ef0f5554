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

/**
 * The same provider registered a second time, with id "wallet" and
 * `mode: "wallet"`: a logged-in customer pays from their USDT balance, or
 * to their own permanent address (README, "Customer wallets").
 */
export const THREEPAY_WALLET_PROVIDER_ID = "pp_3pay_wallet"

export function isWalletProvider(providerId: unknown): boolean {
  return providerId === THREEPAY_WALLET_PROVIDER_ID
}

/** A 3PAY provider that pays by invoice (every `pp_3pay_<id>` but the wallet's). */
export function isInvoiceProvider(providerId: unknown): boolean {
  return isThreePayProvider(providerId) && !isWalletProvider(providerId)
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

// ------------------------------------------------------------ customer wallets

const qrSchema = () => z.nullable(z.object({ kind: z.enum(["eip681", "address"]), text: str(), data_url: str() }))

/** One movement of the customer's balance, newest first in lists. */
export const walletEntrySchema = z.object({
  id: str(),
  /** deposit (in), hold (reserved for an order), release (back), debit (paid an order), adjustment (by the store). */
  kind: z.enum(["deposit", "hold", "release", "debit", "adjustment"]),
  /** USDT, as the entry wrote it; an adjustment may be negative. */
  amount: str(),
  /** The entry's effect on the available balance: "+15.5", "-15.5", "0" (a debit of held money). */
  change: str(),
  network: z.nullable(z.enum(WIRE_NETWORKS)),
  tx_hash: nstr(),
  tx_explorer_url: nstr(),
  order_id: nstr(),
  cart_id: nstr(),
  /** Why, in words. */
  reason: str(),
  /** Available balance right after it. */
  available_after: str(),
  created_at: str(),
})
export type ThreePayWalletEntry = z.infer<typeof walletEntrySchema>

export const walletAddressSchema = z.object({
  network: z.enum(WIRE_NETWORKS),
  network_label: str(),
  address: str(),
  address_explorer_url: nstr(),
  /** The address alone as a QR (the amount is shown beside it). */
  qr: qrSchema(),
})
export type ThreePayWalletAddress = z.infer<typeof walletAddressSchema>

/** GET /store/3pay/wallet, POST /store/3pay/wallet, POST /store/3pay/wallet/check. */
export const walletSchema = z.object({
  /** False until the customer's addresses exist (POST /store/3pay/wallet creates them). */
  created: z.boolean(),
  addresses: z.array(walletAddressSchema),
  balance: z.object({
    /** What checkout may use now. */
    available: str(),
    /** Reserved for an order being made. */
    held: str(),
    total: str(),
  }),
  /** The newest entries (at most 20). */
  entries: z.array(walletEntrySchema),
  /** The least the store asks a shopper to send ("0": no minimum). */
  min_deposit: str(),
  /** When 3PAY was last asked about this wallet. */
  checked_at: nstr(),
  environment: z.enum(["sandbox", "live"]),
})
export type ThreePayWallet = z.infer<typeof walletSchema>
export const walletResponseSchema = z.object({ wallet: walletSchema })

/** GET /store/3pay/wallet/checkout?cart_id=: a cart paying from its customer's balance. */
export const walletCheckoutSchema = z.object({
  cart_id: str(),
  payment_collection_id: str(),
  session_id: nstr(),
  /** waiting: for a deposit; paid: the order took the balance; canceled: the cart moved on; failed: the store must look. */
  status: z.enum(["waiting", "paid", "canceled", "failed"]),
  network: z.enum(WIRE_NETWORKS),
  network_label: str(),
  /** The customer's permanent address on `network`. */
  address: str(),
  address_explorer_url: nstr(),
  /** USDT the cart costs. */
  amount_due: str(),
  /** The customer's available balance now. */
  balance_available: str(),
  /** USDT still needed beyond the balance ("0" once covered). */
  amount_missing: str(),
  /** What to send: the missing amount, at least `min_deposit` ("0" once covered). */
  amount_to_send: str(),
  min_deposit: str(),
  order_id: nstr(),
  paid_at: nstr(),
  /** The entries that paid it (hold, then debit). */
  entries: z.array(walletEntrySchema),
  /** The address with `amount_to_send` (EIP-681 on ERC20 live), or the address alone; null once paid. */
  qr: qrSchema(),
  environment: z.enum(["sandbox", "live"]),
})
export type ThreePayWalletCheckout = z.infer<typeof walletCheckoutSchema>
export const walletCheckoutResponseSchema = z.object({ checkout: walletCheckoutSchema })

/** Every error of the /store/3pay routes. */
export const storeErrorSchema = z.object({
  type: str(),
  code: str(),
  message: str(),
  retry_after: z.optional(z.number()),
})
export type ThreePayStoreError = z.infer<typeof storeErrorSchema>
