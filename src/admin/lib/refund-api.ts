/**
 * Calls to the refund routes and their react-query keys, beside api.ts's
 * (same client, same "threepay" key root, so invalidating threepayKeys.all
 * refreshes these too).
 */
import type {
  AdminAddressCheckBody,
  AdminAddressCheckResponse,
  AdminCreateRefundBody,
  AdminCreateRefundResponse,
  AdminOrderRefundsResponse,
  NetworkCode,
} from "../../api/admin/3pay/api-types"
import { sdk } from "./sdk"

export const refundKeys = {
  refunds: (orderId: string) => ["threepay", "refunds", orderId] as const,
  addressCheck: (network: NetworkCode, address: string) => ["threepay", "address-check", network, address] as const,
}

const refundsPath = (orderId: string) => `/admin/3pay/orders/${encodeURIComponent(orderId)}/refunds`

export const refundApi = {
  refunds: (orderId: string) => sdk.client.fetch<AdminOrderRefundsResponse>(refundsPath(orderId)),
  checkAddress: (body: AdminAddressCheckBody) =>
    sdk.client.fetch<AdminAddressCheckResponse>("/admin/3pay/addresses/check", { method: "POST", body }),
  create: (orderId: string, body: AdminCreateRefundBody) =>
    sdk.client.fetch<AdminCreateRefundResponse>(refundsPath(orderId), { method: "POST", body }),
}
