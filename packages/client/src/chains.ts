/**
 * `medusa-payment-3pay-client/chains`: the facts about TRON and Ethereum that
 * a browser needs too (network names, explorers, what a transaction hash and
 * a destination address look like, with their checksums). No Node built-ins,
 * no HTTP: safe in a storefront bundle.
 */
export * from "./networks"
export * from "./chain-input"
export * from "./tx-hash"
export * from "./addresses"
