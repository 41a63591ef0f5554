/**
 * The payment session's `data`: what Medusa stores and the store API returns
 * to anyone holding the cart. Only what a storefront may show lives here:
 * never a key, a secret or an internal token. The provider rewrites every
 * field it relies on, so nothing a storefront sends survives into a decision.
 */
import { z } from "zod"
import { NETWORK_INFO, explorerAddressUrl, explorerTxUrl, type Environment, type Network } from "medusa-payment-3pay-client"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import type { Assessment, PaymentState } from "./payment-state"
import { PAYMENT_STATES } from "./payment-state"
import { FLOWS, type Flow } from "./options"

export type SessionData = {
  network: Network
  currency_type: string
  /** USDT due, exact decimal string. */
  amount_usdt: string
  currency_code: string
  /** USDT per unit of `currency_code`. */
  exchange_rate: string
  transaction_id: string
  invoice_no: string | null
  payment_url: string
  wallet_address: string | null
  address_explorer_url: string | null
  expires_at: string | null
  /** Merchant-facing state (see payment-state.ts). */
  status: PaymentState
  /** 3PAY's own status word. */
  threepay_status: string
  amount_received: string
  amount_missing: string
  amount_excess: string
  tx_hash: string | null
  tx_explorer_url: string | null
  environment: Environment
  flow: Flow
  underpayment_tolerance: string
  cart_id: string | null
  checked_at: string
}

/** Reads back what the provider wrote; anything else is treated as absent. */
export const storedSessionSchema = z.object({
  network: z.enum(["TRC20", "ERC20"]),
  transaction_id: z.string().min(1),
  amount_usdt: z.string(),
  currency_code: z.string().optional(),
  exchange_rate: z.string().optional(),
  flow: z.enum(FLOWS).optional(),
  underpayment_tolerance: z.string().optional(),
  status: z.enum(PAYMENT_STATES).optional(),
  cart_id: z.string().nullable().optional(),
  environment: z.enum(["sandbox", "live"]).optional(),
  invoice_no: z.string().nullable().optional(),
  payment_url: z.string().optional(),
  wallet_address: z.string().nullable().optional(),
  expires_at: z.string().nullable().optional(),
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
    transactionId: string
    invoiceNo: string | null
    paymentUrl: string | null
    walletAddress: string | null
    expiresAt: string | null
  }
  details?: InvoiceDetails | null
  assessment?: Assessment | null
  now?: Date
}): SessionData {
  const d = args.details
  const a = args.assessment
  const wallet = d?.walletAddress ?? args.invoice.walletAddress
  const txHash = d?.blockchainTxHash ?? null
  return {
    network: args.network,
    currency_type: NETWORK_INFO[args.network].currencyType,
    amount_usdt: args.amountUsdt,
    currency_code: args.currencyCode,
    exchange_rate: args.exchangeRate,
    transaction_id: args.invoice.transactionId,
    invoice_no: d?.invoiceNo ?? args.invoice.invoiceNo,
    payment_url: d?.paymentUrl ?? args.invoice.paymentUrl ?? "",
    wallet_address: wallet,
    address_explorer_url: wallet ? explorerAddressUrl(args.network, args.environment, wallet) : null,
    expires_at: d?.expiresAt ?? args.invoice.expiresAt,
    status: a?.state ?? "awaiting_payment",
    threepay_status: d?.rawStatus ?? "initiated",
    amount_received: a?.received ?? "0",
    amount_missing: a?.missing ?? args.amountUsdt,
    amount_excess: a?.excess ?? "0",
    tx_hash: txHash,
    tx_explorer_url: txHash ? explorerTxUrl(args.network, args.environment, txHash) : null,
    environment: args.environment,
    flow: args.flow,
    underpayment_tolerance: args.tolerance,
    cart_id: args.cartId,
    checked_at: (args.now ?? new Date()).toISOString(),
  }
}
