/**
 * `medusa-payment-3pay-client/chains`: the facts about TRON and Ethereum that
 * a browser needs too (network names, explorers, what a transaction hash
 * looks like). No Node built-ins, no HTTP: safe in a storefront bundle.
 */
export * from "./networks"
export * from "./tx-hash"
