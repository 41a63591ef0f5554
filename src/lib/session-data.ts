/**
 * The payment session's `data`: what Medusa stores and the store API returns
 * to anyone holding the cart. Only what a storefront may show lives here:
 * never a key, a secret or a handoff reference. The provider writes it from a
 * handoff (never from what a storefront sent), and reads back only the fields
 * of `storedSessionSchema`.
 */
import { z } from "zod"
import { NETWORK_INFO, explorerAddressUrl, explorerTxUrl, type Environment, type Network } from "medusa-payment-3pay-client"
import { PAYMENT_STATES, type PaymentState } from "medusa-payment-3pay-client/store-api"
import { FLOWS, type Flow } from "./options"

export type SessionData = {
  network: Network
  currency_type: string
  /** USDT the cart costs (its invoices together), exact decimal string. */
  amount_usdt: string
  currency_code: string
  /** USDT per unit of `currency_code`. */
  exchange_rate: string
  /** The invoice to pay now (the latest of the cart). */
  transaction_id: string
  invoice_no: string | null
  payment_url: string
  wallet_address: string | null
  address_explorer_url: string | null
  expires_at: string | null
  /** Merchant-facing state of the cart's payment. */
  status: PaymentState
  /** USDT counted so far over the cart's invoices, still missing, and beyond the total. */
  amount_received: string
  amount_missing: string
  amount_excess: string
  tx_hash: string | null
  tx_explorer_url: string | null
  environment: Environment
  flow: Flow
  underpayment_tolerance: string
  /** The cart this payment is for (its holder already knows it). */
  cart_id: string | null
  checked_at: string
}

/** What the provider reads back; anything else in `data` is ignored. */
export const storedSessionSchema = z.object({
  network: z.enum(["TRC20", "ERC20"]),
  transaction_id: z.string().min(1),
  amount_usdt: z.string(),
  flow: z.enum(FLOWS).optional(),
  underpayment_tolerance: z.string().optional(),
  status: z.enum(PAYMENT_STATES).optional(),
  environment: z.enum(["sandbox", "live"]).optional(),
})
export type StoredSession = z.infer<typeof storedSessionSchema>

export function buildSessionData(args: {
  network: Network
  environment: Environment
  amountUsdt: string
  currencyCode: string
  exchangeRate: string
  flow: Flow
  tolerance: string
  cartId: string | null
  invoice: {
    transaction_id: string
    invoice_no: string | null
    payment_url: string | null
    wallet_address: string | null
    expires_at: string | null
  }
  state?: PaymentState
  received?: string
  missing?: string
  excess?: string
  txHash?: string | null
  now?: Date
}): SessionData {
  const wallet = args.invoice.wallet_address
  const txHash = args.txHash ?? null
  return {
    network: args.network,
    currency_type: NETWORK_INFO[args.network].currencyType,
    amount_usdt: args.amountUsdt,
    currency_code: args.currencyCode,
    exchange_rate: args.exchangeRate,
    transaction_id: args.invoice.transaction_id,
    invoice_no: args.invoice.invoice_no,
    payment_url: args.invoice.payment_url ?? "",
    wallet_address: wallet,
    address_explorer_url: wallet ? explorerAddressUrl(args.network, args.environment, wallet) : null,
    expires_at: args.invoice.expires_at,
    status: args.state ?? "awaiting_payment",
    amount_received: args.received ?? "0",
    amount_missing: args.missing ?? args.amountUsdt,
    amount_excess: args.excess ?? "0",
    tx_hash: txHash,
    tx_explorer_url: txHash ? explorerTxUrl(args.network, args.environment, txHash) : null,
    environment: args.environment,
    flow: args.flow,
    underpayment_tolerance: args.tolerance,
    cart_id: args.cartId,
    checked_at: (args.now ?? new Date()).toISOString(),
  }
}
