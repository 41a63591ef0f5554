/**
 * The two USDT networks 3PAY supports, and everything a shopper or admin must
 * see to send on the right one. One table, so labels, contracts and explorer
 * links cannot drift apart between the provider, the admin and the storefront.
 */
export const NETWORKS = ["TRC20", "ERC20"] as const
export type Network = (typeof NETWORKS)[number]
export type CurrencyType = "USDT-TRC20" | "USDT-ERC20"
export type Environment = "sandbox" | "live"

export type NetworkInfo = {
  network: Network
  currencyType: CurrencyType
  /** Shown to shoppers: the chain, not just the token. */
  label: string
  chain: string
  token: "USDT"
  decimals: 6
  /** What a valid deposit address looks like (for the shopper's eye). */
  addressHint: string
  contract: Record<Environment, string | null>
  testnet: string
  explorer: Record<Environment, { name: string; base: string; tx: (hash: string) => string; address: (a: string) => string }>
}

const tronscan = (base: string, name: string) => ({
  name,
  base,
  tx: (h: string) => `${base}/#/transaction/${h}`,
  address: (a: string) => `${base}/#/address/${a}`,
})
const etherscan = (base: string, name: string) => ({
  name,
  base,
  tx: (h: string) => `${base}/tx/${h.startsWith("0x") ? h : `0x${h}`}`,
  address: (a: string) => `${base}/address/${a}`,
})

export const NETWORK_INFO: Record<Network, NetworkInfo> = {
  TRC20: {
    network: "TRC20",
    currencyType: "USDT-TRC20",
    label: "USDT on TRON (TRC20)",
    chain: "TRON",
    token: "USDT",
    decimals: 6,
    addressHint: "starts with T, 34 characters",
    // Tether's TRC20 contract; 3PAY's sandbox runs on the Nile testnet.
    contract: { live: "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", sandbox: null },
    testnet: "Nile",
    explorer: {
      live: tronscan("https://tronscan.org", "Tronscan"),
      sandbox: tronscan("https://nile.tronscan.org", "Tronscan (Nile)"),
    },
  },
  ERC20: {
    network: "ERC20",
    currencyType: "USDT-ERC20",
    label: "USDT on Ethereum (ERC20)",
    chain: "Ethereum",
    token: "USDT",
    decimals: 6,
    addressHint: "starts with 0x, 42 characters",
    contract: { live: "0xdAC17F958D2ee523a2206206994597C13D831ec7", sandbox: null },
    testnet: "Sepolia",
    explorer: {
      live: etherscan("https://etherscan.io", "Etherscan"),
      sandbox: etherscan("https://sepolia.etherscan.io", "Etherscan (Sepolia)"),
    },
  },
}

export const WRONG_NETWORK_WARNING =
  "Send USDT only on the network shown. A payment sent on another network or in another token cannot be recovered."

/**
 * Accepts TRC20, ERC20, USDT-TRC20, USDT-ERC20 in any case and with spaces or
 * underscores; returns null for anything else.
 */
export function parseNetwork(input: unknown): Network | null {
  if (typeof input !== "string") return null
  const s = input.trim().toUpperCase().replace(/[\s_]/g, "-")
  const bare = s.startsWith("USDT-") ? s.slice(5) : s
  return (NETWORKS as readonly string[]).includes(bare) ? (bare as Network) : null
}

export function networkFromCurrencyType(input: unknown): Network | null {
  return parseNetwork(input)
}

export function currencyTypeOf(network: Network): CurrencyType {
  return NETWORK_INFO[network].currencyType
}

export function explorerTxUrl(network: Network, environment: Environment, hash: string): string {
  return NETWORK_INFO[network].explorer[environment].tx(hash)
}

export function explorerAddressUrl(network: Network, environment: Environment, address: string): string {
  return NETWORK_INFO[network].explorer[environment].address(address)
}

const ETH_ADDRESS_RE = /^0x[0-9a-fA-F]{40}$/

/**
 * What a wallet scanning the payment step's QR code should get. Ethereum has
 * a standard for "send this token, this amount, to this address" (EIP-681):
 * `ethereum:<token contract>@<chain id>/transfer?address=<to>&uint256=<amount
 * in the token's base units>`, so the ERC20 code carries the amount and the
 * USDT contract. TRON has no such standard that wallets agree on, so the
 * TRC20 code is the address alone and the amount is shown beside it.
 *
 * Only a contract we know is put in a code: Tether has no official
 * deployment on Sepolia and 3PAY does not publish the test token its sandbox
 * watches, so in sandbox the ERC20 code is the address alone as well (a
 * guessed test-token contract could send the shopper's tokens nowhere).
 */
export type WalletQr = { kind: "eip681" | "address"; text: string }

/** Ethereum chain ids (EIP-155) of the networks 3PAY uses: mainnet, and Sepolia in sandbox. */
export const EVM_CHAIN_IDS: Record<Environment, number> = { live: 1, sandbox: 11155111 }

/** An EIP-681 ERC-20 `transfer` URI; `amount` is an exact USDT decimal string. */
export function eip681TokenTransfer(o: { contract: string; chainId: number; to: string; amount: string; decimals?: number }): string {
  const decimals = o.decimals ?? 6
  if (!ETH_ADDRESS_RE.test(o.contract) || !ETH_ADDRESS_RE.test(o.to)) throw new Error("eip681TokenTransfer: not an Ethereum address")
  const m = /^(\d+)(?:\.(\d+))?$/.exec(o.amount.trim())
  if (!m || (m[2] ?? "").length > decimals) throw new Error(`eip681TokenTransfer: "${o.amount}" is not an amount with at most ${decimals} decimals`)
  const units = BigInt(m[1] + (m[2] ?? "").padEnd(decimals, "0")).toString()
  return `ethereum:${o.contract}@${o.chainId}/transfer?address=${o.to}&uint256=${units}`
}

/** The QR code's text for a payable invoice (see WalletQr). */
export function walletQr(network: Network, environment: Environment, address: string, amount: string): WalletQr {
  const contract = NETWORK_INFO[network].contract[environment]
  if (network === "ERC20" && contract) {
    return {
      kind: "eip681",
      text: eip681TokenTransfer({ contract, chainId: EVM_CHAIN_IDS[environment], to: address, amount, decimals: NETWORK_INFO[network].decimals }),
    }
  }
  return { kind: "address", text: address }
}
