"use client"
/**
 * `<ThreePayPayment sdk cartId onOrderPlaced />`: the whole USDT payment
 * step for a Medusa storefront. Logic lives in useThreePayPayment; this file
 * only decides what to show for each status. Class names `threepay-…` and
 * `data-status` / `data-network` / `data-phase` are the styling hooks; the
 * `data-testid`s are stable for browser tests.
 */
import { useCallback, useMemo, useRef, useState } from "react"
import type { WireNetwork } from "medusa-payment-3pay-client/store-api"
import type { CartSessionInfo } from "./api"
import { ChoiceGroup } from "./choice-group"
import { InvoicePanel } from "./invoice-panel"
import { mergeLabels } from "./labels"
import { NetworkPicker } from "./network-picker"
import { DefaultStyles } from "./styles"
import { TxHashForm } from "./tx-hash-form"
import type { ThreePayPaymentProps } from "./types"
import { useCountdown } from "./use-countdown"
import { isNetworkLocked, useThreePayPayment } from "./use-threepay-payment"
import { useWalletCheckout } from "./use-wallet-checkout"
import { WalletCheckoutPanel } from "./wallet-checkout-panel"

/** How the cart is paid: a one-time invoice, or the customer's balance (null: the shopper has not chosen yet). */
type Method = "invoice" | "wallet" | null

const CHECKABLE = new Set(["awaiting_payment", "confirming", "expired", "cancelled", "failed"])

export function ThreePayPayment(props: ThreePayPaymentProps) {
  const labels = useMemo(() => mergeLabels(props.labels), [props.labels])
  const [method, setMethod] = useState<Method>(null)
  const [chosenNetwork, setChosenNetwork] = useState<WireNetwork | null>(props.network ?? null)
  // Decides, from the cart, whether the balance is on offer and which path is open; false: make no invoice now.
  const onCartRef = useRef<(cart: CartSessionInfo) => Promise<boolean>>(async () => true)
  const onCart = useCallback((cart: CartSessionInfo) => onCartRef.current(cart), [])
  const walletOn = props.wallet !== false
  const { state, selectNetwork, submitTxHash, renew, startInvoice, finish, api } = useThreePayPayment({
    ...props,
    labels,
    onCart,
    paused: method === "wallet",
  })
  const w = useWalletCheckout({
    sdk: props.sdk,
    api,
    labels,
    active: method === "wallet",
    pollIntervalMs: props.pollIntervalMs,
    onOrder: (id) => void finish({ id }, { via: "status" }),
    onError: props.onError,
  })
  onCartRef.current = async (cart) => {
    if (!walletOn) {
      setMethod("invoice")
      return true
    }
    const found = await w.probe(cart).catch(() => ({ offer: false, onWallet: false }))
    const m: Method = found.onWallet ? "wallet" : cart.hasSession || !found.offer ? "invoice" : null
    setMethod(m)
    return m === "invoice"
  }

  const { config, payment: p, phase } = state
  const remainingMs = useCountdown(p?.expires_at)
  const onWallet = method === "wallet"
  const wc = w.state.checkout
  const network = (onWallet ? wc?.network : p?.network) ?? chosenNetwork ?? config?.default_network ?? null
  const pickNetwork = (n: WireNetwork) => {
    setChosenNetwork(n)
    if (method === "invoice") selectNetwork(n)
    else if (onWallet && wc && wc.status === "waiting" && wc.network !== n) void w.start(n, p?.payment_collection_id)
  }
  const pickMethod = (m: "invoice" | "wallet") => {
    if (m === method || !network) return
    setMethod(m)
    // Back from the balance: an invoice now (the cart's balance session is replaced by it).
    if (m === "invoice" && (!p || wc)) startInvoice(network)
  }

  // Past its expiry (by this browser's clock or the backend's) before 3PAY's own expiry arrived.
  const expiredByClock = !!p && p.status === "awaiting_payment" && (p.can_renew || (remainingMs !== null && remainingMs <= 0))
  const payable = !!p && p.status === "awaiting_payment" && !expiredByClock
  const busy = phase !== "ready" && phase !== "missing"
  const networkInfo = config && p ? config.networks.find((n) => n.network === p.network) ?? null : null
  const showTopUp = !!p && p.can_top_up && phase !== "done"
  const showRenew = !!p && !p.order_id && phase !== "done" && !showTopUp && (p.can_renew || expiredByClock)
  const statusText = !p
    ? null
    : expiredByClock
      ? labels.expiredByClock
      : labels.statuses[p.status]
  // "Get a new invoice" and "Pay the remaining X": aria-disabled while busy, so the focus stays on it.
  const renewButton = (testId: string, text: string) => (
    <div className="threepay-row">
      <button
        type="button"
        className="threepay-renew threepay-primary"
        data-testid={testId}
        aria-disabled={busy || undefined}
        onClick={() => busy || void renew()}
      >
        {phase === "renewing" ? labels.renewing : text}
      </button>
    </div>
  )
  // One polite live region says what changed, whatever changed it (a poll,
  // a switch, the order): screen readers hear each new state once.
  const announcement = onWallet && phase !== "done"
    ? w.state.busy === "starting"
      ? labels.walletStarting
      : wc
        ? labels.walletStatuses[wc.status]
        : ""
    : phase === "loading" || phase === "creating"
      ? labels.loading
      : phase === "switching"
        ? labels.switchingNetwork
        : phase === "renewing"
          ? labels.renewing
          : phase === "completing"
            ? labels.placingOrder
            : phase === "done"
              ? labels.orderPlaced
              : (statusText ?? "")

  const shownError = onWallet ? (w.state.error ?? w.wallet.error ?? (phase === "done" ? null : state.error)) : state.error

  return (
    <section
      className={["threepay", props.className].filter(Boolean).join(" ")}
      aria-label={labels.title}
      aria-busy={busy}
      data-testid="threepay-payment"
      data-phase={phase}
      data-method={method ?? "none"}
      data-status={(onWallet ? wc?.status : p?.status) ?? "none"}
      data-network={(onWallet ? wc?.network : p?.network) ?? ""}
    >
      {props.unstyled ? null : <DefaultStyles />}
      <p className="threepay-sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="threepay-announcer">
        {announcement}
      </p>

      {w.state.offer === "yes" && phase !== "done" ? (
        <ChoiceGroup
          legend={labels.chooseMethod}
          className="threepay-networks threepay-methods"
          testId="threepay-methods"
          keyAttribute="method"
          options={[
            { key: "invoice" as const, label: labels.methodInvoice, testId: "threepay-method-invoice" },
            {
              key: "wallet" as const,
              testId: "threepay-method-wallet",
              label: (
                <>
                  {labels.methodWallet}
                  {w.wallet.wallet ? <span className="threepay-method-detail"> ({labels.walletAvailable(w.wallet.wallet.balance.available)})</span> : null}
                </>
              ),
            },
          ]}
          selected={method}
          inactive={busy || !!w.state.busy || (method === "invoice" && isNetworkLocked(p))}
          onSelect={pickMethod}
          note={method === "invoice" && isNetworkLocked(p) ? labels.networkLocked : null}
        />
      ) : null}

      {config && (method !== null || w.state.offer === "yes") ? (
        <NetworkPicker
          networks={config.networks}
          selected={method === "invoice" ? (p?.network ?? null) : network}
          busy={onWallet ? !!w.state.busy : busy && method === "invoice"}
          locked={method === "invoice" && isNetworkLocked(p)}
          labels={labels}
          onSelect={pickNetwork}
        />
      ) : null}

      {onWallet ? (
        <WalletCheckoutPanel
          wallet={w.wallet.wallet}
          checkout={wc}
          network={config?.networks.find((n) => n.network === network) ?? null}
          warning={config?.wrong_network_warning ?? ""}
          busy={w.state.busy}
          checked={w.state.checked}
          done={phase === "done"}
          labels={labels}
          onStart={() => network && void w.start(network, p?.payment_collection_id)}
          onCheck={() => void w.check()}
        />
      ) : null}

      {phase === "loading" || phase === "creating" ? <p className="threepay-notice">{labels.loading}</p> : null}
      {phase === "switching" ? <p className="threepay-notice">{labels.switchingNetwork}</p> : null}

      {onWallet && phase === "done" ? (
        <p className="threepay-notice" data-testid="threepay-order-placed">
          {labels.orderPlaced}
        </p>
      ) : null}

      {p && method === "invoice" ? (
        <>
          <p className="threepay-status" data-testid="threepay-status" data-status={expiredByClock ? "expired" : p.status}>
            {statusText}
          </p>

          <InvoicePanel
            payment={p}
            network={networkInfo}
            warning={config?.wrong_network_warning ?? ""}
            remainingMs={remainingMs}
            payable={payable}
            labels={labels}
          />

          {p.kind === "top_up" && p.status === "awaiting_payment" ? (
            <p className="threepay-detail" data-testid="threepay-top-up-notice">
              {labels.topUpNotice(p.amount_received, p.amount_due, p.token)}
            </p>
          ) : null}
          {p.can_top_up ? (
            <p className="threepay-detail" data-testid="threepay-missing">
              {labels.partlyPaid(p.amount_received, p.amount_due, p.amount_missing, p.token, p.network_label)}
            </p>
          ) : p.status === "underpaid" ? (
            <p className="threepay-detail" data-testid="threepay-missing">
              {labels.underpaid(p.amount_received, p.amount_missing, p.token)}
            </p>
          ) : null}
          {p.payments.length ? (
            <ul className="threepay-payments" data-testid="threepay-payments">
              {p.payments.map((x) => (
                <li key={x.transaction_id}>
                  {`${x.amount_received} ${p.token} (${x.network})`}
                  {x.tx_explorer_url ? (
                    <>
                      {" "}
                      <a href={x.tx_explorer_url} target="_blank" rel="noopener noreferrer">
                        {labels.viewTransaction}
                        <span className="threepay-sr-only"> {labels.opensInNewTab}</span>
                      </a>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          ) : null}
          {p.status === "overpaid" ? <p className="threepay-detail">{labels.overpaid(p.amount_excess, p.token)}</p> : null}
          {p.tx_hash && p.tx_explorer_url ? (
            <a className="threepay-tx-link" data-testid="threepay-tx-link" href={p.tx_explorer_url} target="_blank" rel="noopener noreferrer">
              {labels.viewTransaction}
              <span className="threepay-sr-only"> {labels.opensInNewTab}</span>
            </a>
          ) : null}

          {showTopUp ? renewButton("threepay-top-up", labels.payRest(p.amount_missing, p.token)) : null}
          {showRenew ? renewButton("threepay-renew", labels.renew) : null}

          {phase === "completing" ? <p className="threepay-notice">{labels.placingOrder}</p> : null}
          {phase === "done" ? (
            <p className="threepay-notice" data-testid="threepay-order-placed">
              {labels.orderPlaced}
            </p>
          ) : null}

          {CHECKABLE.has(p.status) && phase !== "done" ? (
            <TxHashForm chain={p.chain} busy={state.checking || busy} labels={labels} onSubmit={(h) => void submitTxHash(h)} />
          ) : null}
          {state.check ? (
            <p className="threepay-notice" role="status" data-testid="threepay-check-result" data-matched={String(state.check.matched)}>
              {state.check.message}
            </p>
          ) : null}
        </>
      ) : null}

      {state.pollTrouble ? <p className="threepay-notice">{labels.connectionProblem}</p> : null}
      {shownError ? (
        <p className="threepay-error" role="alert" data-testid="threepay-error" data-action={shownError.action}>
          {shownError.message}
        </p>
      ) : null}
    </section>
  )
}
