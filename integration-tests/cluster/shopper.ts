/**
 * A storefront's calls through the cluster's load balancer, with the
 * patience of a real storefront: a 5xx (a server died under the request,
 * none is up, a database connection was cut), a dropped connection, or a 409
 * that says "retry" (Medusa's cart lock, or a lock a dead process still
 * holds until its TTL) is tried again, as a shopper reloading would.
 * Everything else is returned as is. Each shopper has its own IP, which the
 * balancer passes in X-Forwarded-For as a load balancer does.
 */
import type { ClusterSeed } from "./harness"

export type Answer = { status: number; data: any }

export class ClusterShopper {
  /** Calls that were repeated after a 5xx or a dropped connection. */
  retries = 0
  /** Calls that were repeated after a 409 lock conflict. */
  conflicts = 0
  /** Calls that waited out a 429 threepay_busy. */
  busy = 0

  constructor(
    private readonly baseUrl: string,
    private readonly seed: ClusterSeed,
    private readonly opts: { attempts?: number; email?: string; ip?: string } = {}
  ) {}

  async call(method: string, route: string, body?: unknown): Promise<Answer> {
    const attempts = this.opts.attempts ?? 30
    let last: Answer = { status: 0, data: null }
    for (let i = 1; i <= attempts; i++) {
      try {
        const res = await fetch(`${this.baseUrl}${route}`, {
          method,
          headers: {
            "x-publishable-api-key": this.seed.publishableKey,
            "content-type": "application/json",
            ...(this.opts.ip ? { "x-shopper-ip": this.opts.ip } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(60_000),
        })
        last = { status: res.status, data: await res.json().catch(() => null) }
        // 502/503: the balancer lost the server or had none; a 500 from a cut database connection.
        const lockConflict = res.status === 409 && /acquire lock|retry the request/i.test(JSON.stringify(last.data ?? ""))
        // 3PAY's budget says "retry in N s": the storefront component waits and tries again.
        const busy = res.status === 429 && last.data?.code === "threepay_busy" && Number(last.data?.retry_after) <= 30
        if (lockConflict) this.conflicts++
        if (busy) {
          this.busy++
          await new Promise((r) => setTimeout(r, Number(last.data.retry_after) * 1000))
          continue
        }
        if (!lockConflict && ![500, 502, 503].includes(res.status)) return last
      } catch (e) {
        last = { status: 0, data: { message: (e as Error).message } }
      }
      this.retries++
      await new Promise((r) => setTimeout(r, Math.min(250 * i, 3000)))
    }
    return last
  }

  private ok(r: Answer, what: string): any {
    if (r.status >= 300 || r.status === 0) throw new Error(`${what}: HTTP ${r.status} ${JSON.stringify(r.data)}`)
    return r.data
  }

  /** A cart with one item, addresses and shipping: ready for the payment step. */
  async cart(quantity = 1): Promise<{ id: string; total: number }> {
    const address = {
      first_name: "Ada",
      last_name: "Lovelace",
      address_1: "1 Main St",
      city: "Austin",
      country_code: this.seed.country,
      postal_code: "73301",
    }
    const created = this.ok(
      await this.call("POST", "/store/carts", {
        region_id: this.seed.regionId,
        sales_channel_id: this.seed.salesChannelId,
        email: this.opts.email ?? "shopper@example.com",
        items: [{ variant_id: this.seed.variantId, quantity }],
        shipping_address: address,
        billing_address: address,
      }),
      "create cart"
    )
    const cartId: string = created.cart.id
    const shipped = this.ok(
      await this.call("POST", `/store/carts/${cartId}/shipping-methods`, { option_id: this.seed.shippingOptionId }),
      "shipping method"
    )
    return { id: cartId, total: shipped.cart.total }
  }

  async paymentCollection(cartId: string): Promise<string> {
    return this.ok(await this.call("POST", "/store/payment-collections", { cart_id: cartId }), "payment collection").payment_collection.id
  }

  /** The payment step: a session with `provider_id` (3PAY with a network, or Medusa's manual provider). */
  async session(collectionId: string, providerId: string, data?: Record<string, unknown>) {
    const r = await this.call("POST", `/store/payment-collections/${collectionId}/payment-sessions`, {
      provider_id: providerId,
      ...(data ? { data } : {}),
    })
    const sessions = this.ok(r, "payment session").payment_collection.payment_sessions as Array<{
      id: string
      status: string
      amount: number
      data: Record<string, any>
    }>
    return sessions[0]
  }

  complete(cartId: string): Promise<Answer> {
    return this.call("POST", `/store/carts/${cartId}/complete`, {})
  }
}
