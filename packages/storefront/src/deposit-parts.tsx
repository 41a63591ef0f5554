"use client"
/**
 * The pieces every "send USDT here" view shows, one home each: the
 * wrong-network warning, the deposit address with its copy button (and
 * explorer link), and the QR code with a caption that says whether the
 * amount is in it. The invoice panel, the balance checkout and the account
 * view all use these, so a shopper reads the same words in each.
 */
import type { ThreePayNetworkConfig } from "medusa-payment-3pay-client/store-api"
import { CopyButton } from "./copy-button"
import type { ThreePayLabels } from "./labels"

/** "Send only USDT on the TRON network (TRC20)", the store's warning, and the test network's name in sandbox. */
export function SendOnlyWarning(props: {
  token: string
  chain: string
  network: string
  warning: string
  config: ThreePayNetworkConfig | null
  labels: ThreePayLabels
  testId?: string
}) {
  const { labels } = props
  return (
    <div className="threepay-warning" role="note" data-testid={props.testId ?? "threepay-warning"}>
      <p>
        <strong>{labels.sendOnlyOn(props.token, props.chain, props.network)}</strong>
      </p>
      {props.warning ? <p>{props.warning}</p> : null}
      {props.config?.testnet ? <p className="threepay-testnet">{labels.testnet(props.config.testnet)}</p> : null}
    </div>
  )
}

/** The address as code, a copy button, the explorer link when there is one, and the address hint. */
export function DepositAddress(props: {
  address: string
  label: string
  explorerUrl?: string | null
  config: ThreePayNetworkConfig | null
  labels: ThreePayLabels
  testId?: string
  copyTestId?: string
}) {
  const { labels } = props
  return (
    <div className="threepay-row">
      <span className="threepay-label">{props.label}</span>
      <code className="threepay-address" data-testid={props.testId ?? "threepay-address"}>
        {props.address}
      </code>
      <CopyButton
        text={props.address}
        label={labels.copyAddress}
        copyText={labels.copy}
        copiedText={labels.copied}
        testId={props.copyTestId ?? "threepay-copy-address"}
      />
      {props.explorerUrl ? (
        <a className="threepay-explorer-link" data-testid="threepay-address-explorer" href={props.explorerUrl} target="_blank" rel="noopener noreferrer">
          {labels.viewAddress}
          <span className="threepay-sr-only"> {labels.opensInNewTab}</span>
        </a>
      ) : null}
      {props.config ? <span className="threepay-notice">{labels.addressHint(props.config.address_hint)}</span> : null}
    </div>
  )
}

export type QrCode = { kind: "eip681" | "address" | "payment_url"; data_url: string }

/**
 * The QR code. `amount` is what the shopper is asked to send: an `eip681`
 * code holds it, an `address` code does not (the caption gives it to type
 * in); without an amount (the account view) the caption is left out.
 */
export function QrFigure(props: { qr: QrCode; amount: string | null; token: string; networkLabel: string; labels: ThreePayLabels; testId?: string }) {
  const { qr, amount, token, labels } = props
  return (
    <figure className="threepay-qr-box">
      <img
        className="threepay-qr"
        data-testid={props.testId ?? "threepay-qr"}
        data-kind={qr.kind}
        src={qr.data_url}
        alt={
          qr.kind === "eip681" && amount
            ? labels.qrAltTransfer(amount, token, props.networkLabel)
            : qr.kind === "payment_url"
              ? labels.qrAlt
              : labels.qrAltAddress(props.networkLabel)
        }
        width={180}
        height={180}
      />
      {qr.kind !== "payment_url" && amount ? (
        <figcaption className="threepay-qr-caption" data-testid="threepay-qr-caption">
          {qr.kind === "eip681" ? labels.qrWithAmount(amount, token) : labels.qrAddressOnly(amount, token)}
        </figcaption>
      ) : null}
    </figure>
  )
}
