"use client"
/**
 * `<ThreePayWallet sdk />`: the logged-in customer's USDT wallet for the
 * account page: the balance (available, and held for orders being placed),
 * the permanent address on each network with copy button, explorer link and
 * QR code, and the newest entries (deposits with their transaction, orders
 * paid). Logic in useThreePayWallet; `data-testid`s are stable.
 */
import { useMemo } from "react"
import type { ThreePayWalletEntry } from "medusa-payment-3pay-client/store-api"
import { DepositAddress, QrFigure } from "./deposit-parts"
import { mergeLabels, type ThreePayLabelOverrides, type ThreePayLabels } from "./labels"
import { DefaultStyles } from "./styles"
import type { ThreePaySdk, ThreePayUiError } from "./types"
import { useThreePayWallet } from "./use-threepay-wallet"

export type ThreePayWalletProps = {
  /** A `@medusajs/js-sdk` instance, logged in as the customer (only `client.fetch` is used). */
  sdk: Pick<ThreePaySdk, "client">
  /** Where an order of an entry links to (e.g. your account's order page); without it the order id is shown as text. */
  orderHref?: (orderId: string) => string
  labels?: ThreePayLabelOverrides
  unstyled?: boolean
  className?: string
  onError?: (error: ThreePayUiError) => void
}

export function ThreePayWallet(props: ThreePayWalletProps) {
  const labels = useMemo(() => mergeLabels(props.labels), [props.labels])
  const { state, create } = useThreePayWallet({ sdk: props.sdk, labels, onError: props.onError })
  const w = state.wallet
  const busy = state.phase === "loading" || state.phase === "creating" || state.phase === "checking"

  return (
    <section
      className={["threepay", "threepay-wallet-view", props.className].filter(Boolean).join(" ")}
      aria-label={labels.walletTitle}
      aria-busy={busy}
      data-testid="threepay-wallet"
      data-phase={state.phase}
    >
      {props.unstyled ? null : <DefaultStyles />}
      <h2 className="threepay-title">{labels.walletTitle}</h2>
      {state.phase === "login" ? <p className="threepay-notice">{labels.walletLogin}</p> : null}
      {state.phase === "disabled" ? <p className="threepay-notice">{labels.walletDisabled}</p> : null}
      {state.phase === "loading" && !w ? <p className="threepay-notice">{labels.loading}</p> : null}

      {w ? (
        <>
          <dl className="threepay-balance" data-testid="threepay-wallet-balance">
            <dt>{labels.walletBalance}</dt>
            <dd className="threepay-amount" data-testid="threepay-wallet-available">
              {w.balance.available} USDT
            </dd>
            {w.balance.held !== "0" ? (
              <>
                <dt>{labels.walletHeld}</dt>
                <dd data-testid="threepay-wallet-held">{w.balance.held} USDT</dd>
              </>
            ) : null}
          </dl>

          <h3 className="threepay-subtitle">{labels.walletAddresses}</h3>
          {w.addresses.length ? (
            <ul className="threepay-wallet-addresses">
              {w.addresses.map((a) => (
                <li key={a.network} data-testid={`threepay-wallet-address-${a.network}`} data-network={a.network}>
                  <p className="threepay-network-label">{a.network_label}</p>
                  <DepositAddress
                    address={a.address}
                    label={labels.address}
                    explorerUrl={a.address_explorer_url}
                    config={null}
                    labels={labels}
                    testId={`threepay-address-${a.network}`}
                    copyTestId={`threepay-copy-address-${a.network}`}
                  />
                  {a.qr ? <QrFigure qr={a.qr} amount={null} token="USDT" networkLabel={a.network_label} labels={labels} testId={`threepay-qr-${a.network}`} /> : null}
                </li>
              ))}
            </ul>
          ) : (
            <div className="threepay-row">
              <p className="threepay-notice">{labels.walletNoAddresses}</p>
              <button type="button" className="threepay-primary" data-testid="threepay-wallet-create" aria-disabled={busy || undefined} onClick={() => busy || void create()}>
                {state.phase === "creating" ? labels.walletCreating : labels.walletCreate}
              </button>
            </div>
          )}
          {w.min_deposit !== "0" ? <p className="threepay-notice">{labels.walletMinDeposit(w.min_deposit)}</p> : null}

          <h3 className="threepay-subtitle">{labels.walletEntries}</h3>
          {w.entries.length ? (
            <ul className="threepay-entries" data-testid="threepay-wallet-entries">
              {w.entries.map((e) => (
                <Entry key={e.id} entry={e} labels={labels} orderHref={props.orderHref} />
              ))}
            </ul>
          ) : (
            <p className="threepay-notice">{labels.walletNoEntries}</p>
          )}
        </>
      ) : null}

      {state.error ? (
        <p className="threepay-error" role="alert" data-testid="threepay-error" data-action={state.error.action}>
          {state.error.message}
        </p>
      ) : null}
    </section>
  )
}

function Entry({ entry: e, labels, orderHref }: { entry: ThreePayWalletEntry; labels: ThreePayLabels; orderHref?: (orderId: string) => string }) {
  return (
    <li data-testid="threepay-wallet-entry" data-kind={e.kind}>
      <span className="threepay-entry-kind">{labels.walletEntryKinds[e.kind]}</span>{" "}
      <span className="threepay-entry-change" data-testid="threepay-wallet-entry-change">
        {e.change === "0" ? e.amount : e.change} USDT
      </span>{" "}
      {e.network ? <span className="threepay-notice">({e.network})</span> : null}{" "}
      <time className="threepay-notice" dateTime={e.created_at}>
        {e.created_at.slice(0, 16).replace("T", " ")}
      </time>
      {e.tx_explorer_url ? (
        <>
          {" "}
          <a href={e.tx_explorer_url} target="_blank" rel="noopener noreferrer" data-testid="threepay-wallet-entry-tx">
            {labels.viewTransaction}
            <span className="threepay-sr-only"> {labels.opensInNewTab}</span>
          </a>
        </>
      ) : null}
      {e.order_id ? (
        <>
          {" "}
          {orderHref ? (
            <a href={orderHref(e.order_id)} data-testid="threepay-wallet-entry-order">
              {labels.walletOrder(e.order_id)}
            </a>
          ) : (
            <span data-testid="threepay-wallet-entry-order">{labels.walletOrder(e.order_id)}</span>
          )}
        </>
      ) : null}
      {e.kind === "adjustment" && e.reason ? <span className="threepay-notice"> — {e.reason}</span> : null}
    </li>
  )
}
