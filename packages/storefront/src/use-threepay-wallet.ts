"use client"
/**
 * The logged-in customer's USDT wallet, apart from how it looks: read it
 * (`GET /store/3pay/wallet`, the store's ledger only), make the addresses on
 * first use (`POST /store/3pay/wallet`), and "I have sent it" (`POST
 * /store/3pay/wallet/check`: the store asks 3PAY now and credits what
 * arrived). The account view (<ThreePayWallet>) and the payment step's
 * balance option both keep their wallet here.
 *
 * A guest is "login" (401) and a store without wallets "disabled" (400):
 * states, not errors.
 */
import { useCallback, useEffect, useMemo, useRef } from "react"
import type { ThreePayWallet } from "medusa-payment-3pay-client/store-api"
import { createWalletApi, httpStatusOf } from "./api"
import { DEFAULT_LABELS, type ThreePayLabels } from "./labels"
import type { ThreePaySdk, ThreePayUiError } from "./types"
import { usePatchState } from "./use-patch-state"
import { toUiError } from "./use-threepay-payment"

export type ThreePayWalletPhase = "idle" | "loading" | "ready" | "creating" | "checking" | "login" | "disabled"

export type ThreePayWalletState = {
  wallet: ThreePayWallet | null
  phase: ThreePayWalletPhase
  error: ThreePayUiError | null
}

export type UseThreePayWalletOptions = {
  /** A `@medusajs/js-sdk` instance, logged in as the customer (only `client.fetch` is used). */
  sdk: Pick<ThreePaySdk, "client">
  /** Read the wallet on mount (default true). */
  autoLoad?: boolean
  labels?: ThreePayLabels
  onError?: (error: ThreePayUiError) => void
}

export function useThreePayWallet(o: UseThreePayWalletOptions) {
  const sdkRef = useRef(o.sdk)
  sdkRef.current = o.sdk
  // Forwards to the latest sdk: a new instance per render does not reload anything.
  const api = useMemo(() => createWalletApi({ client: { fetch: (input, init) => sdkRef.current.client.fetch(input, init) } }), [])
  const latest = useRef(o)
  latest.current = o
  const [state, patch] = usePatchState<ThreePayWalletState>({ wallet: null, phase: o.autoLoad === false ? "idle" : "loading", error: null })

  /** Runs one wallet call; null when refused (login, disabled) or failed (the error is in the state). */
  const run = useCallback(
    async (
      busy: ThreePayWalletPhase,
      action: "wallet_load" | "wallet_create" | "wallet_check",
      call: () => Promise<ThreePayWallet>
    ): Promise<ThreePayWallet | null> => {
      patch({ phase: busy, error: null })
      try {
        const wallet = await call()
        patch({ wallet, phase: "ready" })
        return wallet
      } catch (e) {
        const status = httpStatusOf(e)
        const refused = status === 401 ? "login" : status === 400 && action === "wallet_load" ? "disabled" : null
        if (refused) {
          patch({ phase: refused, wallet: null })
          return null
        }
        const err = toUiError(action, e, latest.current.labels ?? DEFAULT_LABELS)
        patch({ error: err, phase: "ready" })
        latest.current.onError?.(err)
        return null
      }
    },
    [patch]
  )

  const load = useCallback(() => run("loading", "wallet_load", api.wallet), [run, api])
  const create = useCallback(() => run("creating", "wallet_create", api.createWallet), [run, api])
  const check = useCallback(() => run("checking", "wallet_check", api.checkWallet), [run, api])

  useEffect(() => {
    if (latest.current.autoLoad !== false) void load()
  }, [load])

  return { state, load, create, check }
}
