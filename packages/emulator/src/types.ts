import type { Network } from "medusa-payment-3pay-client"

/** Deposit statuses as 3PAY's v2 settlement table spells them (plus `underpaid`, opt-in). */
export type DepositStatus = "initiated" | "amount confirmed" | "confirmed" | "expired" | "cancelled" | "underpaid"
export type PayMode = "full" | "under" | "over" | "two_step"
export type UnderpaymentStatus = "confirmed" | "amount confirmed" | "underpaid"
export type DeliveryStatus = "pending" | "delivered" | "failed"
export type RateTier = "walletGen" | "standard" | "financial"

export type Invoice = {
  transactionId: string
  invoiceNo: string
  /** Payment page code: `/s/<code>`. */
  code: string
  /** Network asked for at creation. */
  network: Network
  /** Network the money arrived on (differs under the wrong-network fault). */
  paidNetwork: Network | null
  amount: bigint
  actualBalance: bigint
  fee: bigint
  netAmount: bigint
  status: DepositStatus
  walletAddress: string
  blockchainTxHash: string | null
  timerMinutes: number
  createdAt: number
  expiresAt: number
  confirmedAt: number | null
  /** Paid after it had expired. */
  late: boolean
  referenceId: string | null
  email: string | null
  firstName: string | null
  lastName: string | null
  phoneNumber: string | null
  username: string | null
  description: string | null
  webhookUrl: string | null
  callbackUrl: string | null
  history: Array<{ status: DepositStatus; at: number }>
  expiryTask: number | null
  stepTask: number | null
}

export type UserWallet = {
  address: string
  balance: bigint
  lastDepositAt: number | null
  lastDepositAmount: bigint | null
  totalDeposits: number
  totalDepositAmount: bigint
}

export type WalletUser = {
  userId: string
  email: string
  firstName: string | null
  lastName: string | null
  phone: string | null
  description: string | null
  callbackUrl: string | null
  isActive: boolean
  createdAt: number
  wallets: Record<Network, UserWallet>
}

/** Movements on per-user wallets: deposits, manual credits/debits, withdrawals. */
export type UserTransaction = {
  id: string
  userId: string
  type: "deposit" | "credit" | "debit" | "withdrawal"
  network: Network
  amount: bigint
  fee: bigint
  netAmount: bigint
  status: string
  walletAddress: string | null
  blockchainTxHash: string | null
  reason: string | null
  createdAt: number
}

/**
 * A withdrawal's status in 3PAY's words: waiting for review ("pending" in the
 * settlement table, "pending_review" on the modes page: `withdrawalReviewStatus`),
 * "approved" (held for execution: `withdrawalExecution: "held"`), or final.
 */
export type WithdrawalStatus = "pending" | "pending_review" | "approved" | "completed" | "rejected" | "failed"

export type Withdrawal = {
  id: string
  userId: string
  network: Network
  amount: bigint
  fee: bigint
  /** What reaches the address: amount - fee when the user pays the fee, amount when the merchant does. */
  netAmount: bigint
  walletAddress: string
  status: WithdrawalStatus
  /** Went through the review queue (a withdrawal request). */
  manual: boolean
  /** The settings it was made under. */
  feePayer: "user" | "merchant"
  fundsFrom: "merchant" | "user"
  /** Taken from the merchant balance: amount, plus the fee when the merchant pays it. */
  debit: bigint
  /** False while queued without the money to cover it (insufficient-funds policy "review"): nothing locked yet. */
  funded: boolean
  transactionHash: string | null
  callbackUrl: string | null
  reason: string | null
  createdAt: number
  /** Approved or rejected (by the threshold or the merchant). */
  decidedAt: number | null
  /** Sent on chain (completed) or failed there. */
  executedAt: number | null
}

export type DeliveryAttempt = { at: string; status: number | null; error: string | null; durationMs: number }

export type Delivery = {
  id: string
  eventType: "deposit" | "withdrawal" | "test"
  transactionId: string | null
  url: string | null
  /** The exact bytes sent (and signed). */
  body: string
  test: boolean
  attempts: number
  responseStatus: number | null
  deliveryStatus: DeliveryStatus
  createdAt: number
  lastAttemptAt: number | null
  nextAttemptAt: number | null
  error: string | null
  /** Waiting for `flushWebhooks` (out-of-order fault). */
  held: boolean
  /** Dropped by the webhook-drop fault: never sent ("skip") or sent with its outcome ignored ("ignore"). */
  dropped: "skip" | "ignore" | null
  /** Copies 2..N of the duplicate-delivery fault point at the first copy. */
  duplicateOf: string | null
  log: DeliveryAttempt[]
  retryTask: number | null
}

export type FaultKind = "error" | "rate_limit" | "timeout" | "drop"

export type FaultRuleInput = {
  /** error: 5xx answer; rate_limit: 429 + Retry-After; timeout: never answer; drop: destroy the socket. */
  kind: FaultKind
  /** How many matching calls it hits (default 1). */
  count?: number
  /** Endpoint name such as `transaction.create`; all API calls when absent. */
  endpoint?: string
  /** For `error`: the status (default 500). */
  status?: number
  /** For `rate_limit`: Retry-After seconds (default 30). */
  retryAfterSeconds?: number
  /** For `error`: an HTML body, as a proxy in front of 3PAY would send. */
  html?: boolean
  /** Process the call first (the invoice is created, the money moves), then lose the answer. */
  afterHandler?: boolean
}

export type FaultRule = Required<Pick<FaultRuleInput, "kind" | "count">> & Omit<FaultRuleInput, "kind" | "count">

export type Variants = {
  /** Create answer says `paymentUrl` instead of `url`. */
  paymentUrl: boolean
  /** Create answer fields under `data` instead of top level. */
  createUnderData: boolean
  /** Verify answer under `date` instead of `data`. */
  verifyUnderDate: boolean
  /** Old status words: Initiated, Pending, Successful, Expired, Cancelled, Underpaid. */
  legacyStatusWords: boolean
  /** Amounts as decimal strings instead of JSON numbers. */
  amountsAsStrings: boolean
  /** Errors as `{ success: false, message }` instead of `{ success: false, error: { code, message, details } }`. */
  flatErrors: boolean
  /** Verify, list and deposit webhooks carry no `actualBalance`: 3PAY does not say how much arrived. */
  omitActualBalance: boolean
  /** The withdrawal create answer has no `withdrawalId` (3PAY's own example: `{ status, transactionHash, fee, netAmount }`). */
  withdrawalAnswerWithoutId: boolean
  /** Withdrawal webhooks carry only the fields of 3PAY's documented example: no userId, withdrawalId, transactionHash or reason. */
  withdrawalWebhookMinimal: boolean
  /** Deposit webhooks of per-user wallets carry no `userId`: only `walletAddress` says whose it is. */
  walletWebhookWithoutUserId: boolean
}

export type Faults = {
  /** Added to every API answer (not control, not pages). */
  latencyMs: number
  /** Queue of one-shot rules for the next calls. */
  next: FaultRule[]
  /** Webhooks that 3PAY "loses"; count null = every webhook until reset. */
  webhookDrop: { mode: "skip" | "ignore"; count: number | null } | null
  /** Each webhook is sent this many times (1 = normal). */
  webhookDuplicates: number
  /** Hold webhooks until `flushWebhooks`, which sends each invoice's in reverse order. */
  webhookOutOfOrder: boolean
  /** The next payments arrive on the other network. */
  wrongNetwork: boolean
  /** Expired invoices accept payments (a late payment). */
  latePayments: boolean
  /** The next N withdrawals sent on chain fail there (status failed, money restored). */
  withdrawalFailures: number
  variants: Variants
}

export type FaultsInput = Partial<Omit<Faults, "next" | "variants" | "webhookDrop">> & {
  next?: FaultRuleInput | FaultRuleInput[]
  /** count absent or null: every webhook until reset. */
  webhookDrop?: { mode: "skip" | "ignore"; count?: number | null } | null
  variants?: Partial<Variants>
}

/** Behaviour that can be changed while running (`/_control/settings`). */
export type EmulatorSettings = {
  /** `timer` when the create call does not send one (3PAY: 10). */
  defaultTimerMinutes: number
  /** Smallest invoice amount accepted (decimal string). */
  minInvoiceAmount: string
  /** How much an "under" payment is short by (if that leaves nothing, half the amount is paid). */
  underpayShortfall: string
  /** How much an "over" payment adds. */
  overpayExcess: string
  /** Status an invoice gets when less than its amount arrived. */
  underpaymentStatus: UnderpaymentStatus
  /** Delay between `amount confirmed` and `confirmed` in a two-step payment (clock ms). */
  twoStepDelayMs: number
  /** Deposit fee percentage (decimal string); the fee is max(network minimum, percentage). */
  depositFeePercent: string
  depositMinFee: Record<Network, string>
  withdrawalFee: Record<Network, string>
  minWithdrawalAmount: string
  /** Withdrawals up to this amount complete at once; larger ones wait for approval. null: all wait. */
  autoApproveWithdrawalsUpTo: string | null
  /** Rolling 24 h total of automatically approved withdrawals; one that would pass it waits for review. null: no cap. */
  autoApproveWithdrawalsDailyCap: string | null
  /** The word of a request waiting for review: "pending" (settlement table, default) or "pending_review" (modes page). */
  withdrawalReviewStatus: "pending" | "pending_review"
  /** "instant" (default): an approved withdrawal is sent at once (completed, tx hash); "held": it stays "approved" until the control API completes or fails it. */
  withdrawalExecution: "instant" | "held"
  /** The balance a user withdrawal draws on: "merchant" (default: "deducted from the merchant balance") or "user" (the user's wallet balance on that network must cover it too, e.g. credited by updateBalance). */
  withdrawalFundsFrom: "merchant" | "user"
  /** Who pays the withdrawal fee: "user" (default: netAmount = amount - fee) or "merchant" (netAmount = amount; the fee comes from the merchant balance on top). */
  withdrawalFeePayer: "user" | "merchant"
  /** When the balance does not cover a withdrawal: "refuse" (default: 400), "review" (queued, unfunded, for the merchant), "fail" (a `failed` withdrawal). */
  withdrawalInsufficientFunds: "refuse" | "review" | "fail"
  /** What GET /public/withdrawal-requests lists: "review" (default: all that went through review), "pending" (only those waiting now), "all" (automatic ones too). */
  withdrawalRequestsList: "review" | "pending" | "all"
  /** Withdrawal webhooks: "final" (default: completed, rejected, failed) or "every_change" (also queued and approved). */
  withdrawalWebhooks: "final" | "every_change"
  /** Merchant balance at start (withdrawals draw on it; confirmed invoices add their net). */
  merchantBalance: string
  /** A webhook delivery that takes longer fails. */
  webhookTimeoutMs: number
  /** Multiplies the retry schedule (0.001 turns 1 min into 60 ms). */
  timeScale: number
  /** 3PAY's redelivery schedule: 1 min, 5 min, 30 min, 2 h, 12 h. */
  retryScheduleMs: number[]
  /** The payment page waits for the first webhook attempt before redirecting the browser. */
  pageWaitsForWebhook: boolean
  /**
   * What a per-user wallet's balance means (3PAY does not say): "running" (default), the
   * net of every deposit, never lowered by the merchant's sweeps; "swept", each confirmed
   * deposit is moved to the merchant balance at once and the user's balance goes back to 0.
   */
  walletBalanceModel: WalletBalanceModel
  /** Who pays the deposit fee on per-user wallets: "user" (default: net reaches the user's balance) or "merchant". */
  walletFeePayer: "user" | "merchant"
  /** Wallet deposits below this amount are not credited (status "failed"); "0": none. */
  walletMinDeposit: string
}

export type WalletBalanceModel = "running" | "swept"

export type RateLimitOptions = {
  enabled?: boolean
  walletGen?: number
  standard?: number
  financial?: number
  windowMs?: number
}

export type EmulatorOptions = Partial<EmulatorSettings> & {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Base of the payment-page links, when the emulator is reached through another host name. */
  publicUrl?: string
  /** Default `emu_test_key`. */
  apiKey?: string
  /** Default `emu_test_secret`; required on approve/reject, checked when sent elsewhere. */
  apiSecret?: string
  /** Keys of "the other environment": they get 403 FORBIDDEN. Default `["emu_live_key"]`. */
  otherEnvironmentKeys?: string[]
  /** Default `emu_webhook_secret`. */
  webhookSecret?: string
  /** Account-level webhook URL (invoices can override it with `webhookUrl`). */
  webhookUrl?: string | null
  /** Seed for ids, addresses, hashes and secrets. */
  seed?: string | number
  /** Injected clock. With it, time moves only by `advance()` unless `autoTick` is true. */
  now?: () => number
  /** Run due tasks from a timer. Default: true without `now`, false with it. */
  autoTick?: boolean
  /** false switches them off; an object changes the limits. */
  rateLimits?: boolean | RateLimitOptions
  /** Use X-Forwarded-For as the client IP (default true: lets tests act as several IPs). */
  trustProxy?: boolean
  /** Faults active from the start. */
  faults?: FaultsInput
  /** Receives one line per notable event (the CLI prints them). */
  logger?: (line: string) => void
}

export type ActivityEvent = { at: string; type: string; transactionId: string | null; message: string }
export type CallRecord = {
  at: string
  endpoint: string
  method: string
  path: string
  status: number | null
  fault: string | null
  /** The caller's x-request-id, echoed back in the answer. */
  requestId: string | null
}
