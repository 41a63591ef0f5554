/**
 * Calls to /admin/3pay/* and their react-query keys. Types come from the
 * server's api-types.ts (type-only import: nothing of the server is bundled).
 */
import type {
  AdminAddressCheckBody,
  AdminAddressCheckResponse,
  AdminAttentionResponse,
  AdminBudgetResponse,
  AdminConnectionResponse,
  AdminCreateRefundBody,
  AdminCreateRefundResponse,
  AdminCustomerWalletResponse,
  AdminHealthResponse,
  AdminOrderInvoicesResponse,
  AdminOrderRefundsResponse,
  AdminOrderWalletResponse,
  AdminRecheckResponse,
  AdminSettingsBody,
  AdminSettingsResponse,
  AdminWalletAdjustmentBody,
  AdminWalletAdjustmentResponse,
  AdminWalletRecheckResponse,
  AdminWebhookTestResponse,
  NetworkCode,
} from "../../api/admin/3pay/api-types"
import { sdk } from "./sdk"

export const threepayKeys = {
  all: ["threepay"] as const,
  settings: () => ["threepay", "settings"] as const,
  connection: () => ["threepay", "connection"] as const,
  health: () => ["threepay", "health"] as const,
  budget: () => ["threepay", "budget"] as const,
  attention: (limit: number, offset: number) => ["threepay", "attention", limit, offset] as const,
  order: (orderId: string) => ["threepay", "order", orderId] as const,
  /** Every page of one customer's wallet (invalidate this after a change). */
  customerWallet: (customerId: string) => ["threepay", "customer-wallet", customerId] as const,
  orderWallet: (orderId: string) => ["threepay", "order-wallet", orderId] as const,
  refunds: (orderId: string) => ["threepay", "refunds", orderId] as const,
  addressCheck: (network: NetworkCode, address: string) => ["threepay", "address-check", network, address] as const,
}

const refundsPath = (orderId: string) => `/admin/3pay/orders/${encodeURIComponent(orderId)}/refunds`

export const threepayApi = {
  settings: () => sdk.client.fetch<AdminSettingsResponse>("/admin/3pay/settings"),
  saveSettings: (body: AdminSettingsBody) =>
    sdk.client.fetch<AdminSettingsResponse>("/admin/3pay/settings", { method: "POST", body }),
  connection: () => sdk.client.fetch<AdminConnectionResponse>("/admin/3pay/connection"),
  health: () => sdk.client.fetch<AdminHealthResponse>("/admin/3pay/health"),
  budget: () => sdk.client.fetch<AdminBudgetResponse>("/admin/3pay/budget"),
  webhookTest: () => sdk.client.fetch<AdminWebhookTestResponse>("/admin/3pay/webhook-test", { method: "POST", body: {} }),
  attention: (limit: number, offset: number) =>
    sdk.client.fetch<AdminAttentionResponse>("/admin/3pay/attention", { query: { limit, offset } }),
  order: (orderId: string) =>
    sdk.client.fetch<AdminOrderInvoicesResponse>(`/admin/3pay/orders/${encodeURIComponent(orderId)}`),
  resolve: (transactionId: string, note?: string) =>
    sdk.client.fetch<{ invoice: AdminRecheckResponse["invoice"] }>(
      `/admin/3pay/invoices/${encodeURIComponent(transactionId)}/resolve`,
      { method: "POST", body: note ? { note } : {} }
    ),
  customerWallet: (customerId: string, limit: number, offset: number) =>
    sdk.client.fetch<AdminCustomerWalletResponse>(`/admin/3pay/customers/${encodeURIComponent(customerId)}/wallet`, {
      query: { limit, offset },
    }),
  adjustWallet: (customerId: string, body: AdminWalletAdjustmentBody) =>
    sdk.client.fetch<AdminWalletAdjustmentResponse>(`/admin/3pay/customers/${encodeURIComponent(customerId)}/wallet/adjustments`, {
      method: "POST",
      body,
    }),
  recheckWallet: (customerId: string) =>
    sdk.client.fetch<AdminWalletRecheckResponse>(`/admin/3pay/customers/${encodeURIComponent(customerId)}/wallet/recheck`, {
      method: "POST",
      body: {},
    }),
  orderWallet: (orderId: string) =>
    sdk.client.fetch<AdminOrderWalletResponse>(`/admin/3pay/orders/${encodeURIComponent(orderId)}/wallet`),
  refunds: (orderId: string) => sdk.client.fetch<AdminOrderRefundsResponse>(refundsPath(orderId)),
  /** The server judges refund addresses (the checksum code is not in the admin bundle). */
  checkAddress: (body: AdminAddressCheckBody) =>
    sdk.client.fetch<AdminAddressCheckResponse>("/admin/3pay/addresses/check", { method: "POST", body }),
  createRefund: (orderId: string, body: AdminCreateRefundBody) =>
    sdk.client.fetch<AdminCreateRefundResponse>(refundsPath(orderId), { method: "POST", body }),
  recheck: (transactionId: string) =>
    sdk.client.fetch<AdminRecheckResponse>(`/admin/3pay/invoices/${encodeURIComponent(transactionId)}/recheck`, {
      method: "POST",
      body: {},
    }),
}

/** The message of a failed call (js-sdk's FetchError carries the server's `message`). */
export function errorMessage(e: unknown): string {
  return e instanceof Error && e.message ? e.message : "Something went wrong. Please try again."
}
