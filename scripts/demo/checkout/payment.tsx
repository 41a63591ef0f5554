/**
 * The payment step: the plugin's drop-in React component, the one import a
 * storefront adds. The demo's bundler resolves it to the packed and
 * installed package (scripts/demo/checkout.mjs).
 */
export { ThreePayPayment } from "medusa-payment-3pay/storefront"
