import type { CurrencyType, Environment, Network } from "./networks"
import type { InvoiceStatus, WithdrawalStatus } from "./status"

/** Where log lines go. Medusa's logger fits; so does `console`. */
export type ThreePayLogger = {
  debug?: (message: string) => void
  info: (message: string) => void
  warn: (message: string) => void
  error: (message: string) => void
}

/** An invoice as `transaction/create` returns it, normalised. */
export type CreatedInvoice = {
  transactionId: string
  invoiceNo: string | null
  paymentUrl: string
  currencyType: CurrencyType
  network: Network
  /** USDT, canonical decimal string, as requested. */
  amount: string
  /** Deposit address, when 3PAY returns one at creation. */
  walletAddress: string | null
  /** ISO time, from 3PAY when it says, else computed from `timer`. */
  expiresAt: string | null
  /** True when the create call failed ambiguously and the invoice was found by search. */
  recovered: boolean
}

/** An invoice as verify/list/webhooks describe it, normalised. */
export type InvoiceDetails = {
  transactionId: string
  invoiceNo: string | null
  type: string | null
  status: InvoiceStatus
  /** 3PAY's own word, for the ledger and the admin. */
  rawStatus: string
  currencyType: CurrencyType | null
  network: Network | null
  /** Amount asked for, USDT decimal string. */
  amount: string | null
  /** Amount found on chain (`actualBalance`), USDT decimal string. */
  actualBalance: string | null
  fee: string | null
  netAmount: string | null
  walletAddress: string | null
  blockchainTxHash: string | null
  paymentUrl: string | null
  referenceId: string | null
  createdAt: string | null
  confirmedAt: string | null
  expiresAt: string | null
}

export type Page<T> = {
  items: T[]
  page: number
  limit: number
  totalPages: number | null
  total: number | null
  /** Items 3PAY sent that we could not read (no id...): skipped, and logged as a count. */
  skipped?: number
}

/** The optional last argument of every client method. */
export type RequestOptions = {
  /** Aborts the call (and its retries). An abort is re-thrown as is, not mapped. */
  signal?: AbortSignal
  /**
   * Slots of the rate tier to leave for others. Background callers (the
   * reconciliation job) pass e.g. 20 so they stop early and checkout keeps room.
   */
  reserve?: number
  /**
   * Who spends the call, for the budget's accounting ("checkout", "webhook",
   * "reconciliation", "admin", "storefront"...). Shown to the store owner.
   */
  purpose?: string
  /** Per-attempt timeout; overrides the client default. */
  timeoutMs?: number
}

export type CreateInvoiceInput = {
  network: Network
  /** USDT, decimal string with at most 6 decimals. */
  amount: string
  /** Minutes until expiry (3PAY default 10). */
  timerMinutes?: number
  /** Per-invoice webhook URL (overrides the account default). */
  webhookUrl?: string
  /** Where 3PAY's page sends the shopper's browser afterwards. */
  callbackUrl?: string
  email?: string
  firstName?: string
  lastName?: string
  phoneNumber?: string
  username?: string
  description?: string
  /** Our reference (cart / payment collection). 3PAY may or may not echo it. */
  referenceId?: string
}

export type ListInvoicesInput = {
  page?: number
  /** At most 100 (3PAY's maximum). */
  limit?: number
  search?: string
  type?: "deposit" | "withdrawal" | "payout"
  status?: string
  network?: Network
  fromDate?: string
  toDate?: string
}

export type GenerateWalletInput = {
  userId: string
  email: string
  firstName?: string
  lastName?: string
  phone?: string
  callbackUrl?: string
  isActive?: boolean
  description?: string
}

export type UserWallet = {
  userId: string | null
  wallets: Array<{ walletAddress: string; network: Network | null; currencyType: string }>
  /** Present on `wallet/view`. */
  email?: string | null
  isActive?: boolean | null
  raw: unknown
}

export type WalletBalance = {
  userId: string | null
  totalBalance: string | null
  wallets: Array<{
    walletAddress: string
    network: Network | null
    balance: string | null
    lastDepositAt: string | null
    lastDepositAmount: string | null
  }>
  raw: unknown
}

export type UpdateBalanceInput = {
  userId: string
  amount: string
  network?: Network
  /**
   * Sent as `type`: "credit" | "debit" (or whatever 3PAY expects; passed
   * through). Required: the direction of a balance change is never defaulted.
   */
  operation: "credit" | "debit" | (string & {})
  reason?: string
}

/** Answer of `wallet/updateBalance`. */
export type BalanceUpdate = {
  userId: string | null
  totalBalance: string | null
  raw: unknown
}

export type ListUserTransactionsInput = {
  userId: string
  page?: number
  limit?: number
}

export type CreateWithdrawalInput = {
  userId: string
  /** Checked with `checkAddress` before sending; Ethereum is sent in its EIP-55 form. */
  walletAddress: string
  amount: string
  network: Network
  callbackUrl?: string
  /**
   * A person confirmed an Ethereum address that carries no case checksum
   * (all lower or all upper case; `checkAddress` says `needsCaseConfirmation`).
   * Without it such an address is refused before sending. Not sent to 3PAY.
   */
  addressCaseConfirmed?: boolean
}

/** An answer about one withdrawal: create, approve, reject. */
export type Withdrawal = {
  /** `withdrawalId` (or `id`). Null when 3PAY's answer names none (its documented create example has no id): find it with `findWithdrawal`. */
  id: string | null
  status: WithdrawalStatus
  /** 3PAY's own word, for the ledger and the admin. */
  rawStatus: string
  transactionHash: string | null
  fee: string | null
  /** What reaches the address (amount - fee when the user pays the fee). */
  netAmount: string | null
  raw: unknown
}

/**
 * What `createWithdrawal` sent, as sent (the address in its canonical form,
 * the amount as a canonical decimal). Keep it with the refund before the
 * call: it is what `findWithdrawal` looks for when the answer is lost.
 */
export type SentWithdrawal = {
  userId: string
  walletAddress: string
  amount: string
  network: Network
  currencyType: CurrencyType
  /** Epoch ms at which the call started (the client's clock). */
  startedAt: number
}

export type CreatedWithdrawal = Withdrawal & { sent: SentWithdrawal }

/** A withdrawal as the requests list, the user's transaction list or a withdrawal webhook describe it. */
export type WithdrawalRequest = {
  id: string
  userId: string | null
  amount: string | null
  fee: string | null
  netAmount: string | null
  network: Network | null
  walletAddress: string | null
  status: WithdrawalStatus
  rawStatus: string
  transactionHash: string | null
  reason: string | null
  createdAt: string | null
  raw: unknown
}

/** What to look for: a `SentWithdrawal`, minus the ids already known to be other withdrawals (earlier refunds). */
export type WithdrawalSearchTarget = SentWithdrawal & { excludeIds?: string[] }

export type WithdrawalSearchResult =
  | { kind: "found"; withdrawal: WithdrawalRequest; source: "withdrawal-requests" | "user-transactions" }
  | { kind: "none" }
  | { kind: "several"; ids: string[] }

export type FindWithdrawalOptions = RequestOptions & {
  /** Pages of 100 read per list (default 2). */
  maxPages?: number
}

export type ListWithdrawalRequestsInput = {
  page?: number
  limit?: number
  /** e.g. "pending"; passed through. */
  status?: string
}

export type ListWebhookEventsInput = {
  /** e.g. "failed"; passed through. */
  deliveryStatus?: string
  page?: number
  limit?: number
}

/** Answer of `transaction/cancel`. */
export type CancelledInvoice = {
  transactionId: string
  status: InvoiceStatus
  rawStatus: string
}

export type WebhookUrlResult = { webhookUrl: string | null }
export type WebhookTestResult = { eventId: string | null; delivered: boolean | null; statusCode: number | null }
/** `webhook/secret`: masked, only the last 8 characters visible. */
export type MaskedWebhookSecret = { maskedSecret: string }
/** `webhook/secret/rotate`: the full new secret, shown once. Store it, never log it. */
export type RotatedWebhookSecret = { secret: string }
export type WebhookRetryResult = { id: string | null; deliveryStatus: string | null }

export type PingResult = {
  ok: true
  /** Wall time of the call, for the admin health page. */
  latencyMs: number
  baseUrl: string
  environment: Environment
}

/** Filter of the reconciliation paging helper (page and limit are managed by it). */
export type InvoiceFilter = Omit<ListInvoicesInput, "page" | "limit">

export type IterateInvoicesOptions = RequestOptions & {
  /** First page to read (default 1), e.g. a checkpoint from a previous run. */
  startPage?: number
  /** Stop after this many calls (default 20 = 2000 invoices). */
  maxPages?: number
  /** Page size, at most 100 (default 100: one call per 100 invoices). */
  pageSize?: number
}

export type WebhookDeliveryEvent = {
  id: string
  deliveryStatus: string
  eventType: string | null
  transactionId: string | null
  attempts: number | null
  lastAttemptAt: string | null
  raw: unknown
}

export type ThreePayClientOptions = {
  apiKey: string
  apiSecret?: string
  environment?: Environment
  /** API base including `/api/v1`; overrides `environment`. */
  baseUrl?: string
  /** Per-request timeout (default 10 000 ms; create gets 15 000 ms). */
  timeoutMs?: number
  /** Per-request timeout of `transaction/create` (default: the larger of 15 000 ms and `timeoutMs`). */
  createTimeoutMs?: number
  /** Attempts for calls that are safe to repeat (default 3). */
  maxAttempts?: number
  /** Longest 429/`Retry-After` wait the client sleeps through itself on a call safe to repeat (default 5 000 ms); longer waits throw at once. */
  maxRetryWaitMs?: number
  /**
   * Longest rate-limit wait absorbed inside any call, invoice creation included:
   * a refusal by our own budget, or a 429 (3PAY did not act
   * on it). The caller gets its answer a little later instead of an error.
   * Default 0 (off): a library caller opts in.
   */
  maxAbsorbedWaitMs?: number
  /** Full-jitter backoff: base and cap of the random wait (defaults 500 ms and 4 000 ms). */
  backoffBaseMs?: number
  backoffCapMs?: number
  logger?: ThreePayLogger
  /** Shared rate budget; defaults to the process-wide in-memory one. */
  budget?: import("./rate-budget").RateBudget
  /** Injected for tests. */
  fetch?: typeof fetch
  sleep?: (ms: number) => Promise<void>
  random?: () => number
  now?: () => number
}
