"use client"
/**
 * `medusa-payment-3pay-storefront`: the USDT payment step for Medusa
 * storefronts (React 18 or 19, `@medusajs/js-sdk` 2.x). See README.md here
 * and the "Storefront guide" of the plugin's README (medusa-payment-3pay).
 */
export { ThreePayPayment } from "./ThreePayPayment"
export { ThreePayNetworkSelect, type ThreePayNetworkSelectProps } from "./network-select"
export { ThreePayWallet, type ThreePayWalletProps } from "./ThreePayWallet"
export { useThreePayWallet, type ThreePayWalletPhase, type ThreePayWalletState, type UseThreePayWalletOptions } from "./use-threepay-wallet"
export { useThreePayPayment, type ThreePayPhase, type ThreePayState } from "./use-threepay-payment"
export { DEFAULT_LABELS, mergeLabels, type ThreePayLabelOverrides, type ThreePayLabels } from "./labels"
export { DEFAULT_CSS } from "./styles"
export {
  createApi,
  createWalletApi,
  fetchStoreConfig,
  PROVIDER_ID,
  WALLET_PROVIDER_ID,
  type ThreePayApi,
  type ThreePayWalletApi,
  type CompleteOutcome,
  type CartSessionInfo,
} from "./api"
export { checkTxHash } from "medusa-payment-3pay-client/chains"
export { formatCountdown } from "./format"
export type {
  ThreePayCheckResult,
  ThreePayNetwork,
  ThreePayOrderInfo,
  ThreePayPaymentProps,
  ThreePayPaymentStatus,
  ThreePayPlacedOrder,
  ThreePaySdk,
  ThreePayStoreConfig,
  ThreePayUiError,
} from "./types"
export type {
  ThreePayNetworkConfig,
  ThreePayStoreError,
  WireStatus as ThreePayStatus,
  ThreePayWallet as ThreePayWalletInfo,
  ThreePayWalletAddress,
  ThreePayWalletCheckout,
  ThreePayWalletEntry,
} from "medusa-payment-3pay-client/store-api"
