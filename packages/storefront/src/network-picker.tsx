"use client"
import type { ThreePayNetworkConfig, WireNetwork } from "medusa-payment-3pay-client/store-api"
import { ChoiceGroup } from "./choice-group"
import type { ThreePayLabels } from "./labels"

/**
 * One option per network the store accepts (a radio group: see
 * ChoiceGroup). Busy while an invoice is being prepared; locked once money
 * arrived.
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
  return (
    <ChoiceGroup
      legend={props.labels.chooseNetwork}
      className="threepay-networks"
      testId="threepay-networks"
      keyAttribute="network"
      options={props.networks.map((n) => ({ key: n.network, label: n.label, testId: `threepay-network-${n.network}` }))}
      selected={props.selected}
      inactive={props.busy || props.locked}
      onSelect={props.onSelect}
      note={props.locked ? props.labels.networkLocked : null}
    />
  )
}
