import type { Network } from "medusa-payment-3pay-client"
import { base58, keccak_256, sha256 } from "./esm"
import type { Random } from "./random"

/**
 * Deposit addresses and transaction hashes that look and check like real
 * ones: TRON addresses are base58check of 0x41 + 20 bytes; Ethereum
 * addresses carry the EIP-55 mixed-case checksum. Nobody holds their keys.
 */
const TRON_PREFIX = 0x41

function tronChecksum(payload: Uint8Array): Uint8Array {
  return sha256(sha256(payload)).subarray(0, 4)
}

export function tronAddressFromBytes(body20: Uint8Array): string {
  if (body20.length !== 20) throw new Error("a TRON address body is 20 bytes")
  const payload = new Uint8Array(21)
  payload[0] = TRON_PREFIX
  payload.set(body20, 1)
  const full = new Uint8Array(25)
  full.set(payload)
  full.set(tronChecksum(payload), 21)
  return base58.encode(full)
}

export function toEip55(hex40: string): string {
  const lower = hex40.toLowerCase().replace(/^0x/, "")
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new Error("an Ethereum address is 40 hex digits")
  const hash = Buffer.from(keccak_256(new TextEncoder().encode(lower))).toString("hex")
  let out = "0x"
  for (let i = 0; i < 40; i++) {
    out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i]
  }
  return out
}

export function newAddress(network: Network, random: Random): string {
  const body = random.bytes(20)
  return network === "TRC20" ? tronAddressFromBytes(body) : toEip55(body.toString("hex"))
}

/** TRON: 64 hex digits; Ethereum: 0x + 64 hex digits (as the explorers print them). */
export function newTxHash(network: Network, random: Random): string {
  const hex = random.hex(64)
  return network === "TRC20" ? hex : `0x${hex}`
}

export function isTronAddress(value: string): boolean {
  if (!/^T[1-9A-HJ-NP-Za-km-z]{33}$/.test(value)) return false
  let bytes: Uint8Array
  try {
    bytes = base58.decode(value)
  } catch {
    return false
  }
  if (bytes.length !== 25 || bytes[0] !== TRON_PREFIX) return false
  const sum = tronChecksum(bytes.subarray(0, 21))
  return sum.every((b, i) => b === bytes[21 + i])
}

/** All-lower and all-upper forms carry no checksum and are accepted; mixed case must match EIP-55. */
export function isEthAddress(value: string): boolean {
  if (!/^0x[0-9a-fA-F]{40}$/.test(value)) return false
  const body = value.slice(2)
  if (body === body.toLowerCase() || body === body.toUpperCase()) return true
  return toEip55(body) === value
}

export function isAddressOf(network: Network, value: string): boolean {
  return network === "TRC20" ? isTronAddress(value) : isEthAddress(value)
}
