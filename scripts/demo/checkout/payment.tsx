/**
 * The payment step: the drop-in React component of the
 * medusa-payment-3pay-storefront package, the one import a storefront adds
 * (and its account view of the customer's USDT wallet).
 * The demo installs the packed package and bundles it from there
 * (scripts/demo/checkout.mjs).
 */
export { ThreePayPayment, ThreePayWallet } from "medusa-payment-3pay-storefront"
