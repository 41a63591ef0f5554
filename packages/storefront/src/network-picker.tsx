"use client"
import type { ThreePayStoreConfig, WireNetwork } from "medusa-payment-3pay-client/store-api"
import type { ThreePayLabels } from "./labels"

/** One button per network the store accepts, as an accessible radio group. */
export function NetworkPicker(props: {
  config: ThreePayStoreConfig
  selected: WireNetwork | null
  disabled: boolean
  locked: boolean
  labels: ThreePayLabels
  onSelect: (network: WireNetwork) => void
}) {
  const { config, labels } = props
  return (
    <fieldset className="threepay-networks" disabled={props.disabled || props.locked}>
      <legend className="threepay-networks-legend">{labels.chooseNetwork}</legend>
      <div className="threepay-row" role="radiogroup" aria-label={labels.chooseNetwork}>
        {config.networks.map((n) => (
          <button
            key={n.network}
            type="button"
            role="radio"
            aria-checked={props.selected === n.network}
            className="threepay-network"
            data-network={n.network}
            data-testid={`threepay-network-${n.network}`}
            onClick={() => props.onSelect(n.network)}
          >
            {n.label}
          </button>
        ))}
      </div>
      {props.locked ? <p className="threepay-notice">{labels.networkLocked}</p> : null}
    </fieldset>
  )
}
