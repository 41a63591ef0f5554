/**
 * medusa-payment-3pay-client: a typed 3PAY client with no Medusa imports
 * (plain Node 20 + zod). See README.md in this folder.
 */
export { ThreePayClient, isInvoiceAlreadyFinalError } from "./client"
export * from "./errors"
export * from "./types"
export * from "./networks"
export * from "./chain-input"
export * from "./tx-hash"
export * from "./addresses"
export { CLIENT_KEY_HEADER, CLIENT_KEY_MAX_AGE_S, signClientIp, verifyClientIp } from "./client-key"
export * from "./usdt"
export * from "./status"
export * from "./webhook-signature"
export { parseWebhookEvent, ThreePayWebhookPayloadError } from "./webhook-payload"
export type { ThreePayWebhookEvent, WebhookPayloadErrorReason } from "./webhook-payload"
export {
  RateBudget,
  InMemoryRateBudgetStore,
  getSharedRateBudget,
  resetSharedRateBudgets,
  DEFAULT_TIER_LIMITS,
  FIFTEEN_MINUTES_MS,
  RATE_TIERS_ORDER,
} from "./rate-budget"
export type {
  RateTier,
  TierLimit,
  RateBudgetStore,
  RateBudgetOptions,
  AcquireResult,
  StoreUsage,
  BudgetEvent,
  BudgetDecision,
  BudgetSnapshot,
  TierSnapshot,
} from "./rate-budget"
export { BASE_URLS, resolveBaseUrl } from "./http"
export type { RetryMode } from "./http"
export { parseRetryAfterMs } from "./retry-after"
export { isAmbiguousCreateFailure, pickRecoveredInvoice, pickRecoveredWithdrawal, RECOVERY_CLOCK_SKEW_MS } from "./create-recovery"
export type { RecoveryPick, RecoveryTarget, WithdrawalPick } from "./create-recovery"
