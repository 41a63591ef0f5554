"use client"
/**
 * `<ThreePayPayment sdk cartId onOrderPlaced />`: the whole USDT payment
 * step for a Medusa storefront. Logic lives in useThreePayPayment; this file
 * only decides what to show for each status. Class names `threepay-…` and
 * `data-status` / `data-network` / `data-phase` are the styling hooks; the
 * `data-testid`s are stable for browser tests.
 */
import { useMemo } from "react"
import { InvoicePanel } from "./invoice-panel"
import { mergeLabels } from "./labels"
import { NetworkPicker } from "./network-picker"
import { DefaultStyles } from "./styles"
import { TxHashForm } from "./tx-hash-form"
import type { ThreePayPaymentProps } from "./types"
import { useCountdown } from "./use-countdown"
import { isNetworkLocked, useThreePayPayment } from "./use-threepay-payment"

const CHECKABLE = new Set(["awaiting_payment", "confirming", "expired", "cancelled", "failed"])

export function ThreePayPayment(props: ThreePayPaymentProps) {
  const labels = useMemo(() => mergeLabels(props.labels), [props.labels])
  const { state, selectNetwork, submitTxHash, renew } = useThreePayPayment({ ...props, labels })
  const { config, payment: p, phase } = state
  const remainingMs = useCountdown(p?.expires_at)

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
  const announcement =
    phase === "loading" || phase === "creating"
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

  return (
    <section
      className={["threepay", props.className].filter(Boolean).join(" ")}
      aria-label={labels.title}
      aria-busy={busy}
      data-testid="threepay-payment"
      data-phase={phase}
      data-status={p?.status ?? "none"}
      data-network={p?.network ?? ""}
    >
      {props.unstyled ? null : <DefaultStyles />}
      <p className="threepay-sr-only" role="status" aria-live="polite" aria-atomic="true" data-testid="threepay-announcer">
        {announcement}
      </p>

      {config ? (
        <NetworkPicker
          networks={config.networks}
          selected={p?.network ?? null}
          busy={busy}
          locked={isNetworkLocked(p)}
          labels={labels}
          onSelect={selectNetwork}
        />
      ) : null}

      {phase === "loading" || phase === "creating" ? <p className="threepay-notice">{labels.loading}</p> : null}
      {phase === "switching" ? <p className="threepay-notice">{labels.switchingNetwork}</p> : null}

      {p ? (
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
      {state.error ? (
        <p className="threepay-error" role="alert" data-testid="threepay-error" data-action={state.error.action}>
          {state.error.message}
        </p>
      ) : null}
    </section>
  )
}
