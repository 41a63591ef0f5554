"use client"
import { useId, useRef, type KeyboardEvent } from "react"
import type { ThreePayNetworkConfig, WireNetwork } from "medusa-payment-3pay-client/store-api"
import type { ThreePayLabels } from "./labels"

/**
 * One option per network the store accepts, as a radio group (WAI-ARIA
 * pattern): Tab reaches the chosen network, the arrow keys (and Home/End)
 * move to and choose another, Space or Enter chooses the focused one. While
 * an invoice is being prepared or once money arrived, the options are
 * `aria-disabled`, not `disabled`: a disabled button drops the keyboard
 * focus, and the shopper would have to find their way back.
 */
export function NetworkPicker(props: {
  networks: ThreePayNetworkConfig[]
  selected: WireNetwork | null
  /** Busy (an invoice is being prepared): choices are ignored for now. */
  busy: boolean
  /** Money arrived: the network can no longer change. */
  locked: boolean
  labels: ThreePayLabels
  onSelect: (network: WireNetwork) => void
}) {
  const { networks, labels } = props
  const legendId = useId()
  const buttons = useRef<Array<HTMLButtonElement | null>>([])
  const inactive = props.busy || props.locked
  const selectedIndex = networks.findIndex((n) => n.network === props.selected)
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0

  const choose = (i: number) => {
    if (!inactive) props.onSelect(networks[i].network)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const last = networks.length - 1
    const to =
      e.key === "ArrowRight" || e.key === "ArrowDown"
        ? (i === last ? 0 : i + 1)
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
          ? (i === 0 ? last : i - 1)
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? last
              : null
    if (to === null) return
    e.preventDefault()
    buttons.current[to]?.focus()
    choose(to)
  }

  return (
    <fieldset className="threepay-networks" data-testid="threepay-networks">
      <legend id={legendId} className="threepay-networks-legend">
        {labels.chooseNetwork}
      </legend>
      <div className="threepay-network-options" role="radiogroup" aria-labelledby={legendId} aria-disabled={inactive || undefined}>
        {networks.map((n, i) => {
          const checked = props.selected === n.network
          return (
            <button
              key={n.network}
              ref={(el) => {
                buttons.current[i] = el
              }}
              type="button"
              role="radio"
              aria-checked={checked}
              aria-disabled={inactive || undefined}
              tabIndex={i === tabStop ? 0 : -1}
              className="threepay-network"
              data-network={n.network}
              data-testid={`threepay-network-${n.network}`}
              onClick={() => choose(i)}
              onKeyDown={(e) => onKeyDown(e, i)}
            >
              <span className="threepay-network-mark" aria-hidden="true" />
              <span>{n.label}</span>
            </button>
          )
        })}
      </div>
      {props.locked ? <p className="threepay-notice">{labels.networkLocked}</p> : null}
    </fieldset>
  )
}
