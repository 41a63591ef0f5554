import { randomBytes } from "node:crypto"
import { ThreePayError, ThreePayRateLimitError, ThreePayUnavailableError, ThreePayValidationError } from "./errors"
import {
  connectionError,
  ErrorContext,
  errorFromResponse,
  timeoutError,
  unreadableResponse,
} from "./http-errors"
import type { Environment, Network } from "./networks"
import type { RateBudget, RateTier } from "./rate-budget"
import { makeRedactor, Redactor } from "./redact"
import { backoffDelayMs, parseRetryAfterMs, toRetryAfterSeconds } from "./retry-after"
import type { ThreePayLogger } from "./types"

/**
 * The request core: one place that builds URLs and headers, applies the rate
 * budget, the timeout, the retry policy and the logging rule, and maps every
 * failure to a ThreePayError. Endpoint methods (client.ts) only describe
 * their call.
 */

export const BASE_URLS: Record<Environment, string> = {
  sandbox: "https://sandbox.pay.3pa-y.com/api/v1",
  live: "https://pay.3pa-y.com/api/v1",
}

export function resolveBaseUrl(environment: Environment = "sandbox", baseUrl?: string): string {
  const raw = (baseUrl ?? "").trim() || BASE_URLS[environment]
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    throw new ThreePayValidationError("3PAY baseUrl is not a valid URL; expected e.g. https://pay.3pa-y.com/api/v1.")
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ThreePayValidationError("3PAY baseUrl must use http or https.")
  }
  if (url.username || url.password) {
    throw new ThreePayValidationError("3PAY baseUrl must not carry credentials; use apiKey/apiSecret.")
  }
  // A trailing slash would give `//public/...` paths.
  return raw.replace(/\/+$/, "")
}

/**
 * "safe": repeating cannot do harm (GETs, cancel, setting the webhook URL):
 * retried on 5xx, timeouts, connection errors and short 429s.
 * "unsafe": moves money or creates something (create, withdrawals, balance,
 * approve/reject, secret rotation...): repeated only when the connection
 * failed before the request was sent.
 */
export type RetryMode = "safe" | "unsafe"

export type QueryValue = string | number | boolean | undefined | null

export type HttpRequest = {
  method: "GET" | "POST"
  /** Path under the base URL, ids already encoded. */
  path: string
  /** `METHOD /path/{template}` used in logs and errors: never ids, never query strings. */
  endpoint: string
  query?: Record<string, QueryValue>
  body?: Record<string, unknown>
  tier: RateTier
  retry: RetryMode
  timeoutMs?: number
  signal?: AbortSignal
  reserve?: number
  /** Who spends the call (the budget's accounting). */
  purpose?: string
  /** The network asked for, so a mismatch error can say which one was expected. */
  network?: Network
}

export type HttpResponse = {
  status: number
  body: unknown
  requestId: string
  attempts: number
}

export type HttpConfig = {
  baseUrl: string
  apiKey: string
  apiSecret?: string
  timeoutMs: number
  maxAttempts: number
  maxRetryWaitMs: number
  maxAbsorbedWaitMs: number
  backoffBaseMs: number
  backoffCapMs: number
  budget: RateBudget
  logger?: ThreePayLogger
  fetch: typeof fetch
  sleep: (ms: number) => Promise<void>
  random: () => number
  now: () => number
}

type AttemptResult =
  | { ok: true; status: number; body: unknown }
  | { ok: false; error: ThreePayError; retryAfterMs: number | null }

// A remote 429 blocks the tier until exactly the time we then sleep to; a
// timer that fires a few ms early must not turn that into a budget refusal.
const BLOCK_SLACK_MS = 50

export function newRequestId(): string {
  return `req_${randomBytes(5).toString("hex")}`
}

export function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException("The operation was aborted.", "AbortError")
}

export class ThreePayHttp {
  readonly redact: Redactor

  constructor(private readonly cfg: HttpConfig) {
    this.redact = makeRedactor([cfg.apiKey, cfg.apiSecret])
  }

  get hasSecret(): boolean {
    return !!this.cfg.apiSecret
  }

  buildUrl(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(this.cfg.baseUrl + path)
    for (const [k, v] of Object.entries(query ?? {})) {
      if (v !== undefined && v !== null && v !== "") url.searchParams.set(k, String(v))
    }
    return url.toString()
  }

  private headers(requestId: string, hasBody: boolean): Record<string, string> {
    const h: Record<string, string> = {
      apikey: this.cfg.apiKey,
      "x-request-id": requestId,
      accept: "application/json",
    }
    if (this.cfg.apiSecret) h["x-api-secret"] = this.cfg.apiSecret
    if (hasBody) h["content-type"] = "application/json"
    return h
  }

  private log(level: "debug" | "info" | "warn" | "error", line: string): void {
    const logger = this.cfg.logger
    if (!logger) return
    const safe = this.redact(line)
    if (level === "debug") (logger.debug ?? logger.info).call(logger, safe)
    else logger[level](safe)
  }

  async request(req: HttpRequest): Promise<HttpResponse> {
    const requestId = newRequestId()
    const max = Math.max(1, Math.floor(this.cfg.maxAttempts))
    const timeoutMs = req.timeoutMs ?? this.cfg.timeoutMs
    const ctx: ErrorContext = {
      endpoint: req.endpoint,
      requestId,
      redact: this.redact,
      network: req.network,
      tier: req.tier,
    }
    const budget = this.cfg.budget
    for (let attempt = 1; ; attempt++) {
      if (req.signal?.aborted) throw abortReason(req.signal)

      const take = () => budget.acquire(req.tier, { reserve: req.reserve, purpose: req.purpose, now: this.cfg.now() })
      let decision = await take()
      // A short wait is absorbed here: the caller (a shopper's checkout) gets its answer a moment
      // later instead of "retry in 1 s". Only within a deadline, so waits never add up.
      const absorbUntil = this.cfg.now() + this.cfg.maxAbsorbedWaitMs
      while (!decision.allowed && this.cfg.now() + decision.retryAfterMs <= Math.max(absorbUntil, this.cfg.now() + BLOCK_SLACK_MS)) {
        await budget.note(req.tier, { kind: "waited", purpose: req.purpose, waitMs: decision.retryAfterMs, now: this.cfg.now() })
        await this.cfg.sleep(decision.retryAfterMs)
        decision = await take()
      }
      if (!decision.allowed) {
        await budget.note(req.tier, { kind: "refused", purpose: req.purpose, waitMs: decision.retryAfterMs, now: this.cfg.now() })
        const seconds = toRetryAfterSeconds(decision.retryAfterMs)
        const why =
          decision.reason === "blocked"
            ? `3PAY answered 429 recently`
            : `${decision.used}/${decision.limit} calls in ${Math.round(budget.limitOf(req.tier).windowMs / 60_000)} min${
                req.reserve ? `, ${req.reserve} reserved` : ""
              }`
        this.log("warn", `[3pay] ${requestId} ${req.endpoint} -> refused by rate budget (${req.tier}: ${why}); retry in ${seconds}s`)
        throw new ThreePayRateLimitError(
          `${req.endpoint} not sent: the ${req.tier} rate budget is used up (${why}); retry in ${seconds}s.`,
          seconds,
          req.tier,
          "budget",
          { requestId, endpoint: req.endpoint }
        )
      }
      const ticket = { tier: decision.tier, ticket: decision.ticket }

      const result = await this.attempt(req, ctx, timeoutMs, attempt, max)
      if (result.ok) return { status: result.status, body: result.body, requestId, attempts: attempt }

      const err = result.error
      if (err instanceof ThreePayUnavailableError && err.requestNotSent) {
        // 3PAY never saw it, so it did not count there either.
        await budget.release(ticket)
      }
      const wait = this.retryDelay(req.retry, result, attempt, max)
      if (err instanceof ThreePayRateLimitError) {
        await budget.block(req.tier, this.cfg.now() + err.retryAfterSeconds * 1000)
        await budget.note(req.tier, { kind: wait === null ? "refused" : "waited", purpose: req.purpose, waitMs: err.retryAfterSeconds * 1000, now: this.cfg.now() })
      }
      if (wait === null) throw err
      this.log("debug", `[3pay] ${requestId} ${req.endpoint} retrying in ${wait}ms`)
      await this.cfg.sleep(wait)
    }
  }

  /** null: do not repeat. Otherwise the wait before the next attempt. */
  private retryDelay(mode: RetryMode, result: { error: ThreePayError; retryAfterMs: number | null }, attempt: number, max: number): number | null {
    if (attempt >= max) return null
    const err = result.error
    const backoff = backoffDelayMs(attempt, this.cfg.random, this.cfg.backoffBaseMs, this.cfg.backoffCapMs)
    if (err instanceof ThreePayUnavailableError && err.requestNotSent) return backoff
    if (err instanceof ThreePayRateLimitError) {
      // A 429 means 3PAY did not act on the call: repeating it is safe even for a create.
      const ms = err.retryAfterSeconds * 1000
      return ms <= (mode === "safe" ? Math.max(this.cfg.maxRetryWaitMs, this.cfg.maxAbsorbedWaitMs) : this.cfg.maxAbsorbedWaitMs) ? ms : null
    }
    if (mode !== "safe") return null
    if (err instanceof ThreePayUnavailableError) {
      // A 503 may say how long to wait; honour it when it is short.
      if (result.retryAfterMs !== null) {
        if (result.retryAfterMs > this.cfg.maxRetryWaitMs) return null
        return Math.max(backoff, result.retryAfterMs)
      }
      return backoff
    }
    return null
  }

  private async attempt(req: HttpRequest, ctx: ErrorContext, timeoutMs: number, attempt: number, max: number): Promise<AttemptResult> {
    const url = this.buildUrl(req.path, req.query)
    const hasBody = req.body !== undefined
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, timeoutMs)
    const onCallerAbort = () => controller.abort()
    req.signal?.addEventListener("abort", onCallerAbort, { once: true })
    const started = performance.now()
    const took = () => Math.round(performance.now() - started)
    const tag = `[3pay] ${ctx.requestId} ${req.endpoint}`
    const of = `(attempt ${attempt}/${max})`

    let status: number
    let statusText: string
    let headers: Headers
    let text: string
    try {
      const res = await this.cfg.fetch(url, {
        method: req.method,
        headers: this.headers(ctx.requestId, hasBody),
        body: hasBody ? JSON.stringify(req.body) : undefined,
        signal: controller.signal,
        // A redirect would replay a POST as GET elsewhere; report it instead.
        redirect: "manual",
      })
      status = res.status
      statusText = res.statusText
      headers = res.headers
      // Still under the timeout: a server that sends headers and stalls the body is slow too.
      text = await res.text()
    } catch (e) {
      if (req.signal?.aborted && !timedOut) {
        this.log("warn", `${tag} -> aborted by caller after ${took()}ms ${of}`)
        throw abortReason(req.signal)
      }
      const error = timedOut ? timeoutError(timeoutMs, ctx) : connectionError(e, ctx)
      this.log("warn", timedOut ? `${tag} -> timeout after ${took()}ms ${of}` : `${tag} -> connection error ${error.causeCode ?? "unknown"} after ${took()}ms ${of}`)
      return { ok: false, error, retryAfterMs: null }
    } finally {
      clearTimeout(timer)
      req.signal?.removeEventListener("abort", onCallerAbort)
    }

    const level = status >= 200 && status < 300 ? "debug" : "warn"
    this.log(level, `${tag} -> ${status} in ${took()}ms ${of}`)

    let body: unknown = undefined
    let parsed = true
    if (text.trim() !== "") {
      try {
        body = JSON.parse(text)
      } catch {
        parsed = false
      }
    }
    const retryAfterMs = parseRetryAfterMs(headers, this.cfg.now())

    if (status >= 200 && status < 300) {
      if (!parsed) return { ok: false, error: unreadableResponse(status, "a body that is not JSON", ctx), retryAfterMs: null }
      if (typeof body === "object" && body !== null && (body as { success?: unknown }).success === false) {
        return { ok: false, error: errorFromResponse(status, statusText, body, ctx, retryAfterMs, this.windowOf(req.tier)), retryAfterMs }
      }
      return { ok: true, status, body: body ?? {} }
    }
    return {
      ok: false,
      error: errorFromResponse(status, statusText, parsed ? body : undefined, ctx, retryAfterMs, this.windowOf(req.tier)),
      retryAfterMs,
    }
  }

  private windowOf(tier: RateTier): number {
    return this.cfg.budget.limitOf(tier).windowMs
  }
}
