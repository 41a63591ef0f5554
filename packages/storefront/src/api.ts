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
  walletCheckoutResponseSchema,
  walletResponseSchema,
  type ThreePayCheckResult,
  type ThreePayPaymentStatus,
  type ThreePayStoreConfig,
  type ThreePayWallet,
  type ThreePayWalletCheckout,
  type WireNetwork,
} from "medusa-payment-3pay-client/store-api"
import type { ThreePayPlacedOrder, ThreePaySdk } from "./types"
import { THREEPAY_PROVIDER_ID, THREEPAY_WALLET_PROVIDER_ID, isInvoiceProvider, isWalletProvider } from "medusa-payment-3pay-client/store-api"

export const PROVIDER_ID = THREEPAY_PROVIDER_ID
export const WALLET_PROVIDER_ID = THREEPAY_WALLET_PROVIDER_ID

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
    customer: z.optional(z.nullable(z.looseObject({ has_account: z.optional(z.nullable(z.boolean())) }))),
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

/**
 * What the cart holds before the component asks for a status: its payment
 * collection, whether a 3PAY invoice session is in it (`hasSession`), or a
 * session paying from the customer's balance (`hasWalletSession`), and
 * whether its customer has an account (only then is the balance worth
 * asking about: a guest's request would only be refused).
 */
export type CartSessionInfo = { paymentCollectionId: string | null; hasSession: boolean; hasWalletSession: boolean; customerHasAccount: boolean }

export type CompleteOutcome = { type: "order"; order: ThreePayPlacedOrder } | { type: "cart"; message: string | null }

/** The store's USDT settings (`GET /store/3pay/config`, public and cached): the networks it accepts, its default. */
export async function fetchStoreConfig(sdk: Pick<ThreePaySdk, "client">): Promise<ThreePayStoreConfig> {
  const res = await sdk.client.fetch<unknown>("/store/3pay/config", { method: "GET" })
  return parse(storeConfigSchema, res, "its USDT settings").config
}

/** The cart's fields read first: its payment sessions, and its customer (`has_account`; Medusa's store route allows the customer only whole). */
export const CART_FIELDS = "id,payment_collection.id,*payment_collection.payment_sessions,*customer"

/**
 * The logged-in customer's USDT wallet (`/store/3pay/wallet`), for the
 * account page and the payment step. A guest is refused with 401; a store
 * without wallets with 400 (`threepay_wallets_disabled`).
 */
export function createWalletApi(sdk: Pick<ThreePaySdk, "client">) {
  const call = async (method: "GET" | "POST", path: string): Promise<ThreePayWallet> =>
    parse(walletResponseSchema, await sdk.client.fetch<unknown>(path, { method, ...(method === "POST" ? { body: {} } : {}) }), "your USDT wallet").wallet
  return {
    /** Addresses, balance and newest entries, from the store's ledger. */
    wallet: () => call("GET", "/store/3pay/wallet"),
    /** Makes the customer's addresses on first use (the same answer when they exist). */
    createWallet: () => call("POST", "/store/3pay/wallet"),
    /** "I have sent it": the store asks 3PAY now and credits what arrived. */
    checkWallet: () => call("POST", "/store/3pay/wallet/check"),
  }
}

export type ThreePayWalletApi = ReturnType<typeof createWalletApi>

export function createApi(sdk: ThreePaySdk, cartId: string) {
  return {
    config: (): Promise<ThreePayStoreConfig> => fetchStoreConfig(sdk),

    /** Medusa's own cart route: the payment collection and whether it has a 3PAY session (no status call before one exists). */
    async cartSession(): Promise<CartSessionInfo> {
      const res = parse(
        cartSessionsSchema,
        await sdk.store.cart.retrieve(cartId, { fields: CART_FIELDS }),
        "the cart"
      )
      const pc = res.cart.payment_collection ?? null
      return {
        paymentCollectionId: pc?.id ?? null,
        hasSession: !!pc?.payment_sessions?.some((s) => isInvoiceProvider(s.provider_id)),
        hasWalletSession: !!pc?.payment_sessions?.some((s) => isWalletProvider(s.provider_id)),
        customerHasAccount: res.cart.customer?.has_account === true,
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

    /** Opens the session paying from the logged-in customer's balance; the backend pays the cart at once when the balance covers it. */
    async createWalletSession(network: WireNetwork, paymentCollectionId?: string | null): Promise<void> {
      await sdk.store.payment.initiatePaymentSession(
        { id: cartId, ...(paymentCollectionId ? { payment_collection: { id: paymentCollectionId } } : {}) },
        { provider_id: WALLET_PROVIDER_ID, data: { network } }
      )
    },

    /** The cart paying from the balance: waiting (address, what is missing), paid (the order), canceled. 404 when it never chose the balance. */
    async walletCheckout(): Promise<ThreePayWalletCheckout> {
      const res = await sdk.client.fetch<unknown>("/store/3pay/wallet/checkout", { method: "GET", query: { cart_id: cartId } })
      return parse(walletCheckoutResponseSchema, res, "the balance payment").checkout
    },

    ...createWalletApi(sdk),

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
