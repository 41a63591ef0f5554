import { chainInputFailure, type ChainInputErrorCode, type ChainInputFailure } from "./chain-input"

/**
 * What a transaction hash looks like on each network, checked before anything
 * is sent to 3PAY: a TRON hash is 64 hex characters, an Ethereum one "0x" and
 * 64 hex characters. Pure and dependency-free: the React component uses it
 * too, to tell the shopper at once when a hash was pasted from the wrong chain.
 * Same result shape as `checkAddress` (chain-input.ts).
 */
export type HashNetwork = "TRC20" | "ERC20"

const TRON_HASH = /^[0-9a-fA-F]{64}$/
const ETH_HASH = /^0x[0-9a-fA-F]{64}$/

export type TxHashCheck = { ok: true; hash: string } | ChainInputFailure

/** Why a value that is neither hash shape fails, for the stable code. */
function shapeCode(s: string, prefixed: boolean): ChainInputErrorCode {
  if (s === "") return "empty"
  const hasPrefix = /^0x/i.test(s)
  if (prefixed !== hasPrefix) return "bad_prefix"
  const digits = hasPrefix ? s.slice(2) : s
  return /^[0-9a-fA-F]*$/.test(digits) ? "bad_length" : "bad_characters"
}

export function checkTxHash(network: HashNetwork, input: string): TxHashCheck {
  const s = input.trim()
  if (network === "TRC20") {
    if (TRON_HASH.test(s)) return { ok: true, hash: s.toLowerCase() }
    return ETH_HASH.test(s)
      ? chainInputFailure(
          network,
          "wrong_network",
          "This looks like an Ethereum transaction. This invoice is on TRON (TRC20): a TRON transaction hash is 64 hexadecimal characters, without 0x.",
          "ERC20"
        )
      : chainInputFailure(network, shapeCode(s, false), "A TRON (TRC20) transaction hash is 64 hexadecimal characters (0-9, a-f).")
  }
  if (ETH_HASH.test(s)) return { ok: true, hash: s.toLowerCase() }
  return TRON_HASH.test(s)
    ? chainInputFailure(
        network,
        "wrong_network",
        "This looks like a TRON transaction. This invoice is on Ethereum (ERC20): an Ethereum transaction hash is 0x followed by 64 hexadecimal characters.",
        "TRC20"
      )
    : chainInputFailure(network, shapeCode(s, true), "An Ethereum (ERC20) transaction hash is 0x followed by 64 hexadecimal characters (0-9, a-f).")
}

/** The 64 hex digits of a hash, lower case, whatever its prefix: for comparing hashes. */
export function hashDigits(hash: string | null | undefined): string | null {
  if (!hash) return null
  const s = hash.trim().toLowerCase()
  const bare = s.startsWith("0x") ? s.slice(2) : s
  return /^[0-9a-f]{64}$/.test(bare) ? bare : null
}
