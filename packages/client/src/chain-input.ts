import { NETWORK_INFO, type Network } from "./networks"

/**
 * What a person pastes for a chain (a destination address, a transaction
 * hash) is checked before anything is sent or stored, and both checks answer
 * in one shape: `ok: true` with the value in its canonical form, or
 * `ok: false` with a stable `code` to branch on and a `message` that says
 * what is wrong and what to do, written for the person who pasted it.
 */
export type ChainInputErrorCode =
  /** Nothing (or only spaces) was given. */
  | "empty"
  /** A well-formed value of the other network (an Ethereum address for TRC20...): `detectedNetwork` says which. */
  | "wrong_network"
  /** Does not start the way this network's values start (TRON address: T / 0x41; Ethereum: 0x). */
  | "bad_prefix"
  /** Too short or too long. */
  | "bad_length"
  /** A character that cannot appear (base58 has no 0, O, I, l; hex is 0-9 a-f). */
  | "bad_characters"
  /** Well-formed, but its checksum does not match: a character was changed, added or lost. */
  | "bad_checksum"

export type ChainInputFailure = {
  ok: false
  /** The network the value was checked for. */
  network: Network
  code: ChainInputErrorCode
  message: string
  /** Set with `wrong_network`: the network the value belongs to. */
  detectedNetwork?: Network
}

/** "TRON (TRC20)", "Ethereum (ERC20)": how messages name a network. */
export function chainName(network: Network): string {
  return `${NETWORK_INFO[network].chain} (${network})`
}

export function otherNetworkOf(network: Network): Network {
  return network === "TRC20" ? "ERC20" : "TRC20"
}

export function chainInputFailure(
  network: Network,
  code: ChainInputErrorCode,
  message: string,
  detectedNetwork?: Network
): ChainInputFailure {
  return detectedNetwork ? { ok: false, network, code, message, detectedNetwork } : { ok: false, network, code, message }
}
