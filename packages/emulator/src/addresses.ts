import { toEip55, tronAddressFromBytes, type Network } from "medusa-payment-3pay-client"
import type { Random } from "./random"

/**
 * Deposit addresses and transaction hashes that look and check like real
 * ones (the client's encoders: TRON base58check of 0x41 + 20 bytes,
 * Ethereum in EIP-55 mixed case). Nobody holds their keys. Checking an
 * address is the client's `checkAddress`, the one implementation.
 */
export function newAddress(network: Network, random: Random): string {
  const body = random.bytes(20)
  return network === "TRC20" ? tronAddressFromBytes(body) : toEip55(body.toString("hex"))
}

/** TRON: 64 hex digits; Ethereum: 0x + 64 hex digits (as the explorers print them). */
export function newTxHash(network: Network, random: Random): string {
  const hex = random.hex(64)
  return network === "TRC20" ? hex : `0x${hex}`
}
