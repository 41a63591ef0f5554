/**
 * The one judge of a refund's destination address, server-side (the admin
 * asks it through POST /admin/3pay/addresses/check, so the admin bundle
 * carries no hash code; the refund workflow and the provider's refundPayment
 * ask it again before anything is sent).
 *
 * On top of the client's checksum rules (`checkAddress`: TRON base58check,
 * Ethereum EIP-55, the other chain's address named as such), it refuses two
 * addresses that pass every checksum and still lose the money: a USDT token
 * contract (tokens sent to the token's own contract are stuck there) and the
 * zero address (nobody holds its key).
 */
import { checkAddress, NETWORK_INFO, NETWORKS, toEip55, tronAddressFromBytes, type Network } from "medusa-payment-3pay-client"
import { ThreePayError, type ErrorCode } from "./errors"

export type RefundAddressVerdict =
  | { valid: true; address: string; checksum: "ok" | "lowercase"; message?: string }
  | { valid: false; address: string; code: RefundAddressErrorCode; message: string }

export type RefundAddressErrorCode = Extract<
  ErrorCode,
  "threepay_address_invalid" | "threepay_address_wrong_network" | "threepay_address_bad_checksum" | "threepay_address_not_allowed"
>

const ZERO: Record<Network, string> = {
  TRC20: tronAddressFromBytes(new Uint8Array(20)),
  ERC20: `0x${"0".repeat(40)}`,
}

/** Every USDT contract we know of, in canonical form (TRON as is, Ethereum EIP-55), whatever the environment. */
const CONTRACTS: Record<Network, Set<string>> = Object.fromEntries(
  NETWORKS.map((n) => [
    n,
    new Set(
      Object.values(NETWORK_INFO[n].contract)
        .filter((c): c is string => !!c)
        .map((c) => (n === "ERC20" ? toEip55(c) : c))
    ),
  ])
) as Record<Network, Set<string>>

export function checkRefundAddress(network: Network, input: string): RefundAddressVerdict {
  const r = checkAddress(network, input)
  if (!r.ok) {
    const code: RefundAddressErrorCode =
      r.code === "wrong_network" ? "threepay_address_wrong_network" : r.code === "bad_checksum" ? "threepay_address_bad_checksum" : "threepay_address_invalid"
    return { valid: false, address: typeof input === "string" ? input.trim() : "", code, message: r.message }
  }
  if (r.address === ZERO[network] || r.address.toLowerCase() === ZERO[network].toLowerCase()) {
    return {
      valid: false,
      address: r.address,
      code: "threepay_address_not_allowed",
      message: "This is the zero address: nobody holds its key, and USDT sent to it is burnt. Ask the customer for their own wallet address.",
    }
  }
  if (CONTRACTS[network].has(r.address)) {
    return {
      valid: false,
      address: r.address,
      code: "threepay_address_not_allowed",
      message: `This is the USDT token contract on ${NETWORK_INFO[network].chain}, not a wallet: USDT sent to it is stuck for good. Ask the customer for their own wallet address.`,
    }
  }
  return r.needsCaseConfirmation
    ? { valid: true, address: r.address, checksum: "lowercase", ...(r.confirmMessage ? { message: r.confirmMessage } : {}) }
    : { valid: true, address: r.address, checksum: "ok" }
}

/**
 * The destination to send to, or the refusal as a ThreePayError: a valid
 * address without case checksum needs `confirmLowercase` (the person compared
 * it by hand and said so).
 */
export function requireRefundAddress(network: Network, input: string, confirmLowercase: boolean): { address: string; checksum: "ok" | "lowercase" } {
  const v = checkRefundAddress(network, input)
  if (!v.valid) throw new ThreePayError(v.code, v.message)
  if (v.checksum === "lowercase" && !confirmLowercase) {
    throw new ThreePayError(
      "threepay_address_unconfirmed_lowercase",
      `${v.message ?? "This Ethereum address carries no checksum."} Send confirm_lowercase: true once it is confirmed.`
    )
  }
  return { address: v.address, checksum: v.checksum }
}
