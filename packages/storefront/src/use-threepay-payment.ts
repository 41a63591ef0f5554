"use client"
/**
 * The payment step's logic, apart from how it looks: load the store's USDT
 * settings and the cart's invoice, create or switch the payment session,
 * poll the status (with ETags: an unchanged status costs a 304), "I have
 * paid" checks, renewal of an expired invoice, and the move to the order.
 *
 * The order rule: once the invoice is paid, `complete` is called once. An
 * order already made by the webhook (the status carries `order_id`), or a
 * 409 because the webhook is completing the cart right now, is success too:
 * the status then brings the order id. `onOrderPlaced` fires exactly once.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "react"
import { checkTxHash } from "medusa-payment-3pay-client/chains"
import type { ThreePayCheckResult, ThreePayPaymentStatus, ThreePayStoreConfig, WireNetwork } from "medusa-payment-3pay-client/store-api"
import { BadAnswerError, createApi, httpStatusOf, type CartSessionInfo } from "./api"
import { retryAfterFrom } from "./format"
import type { ThreePayLabels } from "./labels"
import type { ThreePayOrderInfo, ThreePayPaymentProps, ThreePayPlacedOrder, ThreePaySdk, ThreePayUiError } from "./types"

export type ThreePayPhase = "loading" | "creating" | "missing" | "ready" | "switching" | "renewing" | "completing" | "done"

export type ThreePayState = {
  config: ThreePayStoreConfig | null
  payment: ThreePayPaymentStatus | null
  phase: ThreePayPhase
  error: ThreePayUiError | null
  check: ThreePayCheckResult["check"] | null
  checking: boolean
  /** Several polls in a row failed (the shopper's connection, most likely). */
  pollTrouble: boolean
}

const PAID = new Set(["paid", "overpaid"])
/**
 * A 429 with `retry_after` (the store's 3PAY budget is at capacity for a
 * moment): the component tries again on its own, this many times in a row at
 * most, for waits of up to a 3PAY rate window.
 */
const AUTO_RETRIES = 5
const MAX_AUTO_WAIT_S = 15 * 60
/** Money was seen on the invoice: switching network now could make the shopper pay twice. */
const LOCKED = new Set(["confirming", "paid", "overpaid", "underpaid", "expired_partial", "wrong_network"])

/** Once money arrived on the cart, the rest is paid on the same network. */
export function isNetworkLocked(p: ThreePayPaymentStatus | null): boolean {
  return !!p && (LOCKED.has(p.status) || p.amount_received !== "0")
}

/** An error as the component shows it: the backend's message, or words for a connection that failed. */
export function toUiError(action: ThreePayUiError["action"], e: unknown, labels: ThreePayLabels): ThreePayUiError {
  const status = httpStatusOf(e)
  const raw = (e as { message?: unknown } | null)?.message
  const message = typeof raw === "string" && raw ? raw : labels.connectionProblem
  // A fetch that never reached the backend throws "Failed to fetch" or similar: not for shoppers.
  const unreachable = e instanceof Error && status === undefined && !(e instanceof BadAnswerError)
  const retryAfter = retryAfterFrom(message)
  return {
    action,
    message: unreachable ? (action === "load" || action === "poll" ? labels.connectionProblem : labels.unreachable) : message,
    ...(status !== undefined ? { status } : {}),
    ...(retryAfter ? { retryAfter } : {}),
  }
}

type Options = Pick<
  ThreePayPaymentProps,
  "sdk" | "cartId" | "onOrderPlaced" | "network" | "autoCreateSession" | "pollIntervalMs" | "onError" | "onStatusChange"
> & {
  labels: ThreePayLabels
  /**
   * Told about the cart before any invoice is made (the balance option asks
   * whether the customer has one); false: make no invoice for now.
   */
  onCart?: (cart: CartSessionInfo) => Promise<boolean>
  /** Stop polling the invoice (the shopper pays from the balance meanwhile). */
  paused?: boolean
}

/**
 * An sdk that forwards to the latest one passed in: a storefront may hand a
 * new `Medusa` instance on every render without restarting the payment step.
 */
function forwardingSdk(ref: { current: ThreePaySdk }): ThreePaySdk {
  return {
    client: { fetch: (input, init) => ref.current.client.fetch(input, init) },
    store: {
      payment: { initiatePaymentSession: (cart, body) => ref.current.store.payment.initiatePaymentSession(cart, body) },
      cart: {
        retrieve: (cartId, query) => ref.current.store.cart.retrieve(cartId, query),
        complete: (cartId) => ref.current.store.cart.complete(cartId),
      },
    },
  }
}

export function useThreePayPayment(o: Options) {
  const sdkRef = useRef(o.sdk)
  sdkRef.current = o.sdk
  const api = useMemo(() => createApi(forwardingSdk(sdkRef), o.cartId), [o.cartId])
  // Bumped to retry the first load after a failure (with a growing delay).
  const [loadAttempt, setLoadAttempt] = useState(0)
  const [state, setState] = useState<ThreePayState>({
    config: null,
    payment: null,
    phase: "loading",
    error: null,
    check: null,
    checking: false,
    pollTrouble: false,
  })

  // Refs: the latest values for callbacks and timers, without re-running effects.
  const latest = useRef(o)
  latest.current = o
  const stateRef = useRef(state)
  stateRef.current = state
  const etag = useRef<string | null>(null)
  // The cart's payment collection, read before any invoice exists (the status carries it afterwards).
  const collectionId = useRef<string | null>(null)
  const completeRequested = useRef(false)
  const done = useRef(false)
  const alive = useRef(true)

  const patch = useCallback((p: Partial<ThreePayState>) => {
    if (alive.current) setState((s) => ({ ...s, ...p }))
  }, [])

  const fail = useCallback(
    (action: ThreePayUiError["action"], e: unknown) => {
      const err = toUiError(action, e, latest.current.labels)
      patch({ error: err })
      latest.current.onError?.(err)
      return err
    },
    [patch]
  )

  // Invoice creation refused for a moment (429 with retry_after): run it again once the wait is over.
  const autoRetry = useRef<{ timer?: ReturnType<typeof setTimeout>; count: number }>({ count: 0 })
  const failOrRetry = useCallback(
    (action: "create_session" | "switch_network" | "renew", e: unknown, again: () => void): void => {
      const wait = httpStatusOf(e) === 429 ? retryAfterFrom(String((e as { message?: unknown })?.message ?? "")) : undefined
      if (!wait || wait > MAX_AUTO_WAIT_S || autoRetry.current.count >= AUTO_RETRIES) {
        fail(action, e)
        return
      }
      autoRetry.current.count += 1
      const err: ThreePayUiError = { action, status: 429, retryAfter: wait, message: latest.current.labels.busyRetrying(wait) }
      patch({ error: err })
      latest.current.onError?.(err)
      clearTimeout(autoRetry.current.timer)
      autoRetry.current.timer = setTimeout(() => alive.current && again(), wait * 1000)
    },
    [fail, patch]
  )
  useEffect(() => () => clearTimeout(autoRetry.current.timer), [])

  const accept = useCallback(
    (payment: ThreePayPaymentStatus) => {
      etag.current = payment.etag
      patch({ payment })
      latest.current.onStatusChange?.(payment)
    },
    [patch]
  )

  /** "changed", "same" (304) or "missing" (the cart has no USDT invoice, e.g. its total changed). */
  const refresh = useCallback(
    async (force = false): Promise<"changed" | "same" | "missing"> => {
      try {
        const p = await api.status(force ? null : etag.current)
        if (!p) return "same"
        accept(p)
        return "changed"
      } catch (e) {
        if (httpStatusOf(e) !== 404) throw e
        etag.current = null
        patch({ payment: null })
        return "missing"
      }
    },
    [api, accept, patch]
  )

  const createSession = useCallback(
    async (network: WireNetwork, action: "create_session" | "switch_network") => {
      // A new choice replaces a retry that was waiting.
      clearTimeout(autoRetry.current.timer)
      patch({ phase: action === "switch_network" ? "switching" : "creating", error: null, check: null })
      try {
        await api.createSession(network, stateRef.current.payment?.payment_collection_id ?? collectionId.current)
        autoRetry.current.count = 0
        const r = await refresh(true)
        patch({ phase: r === "missing" ? "missing" : "ready" })
      } catch (e) {
        patch({ phase: stateRef.current.payment ? "ready" : "missing" })
        failOrRetry(action, e, () => void createSessionRef.current(network, action))
      }
    },
    [api, refresh, patch, failOrRetry]
  )
  const createSessionRef = useRef(createSession)
  createSessionRef.current = createSession

  const finish = useCallback(
    async (order: ThreePayPlacedOrder, info: ThreePayOrderInfo) => {
      if (done.current) return
      done.current = true
      patch({ phase: "done", error: null })
      try {
        await latest.current.onOrderPlaced(order, info)
      } catch (e) {
        latest.current.onError?.(toUiError("complete", e, latest.current.labels))
      }
    },
    [patch]
  )

  // Load the settings and the cart; then the invoice if the cart has a USDT
  // session (no status request before one exists), else create the session.
  useEffect(() => {
    alive.current = true
    let cancelled = false
    let retry: ReturnType<typeof setTimeout> | undefined
    void (async () => {
      try {
        if (loadAttempt > 0) patch({ phase: "loading" })
        const [config, cart] = await Promise.all([api.config(), api.cartSession()])
        if (cancelled) return
        collectionId.current = cart.paymentCollectionId
        const mayCreate = latest.current.onCart ? await latest.current.onCart(cart) : true
        if (cancelled) return
        const found = cart.hasSession ? await refresh(true) : "missing"
        if (cancelled) return
        patch({ config, error: null })
        if (found !== "missing") return patch({ phase: "ready" })
        if (latest.current.autoCreateSession === false || !mayCreate) return patch({ phase: "missing" })
        const wanted = latest.current.network
        const enabled = config.networks.map((n) => n.network)
        await createSession(wanted && enabled.includes(wanted) ? wanted : config.default_network, "create_session")
      } catch (e) {
        if (cancelled) return
        fail("load", e)
        patch({ phase: "missing" })
        retry = setTimeout(() => setLoadAttempt((n) => n + 1), Math.min(30_000, 2000 * 2 ** loadAttempt))
      }
    })()
    return () => {
      // React's StrictMode runs this twice: the first run must not create a session.
      cancelled = true
      alive.current = false
      if (retry) clearTimeout(retry)
    }
  }, [api, refresh, createSession, patch, fail, loadAttempt])

  // Poll while the page is visible and something may still change.
  useEffect(() => {
    const interval = Math.max(1000, o.pollIntervalMs ?? 4000)
    let stopped = false
    let failures = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const tick = async () => {
      const s = stateRef.current
      const hidden = typeof document !== "undefined" && document.visibilityState === "hidden"
      if (!done.current && !hidden && !latest.current.paused && s.payment && (s.phase === "ready" || s.phase === "completing")) {
        try {
          if ((await refresh()) === "missing") patch({ phase: "missing" })
          failures = 0
          if (stateRef.current.pollTrouble) patch({ pollTrouble: false })
        } catch {
          failures += 1
          if (failures >= 3) patch({ pollTrouble: true })
        }
      }
      if (!stopped) timer = setTimeout(tick, interval)
    }
    timer = setTimeout(tick, interval)
    return () => {
      stopped = true
      if (timer) clearTimeout(timer)
    }
  }, [refresh, patch, o.pollIntervalMs])

  // Paid: move to the order, once.
  useEffect(() => {
    const p = state.payment
    if (!p || done.current || !PAID.has(p.status)) return
    if (p.order_id) {
      void finish({ id: p.order_id }, { via: "status" })
      return
    }
    if (completeRequested.current) return
    completeRequested.current = true
    patch({ phase: "completing", error: null })
    api.complete().then(
      (r) => {
        if (r.type === "order") return finish(r.order, { via: "complete" })
        // Medusa kept the cart (e.g. stock): the webhook pipeline retries; keep polling.
        fail("complete", { message: latest.current.labels.completeFailed })
      },
      (e) => {
        // 409: the webhook is completing this cart right now. Its order id arrives with the status.
        if (httpStatusOf(e) === 409) return refresh(true).catch(() => undefined)
        fail("complete", { message: latest.current.labels.completeFailed, status: httpStatusOf(e) })
      }
    )
  }, [state.payment, api, finish, fail, patch, refresh])

  const selectNetwork = useCallback(
    (network: WireNetwork) => {
      const s = stateRef.current
      if (!["ready", "missing"].includes(s.phase) || isNetworkLocked(s.payment)) return
      const current = s.payment
      if (current && current.network === network && current.status === "awaiting_payment" && !current.can_renew) return
      void createSession(network, current ? "switch_network" : "create_session")
    },
    [createSession]
  )

  const submitTxHash = useCallback(
    async (input: string) => {
      const p = stateRef.current.payment
      if (!p || stateRef.current.checking) return
      const parsed = checkTxHash(p.network, input)
      if (!parsed.ok) {
        fail("check", { message: parsed.message, status: 400 })
        return
      }
      patch({ checking: true, error: null, check: null })
      try {
        const r = await api.check(parsed.hash)
        accept(r.payment)
        patch({ check: r.check })
      } catch (e) {
        fail("check", e)
      } finally {
        patch({ checking: false })
      }
    },
    [api, accept, patch, fail]
  )

  const renew = useCallback(async () => {
    const s = stateRef.current
    const network = s.payment?.network ?? s.config?.default_network
    if (!network || s.phase !== "ready") return
    patch({ phase: "renewing", error: null, check: null })
    try {
      accept(await api.renew(network))
      autoRetry.current.count = 0
      patch({ phase: "ready" })
    } catch (e) {
      // The session is gone (the cart changed meanwhile): a new session brings a new invoice.
      if (httpStatusOf(e) === 404) return createSession(network, "create_session")
      patch({ phase: "ready" })
      failOrRetry("renew", e, () => void renewRef.current())
      await refresh(true).catch(() => undefined)
    }
  }, [api, accept, patch, failOrRetry, refresh, createSession])
  const renewRef = useRef(renew)
  renewRef.current = renew

  /** An invoice on `network` now, whatever the cart held (the shopper came back from the balance option). */
  const startInvoice = useCallback(
    (network: WireNetwork) => void createSession(network, stateRef.current.payment ? "switch_network" : "create_session"),
    [createSession]
  )

  return { state, selectNetwork, submitTxHash, renew, startInvoice, finish, api }
}
