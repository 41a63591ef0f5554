import type { SentWithdrawal } from "./types"

/**
 * Errors a caller can branch on. Every message says what to do next and never
 * contains the API key, the API secret or a request header.
 */
export type ThreePayErrorCode =
  | "validation"
  | "authentication"
  | "wrong_environment"
  | "not_found"
  | "rate_limited"
  | "unavailable"
  | "network_mismatch"
  | "bad_response"
  | "ambiguous_create"

export type ThreePayErrorDetails = {
  /** HTTP status from 3PAY, when there was a response. */
  status?: number
  /** 3PAY's own error code (`INVALID_AUTH`, `FORBIDDEN`, ...), when it sent one. */
  remoteCode?: string
  /** 3PAY's own message, already free of secrets. */
  remoteMessage?: string
  /** Correlates the log lines of one call. */
  requestId?: string
  /** `METHOD /path` of the call, without query string or headers. */
  endpoint?: string
  /** The low-level error code of a failed connection (`ECONNREFUSED`, `ECONNRESET`, ...). */
  causeCode?: string
}

export abstract class ThreePayError extends Error {
  abstract readonly code: ThreePayErrorCode
  /** True when repeating the same call later may succeed. */
  abstract readonly retryable: boolean
  readonly status?: number
  readonly remoteCode?: string
  readonly remoteMessage?: string
  readonly requestId?: string
  readonly endpoint?: string
  readonly causeCode?: string

  constructor(message: string, details: ThreePayErrorDetails = {}) {
    super(message)
    this.name = new.target.name
    this.status = details.status
    this.remoteCode = details.remoteCode
    this.remoteMessage = details.remoteMessage
    this.requestId = details.requestId
    this.endpoint = details.endpoint
    this.causeCode = details.causeCode
  }
}

/** 400: 3PAY refused the input. Fix the input; repeating will not help. */
export class ThreePayValidationError extends ThreePayError {
  readonly code = "validation" as const
  readonly retryable = false
}

/** 401: key or secret missing or wrong. */
export class ThreePayAuthenticationError extends ThreePayError {
  readonly code: "authentication" | "wrong_environment" = "authentication"
  readonly retryable = false
}

/** 403: a sandbox key used against live, or the reverse. */
export class ThreePayWrongEnvironmentError extends ThreePayAuthenticationError {
  override readonly code = "wrong_environment" as const
}

/** 404: no such invoice, wallet, request or event at 3PAY. */
export class ThreePayNotFoundError extends ThreePayError {
  readonly code = "not_found" as const
  readonly retryable = false
}

/**
 * 429 from 3PAY, or our own budget refusing the call before 3PAY would.
 * `retryAfterSeconds` says when the tier has room again.
 */
export class ThreePayRateLimitError extends ThreePayError {
  readonly code = "rate_limited" as const
  readonly retryable = true
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
    readonly tier: string,
    /** "remote": 3PAY answered 429. "budget": we refused before calling. */
    readonly source: "remote" | "budget",
    details: ThreePayErrorDetails = {}
  ) {
    super(message, details)
  }
}

/** 5xx, timeout, or no connection. 3PAY may be down or slow; retry later. */
export class ThreePayUnavailableError extends ThreePayError {
  readonly code = "unavailable" as const
  readonly retryable = true
  /**
   * True only when the connection failed before the request could be sent
   * (refused, DNS failure, unreachable host): 3PAY cannot have acted on it,
   * so even a money-moving call may be repeated.
   */
  readonly requestNotSent: boolean
  constructor(
    message: string,
    readonly reason: "server_error" | "timeout" | "connection",
    details: ThreePayErrorDetails & { requestNotSent?: boolean } = {}
  ) {
    super(message, details)
    this.requestNotSent = details.requestNotSent ?? false
  }
}

/** The invoice or address is on the other network (ERC20 vs TRC20). */
export class ThreePayNetworkMismatchError extends ThreePayError {
  readonly code = "network_mismatch" as const
  readonly retryable = false
  constructor(
    message: string,
    readonly expected: string,
    readonly actual: string,
    details: ThreePayErrorDetails = {}
  ) {
    super(message, details)
  }
}

/** 3PAY answered 2xx with a body we cannot read (or `success: false`). */
export class ThreePayBadResponseError extends ThreePayError {
  readonly code = "bad_response" as const
  readonly retryable = false
  /**
   * True when the body could not be read at all (not JSON, wrong shape, a
   * redirect); false when 3PAY clearly said `success: false`. An unreadable
   * 2xx answer to `transaction/create` may still mean the invoice exists.
   */
  readonly unreadable: boolean
  constructor(message: string, details: ThreePayErrorDetails & { unreadable?: boolean } = {}) {
    super(message, details)
    this.unreadable = details.unreadable ?? true
  }
}

/**
 * A create failed in a way that leaves it unknown whether 3PAY acted on it
 * (timeout, dropped connection, 5xx, an unreadable 2xx). The client does not
 * repeat it by itself: 3PAY has no idempotency key.
 * - `operation: "invoice"` (`createInvoice`): the client already searched
 *   the invoice list and found nothing usable; look again later
 *   (reconciliation) before creating another (`retryable`).
 * - `operation: "withdrawal"` (`createWithdrawal`): nothing was searched.
 *   Never send it again as is: keep `sent` and resolve it with
 *   `client.findWithdrawal(error.sent)` (withdrawal requests, then the
 *   user's transactions). Not `retryable`.
 */
export class ThreePayAmbiguousCreateError extends ThreePayError {
  readonly code = "ambiguous_create" as const
  readonly retryable: boolean
  readonly operation: "invoice" | "withdrawal"
  /**
   * Invoices: set when an invoice matching the request was found but could
   * not be handed back (no payment URL): cancel it before creating another.
   */
  readonly candidateTransactionId: string | null
  /** Withdrawals: exactly what was sent, the target of `findWithdrawal`. */
  readonly sent: SentWithdrawal | null
  constructor(
    message: string,
    readonly cause: ThreePayError,
    details: ThreePayErrorDetails & { candidateTransactionId?: string | null; operation?: "invoice" | "withdrawal"; sent?: SentWithdrawal } = {}
  ) {
    super(message, details)
    this.operation = details.operation ?? "invoice"
    this.retryable = this.operation === "invoice"
    this.candidateTransactionId = details.candidateTransactionId ?? null
    this.sent = details.sent ?? null
  }
}

export function isThreePayError(e: unknown): e is ThreePayError {
  return e instanceof ThreePayError
}
