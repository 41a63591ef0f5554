"use client"
/**
 * The payment step's second path, for a logged-in customer: pay from the
 * USDT balance, or to the customer's own permanent address. Apart from how
 * it looks: find out whether it is on offer (the cart's customer has an
 * account and the store has wallets; a guest is never asked), open the
 * session (`provider_id: "pp_3pay_wallet"`, the backend pays the cart at once
 * when the balance covers it), poll `GET /store/3pay/wallet/checkout` while
 * it waits for a deposit, "I have sent it", and hand the order id on once the
 * balance paid the cart (the backend made the order: nothing to complete).
 */
import { useCallback, useEffect, useRef } from "react"
import type { ThreePayWalletCheckout, WireNetwork } from "medusa-payment-3pay-client/store-api"
import { httpStatusOf, type CartSessionInfo, type ThreePayApi } from "./api"
import type { ThreePayLabels } from "./labels"
import type { ThreePaySdk, ThreePayUiError } from "./types"
import { usePatchState } from "./use-patch-state"
import { toUiError } from "./use-threepay-payment"
import { useThreePayWallet } from "./use-threepay-wallet"

export type WalletOffer = "unknown" | "no" | "yes"

export type WalletCheckoutState = {
  offer: WalletOffer
  checkout: ThreePayWalletCheckout | null
  busy: "starting" | "checking" | null
  error: ThreePayUiError | null
  /** "I have sent it" was answered (the deposit may still be confirming). */
  checked: boolean
}

export function useWalletCheckout(o: {
  sdk: Pick<ThreePaySdk, "client">
  api: ThreePayApi
  labels: ThreePayLabels
  /** Poll only while the shopper is on this path. */
  active: boolean
  pollIntervalMs?: number
  onOrder: (orderId: string) => void
  onError?: (e: ThreePayUiError) => void
}) {
  const latest = useRef(o)
  latest.current = o
  const wallet = useThreePayWallet({ sdk: o.sdk, autoLoad: false, labels: o.labels, onError: o.onError })
  const [state, patch, stateRef] = usePatchState<WalletCheckoutState>({ offer: "unknown", checkout: null, busy: null, error: null, checked: false })
  const collectionId = useRef<string | null>(null)
  const fail = useCallback(
    (action: ThreePayUiError["action"], e: unknown) => {
      const err = toUiError(action, e, latest.current.labels)
      patch({ error: err })
      latest.current.onError?.(err)
    },
    [patch]
  )

  /** The cart's balance payment; null when it has none (404). */
  const refresh = useCallback(async (): Promise<ThreePayWalletCheckout | null> => {
    try {
      const checkout = await latest.current.api.walletCheckout()
      patch({ checkout })
      return checkout
    } catch (e) {
      if (httpStatusOf(e) !== 404) throw e
      patch({ checkout: null })
      return null
    }
  }, [patch])

  /**
   * Called with the cart before anything is created: is the balance on
   * offer, and is the cart already paying from it? (A guest's cart: no
   * request at all.)
   */
  const probe = useCallback(
    async (cart: CartSessionInfo): Promise<{ offer: boolean; onWallet: boolean }> => {
      collectionId.current = cart.paymentCollectionId
      if (!cart.customerHasAccount && !cart.hasWalletSession) {
        patch({ offer: "no" })
        return { offer: false, onWallet: false }
      }
      const w = await wallet.load()
      patch({ offer: w ? "yes" : "no" })
      if (!w || !cart.hasWalletSession) return { offer: !!w, onWallet: false }
      const c = await refresh().catch(() => null)
      return { offer: true, onWallet: !!c && c.status !== "canceled" }
    },
    [wallet.load, refresh, patch]
  )

  /** Opens (or moves to another network) the cart's balance payment. */
  const start = useCallback(
    async (network: WireNetwork, paymentCollectionId?: string | null) => {
      if (stateRef.current.busy) return
      patch({ busy: "starting", error: null, checked: false })
      try {
        if (!wallet.state.wallet?.created && !(await wallet.create())) return
        await latest.current.api.createWalletSession(
          network,
          paymentCollectionId ?? stateRef.current.checkout?.payment_collection_id ?? collectionId.current
        )
        await refresh()
        await wallet.load()
      } catch (e) {
        fail("wallet_start", e)
      } finally {
        patch({ busy: null })
      }
    },
    [wallet.state.wallet, wallet.create, wallet.load, refresh, patch, fail]
  )

  /** "I have sent it": the store asks 3PAY now, credits the deposit and settles the cart. */
  const check = useCallback(async () => {
    if (stateRef.current.busy) return
    patch({ busy: "checking", error: null })
    try {
      if (await wallet.check()) patch({ checked: true })
      await refresh()
    } catch (e) {
      fail("wallet_check", e)
    } finally {
      patch({ busy: null })
    }
  }, [wallet.check, refresh, patch, fail])

  // Poll while waiting for a deposit (or for the order id of a paid cart), with the page visible.
  useEffect(() => {
    const c = state.checkout
    if (!o.active || !c || !(c.status === "waiting" || (c.status === "paid" && !c.order_id))) return
    const interval = Math.max(1000, o.pollIntervalMs ?? 4000)
    let stopped = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      const hidden = typeof document !== "undefined" && document.visibilityState === "hidden"
      if (!hidden && !stateRef.current.busy) await refresh().catch(() => undefined)
      if (!stopped) timer = setTimeout(tick, interval)
    }
    timer = setTimeout(tick, interval)
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [state.checkout, o.active, o.pollIntervalMs, refresh])

  // Paid from the balance: the backend made the order; hand its id on (the caller fires onOrderPlaced once).
  useEffect(() => {
    const c = state.checkout
    if (o.active && c?.status === "paid" && c.order_id) latest.current.onOrder(c.order_id)
  }, [state.checkout, o.active])

  return { state, wallet: wallet.state, probe, start, check }
}
