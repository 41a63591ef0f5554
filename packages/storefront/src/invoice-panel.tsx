"use client"
/**
 * What to send, where, and until when: the exact amount and the network side
 * by side with the wrong-network warning (always shown next to the amount),
 * the deposit address, the QR code, the link to 3PAY's page and the
 * countdown. The address, QR code and link show only while the invoice can
 * still be paid, so nobody sends money to an expired invoice.
 */
import type { ThreePayNetworkConfig, ThreePayPaymentStatus } from "medusa-payment-3pay-client/store-api"
import { CopyButton } from "./copy-button"
import { DepositAddress, QrFigure, SendOnlyWarning } from "./deposit-parts"
import { formatCountdown } from "./format"
import type { ThreePayLabels } from "./labels"

export function InvoicePanel(props: {
  payment: ThreePayPaymentStatus
  network: ThreePayNetworkConfig | null
  warning: string
  remainingMs: number | null
  payable: boolean
  labels: ThreePayLabels
}) {
  const { payment: p, labels } = props
  const showAddress = !!p.wallet_address && (props.payable || p.status === "confirming")
  const expired = props.remainingMs !== null && props.remainingMs <= 0
  return (
    <div className="threepay-invoice" data-network={p.network}>
      <div className="threepay-row">
        <span className="threepay-label">{labels.amountToSend}</span>
      </div>
      <div className="threepay-row">
        <span className="threepay-amount" data-testid="threepay-amount" aria-label={labels.amountOn(p.amount_usdt, p.token, p.network_label)}>
          {p.amount_usdt} {p.token}
        </span>
        <span className="threepay-network-label">{p.network_label}</span>
        <CopyButton
          text={p.amount_usdt}
          label={labels.copyAmount}
          copyText={labels.copy}
          copiedText={labels.copied}
          testId="threepay-copy-amount"
        />
      </div>
      <SendOnlyWarning token={p.token} chain={p.chain} network={p.network} warning={props.warning} config={props.network} labels={labels} />

      {showAddress ? <DepositAddress address={p.wallet_address!} label={labels.address} config={props.network} labels={labels} /> : null}

      {props.payable && p.qr ? <QrFigure qr={p.qr} amount={p.amount_usdt} token={p.token} networkLabel={p.network_label} labels={labels} /> : null}

      {props.payable && p.payment_url ? (
        <a
          className="threepay-pay-link"
          data-testid="threepay-pay-link"
          href={p.payment_url}
          target="_blank"
          rel="noopener noreferrer"
        >
          {labels.openPaymentPage}
          <span aria-hidden="true">↗</span>
          <span className="threepay-sr-only"> {labels.opensInNewTab}</span>
        </a>
      ) : null}

      {props.remainingMs !== null && (p.status === "awaiting_payment" || expired) && !["paid", "overpaid"].includes(p.status) ? (
        <p className="threepay-countdown" data-testid="threepay-countdown" data-expired={expired ? "true" : "false"}>
          <span className="threepay-label">{labels.expiresIn}: </span>
          <time role="timer" dateTime={p.expires_at ?? undefined}>
            {formatCountdown(props.remainingMs)}
          </time>
        </p>
      ) : null}
    </div>
  )
}
