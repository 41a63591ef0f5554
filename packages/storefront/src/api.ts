/**
 * The component's calls to the backend, through the storefront's own
 * `@medusajs/js-sdk` instance (publishable key, auth and locale included).
 * Every answer is checked against the wire schemas before it is used: a
 * backend of another plugin version fails loudly here, not as a blank page.
 */
import { z } from "zod/mini"
import {
  checkResponseSchema,
  paymentStatusResponseSchema,
  storeConfigSchema,
  type ThreePayCheckResult,
  type ThreePayPaymentStatus,
  type ThreePayStoreConfig,
  type WireNetwork,
} from "medusa-payment-3pay-client/store-api"
import type { ThreePayPlacedOrder, ThreePaySdk } from "./types"
import { THREEPAY_PROVIDER_ID, isThreePayProvider } from "medusa-payment-3pay-client/store-api"

export const PROVIDER_ID = THREEPAY_PROVIDER_ID

export class BadAnswerError extends Error {
  constructor(what: string) {
    super(`The store answered ${what} in an unexpected shape. Please reload the page.`)
    this.name = "BadAnswerError"
  }
}

function parse<T>(schema: z.ZodMiniType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value)
  if (!r.success) throw new BadAnswerError(what)
  return r.data
}

/** The js-sdk throws `FetchError { status, message }` for any status >= 300, 304 included. */
export function httpStatusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown } | null)?.status
  return typeof s === "number" ? s : undefined
}

const completeSchema = z.union([
  z.object({ type: z.literal("order"), order: z.looseObject({ id: z.string() }) }),
  z.object({ type: z.literal("cart"), error: z.optional(z.looseObject({ message: z.optional(z.string()) })) }),
])

const cartSessionsSchema = z.object({
  cart: z.looseObject({
    id: z.string(),
    payment_collection: z.optional(
      z.nullable(
        z.looseObject({
          id: z.string(),
          payment_sessions: z.optional(z.nullable(z.array(z.looseObject({ id: z.string(), provider_id: z.string() })))),
        })
      )
    ),
  }),
})

/** What the cart holds before the component asks for a status: its payment collection and whether a 3PAY session is in it. */
export type CartSessionInfo = { paymentCollectionId: string | null; hasSession: boolean }

export type CompleteOutcome = { type: "order"; order: ThreePayPlacedOrder } | { type: "cart"; message: string | null }

/** The store's USDT settings (`GET /store/3pay/config`, public and cached): the networks it accepts, its default. */
export async function fetchStoreConfig(sdk: Pick<ThreePaySdk, "client">): Promise<ThreePayStoreConfig> {
  const res = await sdk.client.fetch<unknown>("/store/3pay/config", { method: "GET" })
  return parse(storeConfigSchema, res, "its USDT settings").config
}

export function createApi(sdk: ThreePaySdk, cartId: string) {
  return {
    config: (): Promise<ThreePayStoreConfig> => fetchStoreConfig(sdk),

    /** Medusa's own cart route: the payment collection and whether it has a 3PAY session (no status call before one exists). */
    async cartSession(): Promise<CartSessionInfo> {
      const res = parse(
        cartSessionsSchema,
        await sdk.store.cart.retrieve(cartId, { fields: "id,payment_collection.id,*payment_collection.payment_sessions" }),
        "the cart"
      )
      const pc = res.cart.payment_collection ?? null
      return {
        paymentCollectionId: pc?.id ?? null,
        hasSession: !!pc?.payment_sessions?.some((s) => isThreePayProvider(s.provider_id)),
      }
    },

    /** null: unchanged since `etag` (304). Throws with status 404 when the cart has no USDT invoice. */
    async status(etag?: string | null): Promise<ThreePayPaymentStatus | null> {
      try {
        const res = await sdk.client.fetch<unknown>("/store/3pay/payment-status", {
          method: "GET",
          query: { cart_id: cartId },
          ...(etag ? { headers: { "If-None-Match": etag } } : {}),
        })
        return parse(paymentStatusResponseSchema, res, "the payment status").payment
      } catch (e) {
        if (etag && httpStatusOf(e) === 304) return null
        throw e
      }
    },

    async createSession(network: WireNetwork, paymentCollectionId?: string | null): Promise<void> {
      await sdk.store.payment.initiatePaymentSession(
        { id: cartId, ...(paymentCollectionId ? { payment_collection: { id: paymentCollectionId } } : {}) },
        { provider_id: PROVIDER_ID, data: { network } }
      )
    },

    async check(txHash: string): Promise<ThreePayCheckResult> {
      const res = await sdk.client.fetch<unknown>("/store/3pay/payment-status/check", {
        method: "POST",
        body: { cart_id: cartId, tx_hash: txHash },
      })
      return parse(checkResponseSchema, res, "the payment check")
    },

    async renew(network: WireNetwork): Promise<ThreePayPaymentStatus> {
      const res = await sdk.client.fetch<unknown>("/store/3pay/renew", {
        method: "POST",
        body: { cart_id: cartId, network },
      })
      return parse(paymentStatusResponseSchema, res, "the new invoice").payment
    },

    async complete(): Promise<CompleteOutcome> {
      const res = parse(completeSchema, await sdk.store.cart.complete(cartId), "the order")
      if (res.type === "order") return { type: "order", order: res.order as ThreePayPlacedOrder }
      return { type: "cart", message: res.error?.message ?? null }
    },
  }
}

export type ThreePayApi = ReturnType<typeof createApi>
