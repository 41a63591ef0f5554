/**
 * The payment step: the drop-in React component of the
 * medusa-payment-3pay-storefront package, the one import a storefront adds.
 * The demo installs the packed package and bundles it from there
 * (scripts/demo/checkout.mjs).
 */
export { ThreePayPayment } from "medusa-payment-3pay-storefront"
