"use client"
/**
 * `<ThreePayNetworkSelect sdk value onChange />`: the network choice alone,
 * for a checkout that creates the payment session itself (Medusa's Next.js
 * starter does, on "Continue to review"). Pass the chosen network in the
 * session's `data` and the invoice is made on it at once: one invoice per
 * checkout, none for a network the shopper did not want.
 *
 * It reads the store's USDT settings (`GET /store/3pay/config`, public) and
 * shows the networks the store accepts now, the store's default chosen until
 * the shopper picks; `onChange` also reports that default once loaded, so the
 * parent always knows what will be sent.
 */
import { useEffect, useMemo, useRef, useState } from "react"
import type { ThreePayStoreConfig, WireNetwork } from "medusa-payment-3pay-client/store-api"
import { fetchStoreConfig } from "./api"
import { mergeLabels, type ThreePayLabelOverrides } from "./labels"
import { NetworkPicker } from "./network-picker"
import { DefaultStyles } from "./styles"
import type { ThreePaySdk } from "./types"

export type ThreePayNetworkSelectProps = {
  /** A `@medusajs/js-sdk` instance with the store's publishable key (only `client.fetch` is used). */
  sdk: Pick<ThreePaySdk, "client">
  /** The chosen network; undefined until the shopper (or the store's default) picks one. */
  value: WireNetwork | null | undefined
  onChange: (network: WireNetwork) => void
  labels?: ThreePayLabelOverrides
  unstyled?: boolean
  className?: string
}

export function ThreePayNetworkSelect(props: ThreePayNetworkSelectProps) {
  const labels = useMemo(() => mergeLabels(props.labels), [props.labels])
  const [config, setConfig] = useState<ThreePayStoreConfig | null>(null)
  const [failed, setFailed] = useState(false)
  const latest = useRef(props)
  latest.current = props

  useEffect(() => {
    let cancelled = false
    fetchStoreConfig(props.sdk).then(
      (c) => {
        if (cancelled) return
        setConfig(c)
        const v = latest.current.value
        if (!v || !c.networks.some((n) => n.network === v)) latest.current.onChange(c.default_network)
      },
      () => !cancelled && setFailed(true)
    )
    return () => {
      cancelled = true
    }
    // The settings are read once per mount; a new sdk instance per render must not refetch them.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  return (
    <div className={["threepay", "threepay-network-select", props.className].filter(Boolean).join(" ")} data-testid="threepay-network-select">
      {props.unstyled ? null : <DefaultStyles />}
      {config ? (
        <NetworkPicker
          networks={config.networks}
          selected={props.value ?? config.default_network}
          busy={false}
          locked={false}
          labels={labels}
          onSelect={props.onChange}
        />
      ) : (
        <p className={failed ? "threepay-error" : "threepay-notice"} role={failed ? "alert" : undefined}>
          {failed ? labels.unreachable : labels.loading}
        </p>
      )}
    </div>
  )
}
