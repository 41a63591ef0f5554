"use client"
/**
 * The balance path of the payment step, as the shopper sees it: before
 * anything happens, the balance and what choosing it does; then either
 * "your balance covers this order" (the backend paid it at once) or the
 * customer's own address on the chosen network with the wrong-network
 * warning, the amount still needed, the QR code and "I have sent it".
 */
import type { ThreePayNetworkConfig, ThreePayWallet, ThreePayWalletCheckout } from "medusa-payment-3pay-client/store-api"
import { CopyButton } from "./copy-button"
import { DepositAddress, QrFigure, SendOnlyWarning } from "./deposit-parts"
import type { ThreePayLabels } from "./labels"

export function WalletCheckoutPanel(props: {
  wallet: ThreePayWallet | null
  checkout: ThreePayWalletCheckout | null
  network: ThreePayNetworkConfig | null
  warning: string
  busy: "starting" | "checking" | null
  checked: boolean
  done: boolean
  labels: ThreePayLabels
  onStart: () => void
  onCheck: () => void
}) {
  const { checkout: c, labels } = props
  const token = props.network?.token ?? "USDT"

  if (!c || c.status === "canceled") {
    return (
      <div className="threepay-wallet" data-testid="threepay-wallet-offer">
        {c ? <p className="threepay-notice">{labels.walletStatuses.canceled}</p> : null}
        {props.wallet ? (
          <p className="threepay-detail" data-testid="threepay-wallet-available">
            {labels.walletBalance}: <strong>{props.wallet.balance.available} {token}</strong>
          </p>
        ) : null}
        <p className="threepay-notice">{labels.walletIntro}</p>
        <div className="threepay-row">
          <button
            type="button"
            className="threepay-primary"
            data-testid="threepay-wallet-start"
            aria-disabled={!!props.busy || undefined}
            onClick={() => props.busy || props.onStart()}
          >
            {props.busy === "starting" ? labels.walletStarting : labels.walletStart}
          </button>
        </div>
      </div>
    )
  }

  const covered = c.amount_missing === "0"
  const waiting = c.status === "waiting"
  return (
    <div className="threepay-wallet" data-testid="threepay-wallet-checkout" data-status={c.status} data-network={c.network}>
      <p className="threepay-status" data-testid="threepay-wallet-status" data-status={c.status}>
        {labels.walletStatuses[c.status]}
      </p>
      {c.status === "paid" ? (
        <p className="threepay-detail" data-testid="threepay-wallet-paid">
          {labels.walletPaid(c.amount_due)}
        </p>
      ) : null}
      {waiting && covered ? (
        <p className="threepay-detail" data-testid="threepay-wallet-covered">
          {labels.walletCovered(c.amount_due, c.balance_available)}
        </p>
      ) : null}
      {waiting && !covered ? (
        <>
          <p className="threepay-detail" data-testid="threepay-wallet-missing">
            {labels.walletMissing(c.amount_due, c.balance_available, c.amount_missing, c.amount_to_send)}
          </p>
          <div className="threepay-row">
            <span className="threepay-label">{labels.walletAmountToSend}</span>
          </div>
          <div className="threepay-row">
            <span className="threepay-amount" data-testid="threepay-wallet-amount" aria-label={labels.amountOn(c.amount_to_send, token, c.network_label)}>
              {c.amount_to_send} {token}
            </span>
            <span className="threepay-network-label">{c.network_label}</span>
            <CopyButton text={c.amount_to_send} label={labels.copyAmount} copyText={labels.copy} copiedText={labels.copied} testId="threepay-copy-amount" />
          </div>
          <SendOnlyWarning
            token={token}
            chain={props.network?.chain ?? c.network_label}
            network={c.network}
            warning={props.warning}
            config={props.network}
            labels={labels}
          />
          <DepositAddress
            address={c.address}
            label={labels.walletYourAddress}
            explorerUrl={c.address_explorer_url}
            config={props.network}
            labels={labels}
            testId="threepay-wallet-address"
          />
          <p className="threepay-notice">{labels.walletKeepsAddress}</p>
          {c.min_deposit !== "0" ? <p className="threepay-notice">{labels.walletMinDeposit(c.min_deposit)}</p> : null}
          {c.qr ? <QrFigure qr={c.qr} amount={c.amount_to_send} token={token} networkLabel={c.network_label} labels={labels} testId="threepay-wallet-qr" /> : null}
        </>
      ) : null}
      {waiting && !props.done ? (
        <div className="threepay-row">
          <button type="button" data-testid="threepay-wallet-sent" aria-disabled={!!props.busy || undefined} onClick={() => props.busy || props.onCheck()}>
            {props.busy === "checking" ? labels.walletChecking : labels.walletSent}
          </button>
        </div>
      ) : null}
      {props.checked && waiting ? (
        <p className="threepay-notice" role="status" data-testid="threepay-wallet-checked">
          {labels.walletChecked}
        </p>
      ) : null}
    </div>
  )
}
