import { chainInputFailure, chainName, otherNetworkOf, type ChainInputFailure } from "./chain-input"
import { base58, keccak_256, sha256 } from "./crypto-libs"
import type { Network } from "./networks"

/**
 * Destination addresses, checked before any USDT is sent to them: a transfer
 * to a mistyped address, or to an address of the other chain, is gone for
 * good (3PAY's security checklist: "validate withdrawal addresses").
 *
 * - TRON (TRC20): base58check. 34 characters starting with T: version byte
 *   0x41, 20 bytes of account, and the first 4 bytes of SHA-256(SHA-256(the
 *   first 21)) as checksum. Every typo is caught (but one in 2^32).
 * - Ethereum (ERC20): 0x + 40 hex digits. The checksum is in the case of the
 *   letters (EIP-55: a letter is capital when the matching nibble of
 *   Keccak-256 of the lower-case hex is 8 or more). A mixed-case address must
 *   match it. An all-lower-case (or all-capital) address carries no checksum
 *   (unless it is one of the rare addresses whose checksum form is all one
 *   case, EIP-55's own vectors): it is valid on chain, so it is accepted, but
 *   only with an explicit confirmation by the person who gave it
 *   (`needsCaseConfirmation`), never silently.
 *
 * Pure functions, no Node built-ins: the admin and the storefront use them too.
 */

export type AddressCheckOk = {
  ok: true
  network: Network
  /** Canonical form: TRON as given (trimmed); Ethereum in its EIP-55 mixed case, "0x" prefix. */
  address: string
  /** The address carried a checksum and it matched (always true on TRON). */
  checksummed: boolean
  /** Ethereum without case checksum: ask the person to confirm the address before using it. */
  needsCaseConfirmation: boolean
  /** With `needsCaseConfirmation`: what to tell the person. */
  confirmMessage?: string
}

export type AddressCheck = AddressCheckOk | ChainInputFailure

const BASE58_CHARS = /^[1-9A-HJ-NP-Za-km-z]*$/
const TRON_SHAPE = /^T[1-9A-HJ-NP-Za-km-z]{33}$/
const ETH_SHAPE = /^0[xX][0-9a-fA-F]{40}$/
const TRON_VERSION = 0x41
const TRON_LENGTH = 34

/**
 * Which network an address belongs to by its shape alone (TRON: T + 33
 * base58 characters; Ethereum: 0x + 40 hex digits), no checksum: to name the
 * mistake when an address of one chain is given for the other.
 */
export function detectAddressNetwork(address: unknown): Network | null {
  if (typeof address !== "string") return null
  const a = address.trim()
  if (TRON_SHAPE.test(a)) return "TRC20"
  if (ETH_SHAPE.test(a)) return "ERC20"
  return null
}

/** Checks a destination address for `network`; surrounding spaces are ignored. */
export function checkAddress(network: Network, input: string): AddressCheck {
  return network === "TRC20" ? checkTronAddress(input) : checkEthereumAddress(input)
}

const NAME_HINT: Record<Network, string> = {
  TRC20: "TRON address: it starts with T and has 34 characters",
  ERC20: "Ethereum address: 0x followed by 40 hexadecimal characters (0-9, a-f)",
}

type Fail = (code: ChainInputFailure["code"], message: string) => ChainInputFailure

/**
 * What both networks check first: the trimmed input, or its failure when it
 * is empty or is an address of the other chain (named, since that mistake
 * loses the money).
 */
function opening(network: Network, input: string): { s: string; fail: Fail } | ChainInputFailure {
  const s = typeof input === "string" ? input.trim() : ""
  if (s === "") return chainInputFailure(network, "empty", `Enter the ${NAME_HINT[network]}.`)
  const other = otherNetworkOf(network)
  if (detectAddressNetwork(s) === other) {
    return chainInputFailure(
      network,
      "wrong_network",
      `This is ${other === "ERC20" ? "an Ethereum" : "a TRON"} address; this refund is sent on ${chainName(network)}. ` +
        `USDT sent to an address of the other chain is lost. Enter a ${NAME_HINT[network]}.`,
      other
    )
  }
  return { s, fail: (code, message) => chainInputFailure(network, code, message) }
}

// ------------------------------------------------------------------ TRON

function tronChecksum(payload21: Uint8Array): Uint8Array {
  return sha256(sha256(payload21)).subarray(0, 4)
}

/** The TRON address (base58check, T...) of a 20-byte account. */
export function tronAddressFromBytes(body20: Uint8Array): string {
  if (body20.length !== 20) throw new Error("a TRON address body is 20 bytes")
  const full = new Uint8Array(25)
  full[0] = TRON_VERSION
  full.set(body20, 1)
  full.set(tronChecksum(full.subarray(0, 21)), 21)
  return base58.encode(full)
}

export function checkTronAddress(input: string): AddressCheck {
  const open = opening("TRC20", input)
  if ("ok" in open) return open
  const { s, fail } = open
  if (!s.startsWith("T")) return fail("bad_prefix", `A TRON (TRC20) address starts with T. ${RECOPY}`)
  if (!BASE58_CHARS.test(s)) {
    return fail("bad_characters", `A TRON address has no 0 (zero), O, I, l, spaces or symbols. ${RECOPY}`)
  }
  if (s.length !== TRON_LENGTH) {
    return fail("bad_length", `A TRON address has 34 characters; this one has ${s.length}. ${RECOPY}`)
  }
  let bytes: Uint8Array
  try {
    bytes = base58.decode(s)
  } catch {
    return fail("bad_characters", `This is not a TRON address. ${RECOPY}`)
  }
  if (bytes.length !== 25) return fail("bad_length", `This is not a TRON address: it decodes to ${bytes.length} bytes, not 25. ${RECOPY}`)
  if (bytes[0] !== TRON_VERSION) return fail("bad_prefix", `This is not a TRON account address (its version byte is not 0x41). ${RECOPY}`)
  const sum = tronChecksum(bytes.subarray(0, 21))
  if (!sum.every((b, i) => b === bytes[21 + i])) {
    return fail("bad_checksum", `This TRON address fails its checksum: a character is wrong, missing or swapped. ${RECOPY}`)
  }
  return { ok: true, network: "TRC20", address: s, checksummed: true, needsCaseConfirmation: false }
}

// ------------------------------------------------------------------ Ethereum

function hexOf(bytes: Uint8Array): string {
  let out = ""
  for (const b of bytes) out += b.toString(16).padStart(2, "0")
  return out
}

/** The EIP-55 mixed-case form of an Ethereum address (40 hex digits, with or without 0x, any case). */
export function toEip55(address: string): string {
  const lower = address.trim().replace(/^0x/i, "").toLowerCase()
  if (!/^[0-9a-f]{40}$/.test(lower)) throw new Error("an Ethereum address is 40 hex digits")
  const hash = hexOf(keccak_256(new TextEncoder().encode(lower)))
  let out = "0x"
  for (let i = 0; i < 40; i++) out += parseInt(hash[i], 16) >= 8 ? lower[i].toUpperCase() : lower[i]
  return out
}

export function checkEthereumAddress(input: string): AddressCheck {
  const open = opening("ERC20", input)
  if ("ok" in open) return open
  const { s, fail } = open
  if (!/^0x/i.test(s)) return fail("bad_prefix", `An Ethereum (ERC20) address starts with 0x. ${RECOPY}`)
  const body = s.slice(2)
  if (!/^[0-9a-fA-F]*$/.test(body)) {
    return fail("bad_characters", `After 0x an Ethereum address has only 0-9 and a-f (no spaces or other letters). ${RECOPY}`)
  }
  if (body.length !== 40) {
    return fail("bad_length", `An Ethereum address has 40 characters after 0x; this one has ${body.length}. ${RECOPY}`)
  }
  const canonical = toEip55(body)
  // The checksum is in the letters' case: an address that matches it (mixed
  // case, or one of the rare addresses whose checksum form is all one case)
  // is checked. No letters, no checksum.
  if (/[a-fA-F]/.test(body) && canonical.slice(2) === body) {
    return { ok: true, network: "ERC20", address: canonical, checksummed: true, needsCaseConfirmation: false }
  }
  if (body === body.toLowerCase() || body === body.toUpperCase()) {
    return {
      ok: true,
      network: "ERC20",
      address: canonical,
      checksummed: false,
      needsCaseConfirmation: true,
      confirmMessage:
        "This Ethereum address is all in one case, so it carries no checksum: a mistyped character would not be caught. " +
        `Compare it character by character with the receiving wallet, then confirm. Its checksummed form is ${canonical}.`,
    }
  }
  return fail(
    "bad_checksum",
    `This Ethereum address fails its checksum (EIP-55, the mix of capital and small letters): a character is wrong. ${RECOPY}`
  )
}

const RECOPY = "Copy the address again from the receiving wallet."
