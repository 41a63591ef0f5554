/**
 * What a refund of an order stands on, read once for the refund routes and
 * the refund workflow: the order (email, customer), its 3PAY invoice payment
 * in Medusa, and the ledger invoice that paid it (network, exchange rate,
 * USDT captured and overpaid). Orders paid otherwise (another provider, the
 * customer's balance) have nothing to refund in USDT here: null.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { Network } from "medusa-payment-3pay-client"
import { isInvoiceProvider } from "medusa-payment-3pay-client/store-api"
import { THREEPAY_MODULE } from "../modules/threepay"
import type { LedgerInvoice } from "../modules/threepay/ledger"
import type ThreePayModuleService from "../modules/threepay/service"

export type RefundOrder = {
  order_id: string
  email: string | null
  customer_id: string | null
  /** The customer has an account (a registered customer's 3PAY user is theirs; a guest's is the payment's). */
  has_account: boolean
  currency_code: string
  payment: { id: string; provider_id: string; data: Record<string, unknown> }
  invoice: LedgerInvoice
  network: Network
}

type OrderFacts = {
  id: string
  email?: string | null
  currency_code: string
  customer_id?: string | null
  customer?: { has_account?: boolean | null } | null
  payment_collections?: Array<{
    payments?: Array<{ id: string; provider_id: string; data?: Record<string, unknown> | null; canceled_at?: unknown } | null> | null
  } | null> | null
}

export async function loadRefundOrder(container: MedusaContainer, orderId: string): Promise<RefundOrder | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "email",
      "currency_code",
      "customer_id",
      "customer.has_account",
      "payment_collections.payments.id",
      "payment_collections.payments.provider_id",
      "payment_collections.payments.data",
      "payment_collections.payments.canceled_at",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as OrderFacts | undefined
  if (!order) return null
  const payments = (order.payment_collections ?? []).flatMap((c) => c?.payments ?? []).filter((p): p is NonNullable<typeof p> => !!p)
  const payment = payments.find((p) => isInvoiceProvider(p.provider_id) && !p.canceled_at)
  if (!payment) return null
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  // The invoice applied to this order: the settlement wrote what it captured in USDT.
  const [invoice] = (await threepay.listThreePayInvoices(
    { order_id: orderId, captured_usdt: { $ne: null } },
    { order: { applied_at: "DESC" }, take: 1 }
  )) as LedgerInvoice[]
  if (!invoice) return null
  return {
    order_id: order.id,
    email: order.email ?? null,
    customer_id: order.customer_id ?? null,
    has_account: !!order.customer?.has_account,
    currency_code: order.currency_code,
    payment: { id: payment.id, provider_id: payment.provider_id, data: payment.data ?? {} },
    invoice,
    network: invoice.network as Network,
  }
}

/**
 * Whose 3PAY user a refund is withdrawn for, as the key `walletUserIdFor`
 * hashes: a registered customer's own (the same user as their wallet, if
 * they have one), or for a guest one derived from the payment, never
 * shared between guests who typed the same email.
 */
export function refundUserKeyOf(order: Pick<RefundOrder, "has_account" | "customer_id" | "payment">): string {
  return order.has_account && order.customer_id ? order.customer_id : `payment:${order.payment.id}`
}
