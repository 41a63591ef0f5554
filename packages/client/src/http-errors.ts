import {
  ThreePayAuthenticationError,
  ThreePayBadResponseError,
  ThreePayError,
  ThreePayErrorDetails,
  ThreePayNetworkMismatchError,
  ThreePayNotFoundError,
  ThreePayRateLimitError,
  ThreePayUnavailableError,
  ThreePayValidationError,
  ThreePayWrongEnvironmentError,
} from "./errors"
import type { Network } from "./networks"
import { Redactor, safeRemoteText } from "./redact"
import { toRetryAfterSeconds } from "./retry-after"

/**
 * Turns 3PAY's answers and fetch failures into our error classes (the table
 * in docs/3pay-wire-format.md). Messages name the call and what to do; they
 * never include a header, a request body or a response body.
 */

export type ErrorContext = {
  endpoint: string
  requestId: string
  redact: Redactor
  /** Network we asked for, to fill `expected` on a mismatch. */
  network?: Network
  tier: string
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v)
}

/** `error.message`, then `message`, then nothing (the caller uses the status text). */
export function remoteInfo(body: unknown, redact: Redactor): { remoteCode?: string; remoteMessage?: string } {
  if (!isRecord(body)) return {}
  const err = isRecord(body.error) ? body.error : undefined
  const message =
    safeRemoteText(err?.message, redact) ??
    safeRemoteText(body.message, redact) ??
    safeRemoteText(typeof body.error === "string" ? body.error : undefined, redact)
  const code = safeRemoteText(err?.code, redact) ?? safeRemoteText(body.code, redact)
  return { remoteCode: code, remoteMessage: message }
}

const NETWORK_WORD = /\b(?:USDT[-_ ]?)?(TRC[-_ ]?20|ERC[-_ ]?20)\b/gi
// Explicit words only: "invalid TRC20 address" alone may be a typo, not a mismatch.
const MISMATCH_WORD = /mismatch|wrong network|does ?n[o']t match|not match|different network|other network|network .*instead|instead of/i

/**
 * A 400 whose message names ERC20/TRC20 together with a mismatch word (or
 * names both networks) is a network mismatch: money sent there is lost, so
 * it gets its own class. Returns [expected, actual] or null.
 */
export function detectNetworkMismatch(message: string | undefined, requested?: Network): [Network, Network] | null {
  if (!message) return null
  const named = new Set<Network>()
  for (const m of message.matchAll(NETWORK_WORD)) {
    named.add(m[1].toUpperCase().replace(/[-_ ]/g, "").startsWith("TRC") ? "TRC20" : "ERC20")
  }
  if (named.size === 0) return null
  if (named.size === 1 && !MISMATCH_WORD.test(message)) return null
  const other = (n: Network): Network => (n === "TRC20" ? "ERC20" : "TRC20")
  if (requested) return [requested, other(requested)]
  const first = [...named][0]
  return [first, other(first)]
}

function describe(ctx: ErrorContext): string {
  return `3PAY ${ctx.endpoint}`
}

/** Maps a non-2xx answer (or a 2xx with `success: false`) to an error. */
export function errorFromResponse(
  status: number,
  statusText: string,
  body: unknown,
  ctx: ErrorContext,
  retryAfterMs: number | null,
  tierWindowMs: number
): ThreePayError {
  const info = remoteInfo(body, ctx.redact)
  const remote = info.remoteMessage ?? (safeRemoteText(statusText, ctx.redact) || undefined)
  const details: ThreePayErrorDetails = {
    status,
    remoteCode: info.remoteCode,
    remoteMessage: remote,
    requestId: ctx.requestId,
    endpoint: ctx.endpoint,
  }
  const said = remote ? `: ${remote}` : ""
  const where = describe(ctx)
  const is2xx = status >= 200 && status < 300

  if (status === 400 || is2xx) {
    const mismatch = detectNetworkMismatch(remote, ctx.network)
    if (mismatch) {
      return new ThreePayNetworkMismatchError(
        `${where} refused a network mismatch (${status})${said}. Use ${mismatch[0]}, never ${mismatch[1]}: funds sent on the other network are lost.`,
        mismatch[0],
        mismatch[1],
        details
      )
    }
  }
  if (is2xx) {
    // `success: false` with a 2xx: 3PAY said no, in a way we cannot classify.
    return new ThreePayBadResponseError(`${where} answered ${status} with success:false${said}.`, {
      ...details,
      unreadable: false,
    })
  }
  switch (status) {
    case 400:
      return new ThreePayValidationError(`${where} refused the input (400)${said}. Fix the input; repeating will not help.`, details)
    case 401:
      return new ThreePayAuthenticationError(
        `${where} rejected the credentials (401)${said}. Check the API key and secret for this environment.`,
        details
      )
    case 403:
      return new ThreePayWrongEnvironmentError(
        `${where} refused the key for this environment (403)${said}. A sandbox key does not work on live, nor the reverse: check environment/baseUrl.`,
        details
      )
    case 404:
      return new ThreePayNotFoundError(`${where} found nothing (404)${said}.`, details)
    case 408:
      return new ThreePayUnavailableError(`${where} timed out on 3PAY's side (408); retry later.`, "timeout", details)
    case 429: {
      // Capped at the tier's window: 3PAY's window is 15 minutes, so no answer may block a tier
      // for longer (a `Retry-After: 604800` would otherwise stop checkout for a week).
      const ms = Math.min(retryAfterMs ?? tierWindowMs, tierWindowMs)
      const seconds = toRetryAfterSeconds(ms)
      return new ThreePayRateLimitError(
        `${where} is rate limited by 3PAY (429, ${ctx.tier} tier); retry in ${seconds}s.`,
        seconds,
        ctx.tier,
        "remote",
        details
      )
    }
  }
  if (status >= 500) {
    return new ThreePayUnavailableError(`${where} failed on 3PAY's side (${status})${said}; retry later.`, "server_error", details)
  }
  if (status >= 300 && status < 400) {
    return new ThreePayBadResponseError(
      `${where} answered with a redirect (${status}). Check baseUrl: it must be the API base, over https, ending in /api/v1.`,
      { ...details, unreadable: true }
    )
  }
  // 405, 409, 410, 422...: 3PAY refused this request as sent.
  return new ThreePayValidationError(`${where} refused the request (${status})${said}.`, details)
}

// Connection failures that happen before a single byte of the request is
// written: DNS lookups, refused or unreachable connects, connect timeouts.
// 3PAY cannot have seen such a request.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "UND_ERR_CONNECT_TIMEOUT",
])

/** Walks `cause` chains and AggregateErrors (undici wraps: TypeError("fetch failed", { cause })). */
export function findErrorCode(err: unknown, depth = 0): string | undefined {
  if (!isRecord(err) && !(err instanceof Error)) return undefined
  if (depth > 5) return undefined
  const rec = err as Record<string, unknown>
  if (typeof rec.code === "string" && /^[A-Z][A-Z0-9_]+$/.test(rec.code)) {
    // AggregateError from happy-eyeballs carries the code of its parts too.
    return rec.code
  }
  const nested = findErrorCode(rec.cause, depth + 1)
  if (nested) return nested
  if (Array.isArray(rec.errors)) {
    for (const e of rec.errors) {
      const c = findErrorCode(e, depth + 1)
      if (c) return c
    }
  }
  return undefined
}

export function isNotSentCode(code: string | undefined): boolean {
  return code !== undefined && NOT_SENT_CODES.has(code)
}

export function connectionError(err: unknown, ctx: ErrorContext): ThreePayUnavailableError {
  const code = findErrorCode(err)
  const notSent = isNotSentCode(code)
  const what = notSent ? "could not connect to 3PAY" : "lost the connection to 3PAY"
  return new ThreePayUnavailableError(
    `${describe(ctx)}: ${what}${code ? ` (${code})` : ""}; retry later.`,
    "connection",
    { requestId: ctx.requestId, endpoint: ctx.endpoint, causeCode: code, requestNotSent: notSent }
  )
}

export function timeoutError(timeoutMs: number, ctx: ErrorContext): ThreePayUnavailableError {
  return new ThreePayUnavailableError(`${describe(ctx)}: no answer from 3PAY within ${timeoutMs}ms; retry later.`, "timeout", {
    requestId: ctx.requestId,
    endpoint: ctx.endpoint,
  })
}

export function unreadableResponse(status: number, what: string, ctx: ErrorContext): ThreePayBadResponseError {
  return new ThreePayBadResponseError(`${describe(ctx)} answered ${status} with ${what}.`, {
    status,
    requestId: ctx.requestId,
    endpoint: ctx.endpoint,
    unreadable: true,
  })
}
