/**
 * The component's public types: its props, the slice of `@medusajs/js-sdk`
 * it uses, and what it hands back. Storefronts build on these names: change
 * them only in a major version.
 */
import type { ThreePayCheckResult, ThreePayPaymentStatus, ThreePayStoreConfig, WireNetwork } from "medusa-payment-3pay-client/store-api"
import type { ThreePayLabelOverrides } from "./labels"

export type { ThreePayCheckResult, ThreePayPaymentStatus, ThreePayStoreConfig, WireNetwork as ThreePayNetwork }

/**
 * What the component needs of a `@medusajs/js-sdk` `Medusa` instance (2.x).
 * Pass the instance itself; the narrow type only keeps tests and other
 * clients easy to fake. Declared as methods on purpose, so the SDK's wider
 * parameter types still fit.
 */
export interface ThreePaySdk {
  client: {
    fetch<T>(
      input: string,
      init?: {
        method?: string
        query?: Record<string, string>
        body?: Record<string, unknown>
        headers?: Record<string, string>
      }
    ): Promise<T>
  }
  store: {
    payment: {
      initiatePaymentSession(
        cart: { id: string; payment_collection?: { id: string } | null },
        body: { provider_id: string; data?: Record<string, unknown> }
      ): Promise<unknown>
    }
    cart: {
      /** Read first, so that no status is asked for before the cart has a USDT payment session. */
      retrieve(cartId: string, query?: { fields?: string }): Promise<unknown>
      complete(cartId: string): Promise<unknown>
    }
  }
}

/** The order handed to `onOrderPlaced`: the full order when `complete` returned it, else at least its id. */
export type ThreePayPlacedOrder = { id: string } & Record<string, unknown>

export type ThreePayOrderInfo = {
  /** "complete": our call to `sdk.store.cart.complete` made it; "status": it already existed (webhook, re-check, another tab, a 409). */
  via: "complete" | "status"
}

/** An error as the component shows it (and passes to `onError`). */
export type ThreePayUiError = {
  message: string
  /** HTTP status when the error came from the backend. */
  status?: number
  /** Seconds to wait before retrying, when the backend said so. */
  retryAfter?: number
  /** What the component was doing. */
  action:
    | "load"
    | "create_session"
    | "switch_network"
    | "poll"
    | "check"
    | "renew"
    | "complete"
    /** The customer's USDT wallet: reading it, making its addresses, "I have sent it", paying a cart from it. */
    | "wallet_load"
    | "wallet_create"
    | "wallet_check"
    | "wallet_start"
}

export type ThreePayPaymentProps = {
  /** A `@medusajs/js-sdk` instance with the store's publishable key (browser side). */
  sdk: ThreePaySdk
  /** The cart being paid. */
  cartId: string
  /** Called once, when the cart has become an order. Redirect to your confirmation page here. */
  onOrderPlaced: (order: ThreePayPlacedOrder, info: ThreePayOrderInfo) => void | Promise<void>
  /** Network to start with when the cart has no USDT invoice yet (default: the store's default network). */
  network?: WireNetwork
  /** Create the payment session on mount when the cart has none (default true). */
  autoCreateSession?: boolean
  /** How often to poll the payment status while waiting, in ms (default 4000; at least 1000). */
  pollIntervalMs?: number
  /** Text overrides (see `DEFAULT_LABELS`); status texts can be overridden one by one. */
  labels?: ThreePayLabelOverrides
  /** Leave out the default styles (class names and data attributes stay). */
  unstyled?: boolean
  /** Extra class name on the root element. */
  className?: string
  /** Every error the component shows, for your logs or analytics. */
  onError?: (error: ThreePayUiError) => void
  /** Every new payment status (after each change, not each poll). */
  onStatusChange?: (payment: ThreePayPaymentStatus) => void
  /**
   * Offer a logged-in customer to pay from their USDT balance or to their own
   * address (default true: offered when the cart's customer has an account and
   * the store has wallets on; a guest sees the invoice alone, with no request
   * for a wallet). `false`: the invoice alone.
   */
  wallet?: boolean
}
