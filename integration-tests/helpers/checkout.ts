/**
 * Drives a storefront checkout through the store API, the way a storefront
 * built on @medusajs/js-sdk does, and reads results back through Query.
 */
import type { AxiosInstance, AxiosResponse } from "axios"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"
import { THREEPAY_PROVIDER_ID, type SeededStore } from "./seed-store"

const any = { validateStatus: () => true }

export class Shopper {
  readonly headers: Record<string, string>
  constructor(
    private readonly api: AxiosInstance,
    private readonly store: SeededStore
  ) {
    this.headers = { "x-publishable-api-key": store.publishableKey }
  }

  private opts() {
    return { headers: this.headers, ...any }
  }

  async createCart(opts: { quantity?: number; email?: string } = {}) {
    const res = await this.api.post(
      "/store/carts",
      {
        region_id: this.store.regionId,
        sales_channel_id: this.store.salesChannelId,
        email: opts.email ?? "shopper@example.com",
        items: [{ variant_id: this.store.variantId, quantity: opts.quantity ?? 2 }],
        shipping_address: {
          first_name: "Ada",
          last_name: "Lovelace",
          address_1: "1 Main St",
          city: "Austin",
          country_code: this.store.country,
          postal_code: "73301",
        },
        billing_address: {
          first_name: "Ada",
          last_name: "Lovelace",
          address_1: "1 Main St",
          city: "Austin",
          country_code: this.store.country,
          postal_code: "73301",
        },
      },
      this.opts()
    )
    expectOk(res)
    const cartId: string = res.data.cart.id
    const ship = await this.api.post(
      `/store/carts/${cartId}/shipping-methods`,
      { option_id: this.store.shippingOptionId },
      this.opts()
    )
    expectOk(ship)
    return ship.data.cart as { id: string; total: number; currency_code: string }
  }

  async addItem(cartId: string, quantity = 1) {
    const res = await this.api.post(
      `/store/carts/${cartId}/line-items`,
      { variant_id: this.store.variantId, quantity },
      this.opts()
    )
    expectOk(res)
    return res.data.cart as { id: string; total: number }
  }

  async paymentCollection(cartId: string): Promise<string> {
    const res = await this.api.post("/store/payment-collections", { cart_id: cartId }, this.opts())
    expectOk(res)
    return res.data.payment_collection.id
  }

  /** Picks 3PAY (and a network) at the payment step. Returns the raw response. */
  async createSession(paymentCollectionId: string, data?: Record<string, unknown>): Promise<AxiosResponse> {
    return this.api.post(
      `/store/payment-collections/${paymentCollectionId}/payment-sessions`,
      { provider_id: THREEPAY_PROVIDER_ID, ...(data ? { data } : {}) },
      this.opts()
    )
  }

  async session(paymentCollectionId: string, data?: Record<string, unknown>) {
    const res = await this.createSession(paymentCollectionId, data)
    expectOk(res)
    const sessions = res.data.payment_collection.payment_sessions as Array<{
      id: string
      status: string
      amount: number
      data: Record<string, any>
    }>
    expect(sessions).toHaveLength(1)
    return sessions[0]
  }

  async complete(cartId: string): Promise<AxiosResponse> {
    return this.api.post(`/store/carts/${cartId}/complete`, {}, this.opts())
  }
}

export function expectOk(res: AxiosResponse) {
  if (res.status >= 300) {
    throw new Error(`HTTP ${res.status}: ${JSON.stringify(res.data)}`)
  }
}

export async function waitFor<T>(
  fn: () => Promise<T | null | undefined | false>,
  { timeoutMs = 20_000, intervalMs = 100, what = "condition" } = {}
): Promise<T> {
  const until = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < until) {
    try {
      const v = await fn()
      if (v) return v
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ""}`)
}

export async function orderForCart(container: MedusaContainer, cartId: string): Promise<string | null> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  return (data[0]?.order_id as string | undefined) ?? null
}

export async function orderSummary(container: MedusaContainer, orderId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order",
    fields: [
      "id",
      "status",
      "total",
      "payment_collections.id",
      "payment_collections.status",
      "payment_collections.payments.id",
      "payment_collections.payments.amount",
      "payment_collections.payments.captured_at",
      "payment_collections.payments.captures.id",
      "payment_collections.payments.captures.amount",
      "payment_collections.payment_sessions.id",
      "payment_collections.payment_sessions.status",
    ],
    filters: { id: orderId },
  })
  const order = data[0] as any
  const payments = (order.payment_collections ?? []).flatMap((pc: any) => pc.payments ?? [])
  const captures = payments.flatMap((p: any) => p.captures ?? [])
  return { order, payments, captures }
}

export async function countOrdersForCart(container: MedusaContainer, cartId: string): Promise<number> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_cart", fields: ["order_id"], filters: { cart_id: cartId } })
  return data.length
}
