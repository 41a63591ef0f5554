import {
  ThreePayAmbiguousCreateError,
  ThreePayAuthenticationError,
  ThreePayError,
  ThreePayNetworkMismatchError,
  ThreePayNotFoundError,
  ThreePayUnavailableError,
  ThreePayValidationError,
} from "./errors"
import {
  isAmbiguousCreateFailure,
  pickRecoveredInvoice,
  pickRecoveredWithdrawal,
  RECOVERY_SEARCH_LIMIT,
} from "./create-recovery"
import { defaultSleep, HttpRequest, resolveBaseUrl, ThreePayHttp } from "./http"
import {
  checkWithdrawalAddress,
  createInvoiceInput,
  createWithdrawalInput,
  generateWalletInput,
  idInput,
  listInvoicesInput,
  listUserTransactionsInput,
  listWebhookEventsInput,
  listWithdrawalRequestsInput,
  parseInput,
  rejectWithdrawalInput,
  updateBalanceInput,
  webhookUrlInput,
} from "./inputs"
import { currencyTypeOf, Environment, Network } from "./networks"
import { normalizeWithdrawalStatus } from "./status"
import { BudgetSnapshot, getSharedRateBudget, RateBudget } from "./rate-budget"
import {
  badResponse,
  balanceUpdateSchema,
  cancelResponseSchema,
  createResponseSchema,
  invoiceSchema,
  isRecord,
  itemParser,
  itemParserWithRaw,
  maskedSecretSchema,
  parsePage,
  parsePayload,
  parseWith,
  payloadOf,
  ResponseContext,
  rotatedSecretSchema,
  toCancelled,
  userWalletSchema,
  walletBalanceSchema,
  webhookEventSchema,
  webhookRetrySchema,
  webhookTestSchema,
  webhookUrlSchema,
  withdrawalRequestSchema,
  withdrawalSchema,
} from "./schemas"
import type {
  BalanceUpdate,
  CancelledInvoice,
  CreatedInvoice,
  CreatedWithdrawal,
  CreateInvoiceInput,
  CreateWithdrawalInput,
  GenerateWalletInput,
  InvoiceDetails,
  InvoiceFilter,
  IterateInvoicesOptions,
  ListInvoicesInput,
  ListUserTransactionsInput,
  ListWebhookEventsInput,
  ListWithdrawalRequestsInput,
  MaskedWebhookSecret,
  Page,
  PingResult,
  RequestOptions,
  RotatedWebhookSecret,
  ThreePayClientOptions,
  ThreePayLogger,
  UpdateBalanceInput,
  UserWallet,
  WalletBalance,
  WebhookDeliveryEvent,
  WebhookRetryResult,
  WebhookTestResult,
  WebhookUrlResult,
  FindWithdrawalOptions,
  SentWithdrawal,
  Withdrawal,
  WithdrawalRequest,
  WithdrawalSearchResult,
  WithdrawalSearchTarget,
} from "./types"
import { compareUsdt } from "./usdt"

const DEFAULTS = {
  timeoutMs: 10_000,
  createTimeoutMs: 15_000,
  maxAttempts: 3,
  maxRetryWaitMs: 5_000,
  /** A rate-limit wait up to this long is waited out inside the call instead of failing it (off by default; the plugin sets 2 s). */
  maxAbsorbedWaitMs: 0,
  backoffBaseMs: 500,
  backoffCapMs: 4_000,
  invoiceTimerMinutes: 10,
  pageSize: 100,
  maxPages: 20,
} as const

type Spec = Omit<HttpRequest, "signal" | "reserve" | "timeoutMs" | "purpose">

function checkOptions(opts: RequestOptions | undefined, method: string): RequestOptions {
  const o = opts ?? {}
  if (o.reserve !== undefined && !(Number.isInteger(o.reserve) && o.reserve >= 0)) {
    throw new ThreePayValidationError(`Invalid ${method} options: reserve must be a whole number >= 0. Nothing was sent to 3PAY.`)
  }
  if (o.timeoutMs !== undefined && !(Number.isFinite(o.timeoutMs) && o.timeoutMs > 0)) {
    throw new ThreePayValidationError(`Invalid ${method} options: timeoutMs must be > 0. Nothing was sent to 3PAY.`)
  }
  return o
}

const enc = encodeURIComponent

/**
 * The invoice object of a verify answer: `data` / `date` when present, else
 * the top level only if it names the invoice itself. Top-level fields are
 * never mixed into a nested invoice: an envelope `status: "success"` must not
 * be read as the invoice's status ("success" folds to confirmed).
 */
function invoiceObjectOf(body: unknown): Record<string, unknown> | null {
  let p = payloadOf(body)
  if (Array.isArray(p) && p.length === 1) p = p[0]
  if (isRecord(p) && p !== body) return p
  if (isRecord(body) && (body.transactionId != null || body.invoiceNo != null) && ("status" in body || "amount" in body)) {
    const { data: _d, date: _t, ...top } = body
    return top
  }
  return null
}

/**
 * Typed client for the 3PAY USDT gateway (docs/3pay-wire-format.md).
 *
 * Every method validates its input before sending, draws on the shared rate
 * budget, and throws only ThreePayError subclasses (or the caller's own
 * abort reason). The last argument of every method is `{ signal, reserve,
 * timeoutMs }`.
 *
 * Repeats: reads, `cancelInvoice` and `setWebhookUrl` are retried with
 * full-jitter backoff on 5xx/timeouts/connection errors and on 429s that ask
 * for at most `maxRetryWaitMs`. Everything that creates something or moves
 * money is sent once, and repeated only when the connection failed before
 * the request left (ECONNREFUSED, DNS). `createInvoice` has its own recovery
 * policy, described on the method.
 */
export class ThreePayClient {
  readonly environment: Environment
  readonly baseUrl: string
  readonly budget: RateBudget
  private readonly http: ThreePayHttp
  private readonly now: () => number
  private readonly createTimeoutMs: number
  private readonly logger?: ThreePayLogger

  constructor(options: ThreePayClientOptions) {
    if (typeof options?.apiKey !== "string" || options.apiKey.trim() === "") {
      throw new ThreePayAuthenticationError("3PAY apiKey is not configured; set it from the merchant dashboard (Settings > API Keys).")
    }
    this.environment = options.environment ?? "sandbox"
    this.baseUrl = resolveBaseUrl(this.environment, options.baseUrl)
    this.budget = options.budget ?? getSharedRateBudget(new URL(this.baseUrl).host)
    this.now = options.now ?? Date.now
    // Create makes a wallet address at 3PAY and is slower; never shorter than the others.
    this.createTimeoutMs = options.createTimeoutMs ?? Math.max(DEFAULTS.createTimeoutMs, options.timeoutMs ?? 0)
    this.logger = options.logger
    this.http = new ThreePayHttp({
      baseUrl: this.baseUrl,
      apiKey: options.apiKey.trim(),
      apiSecret: options.apiSecret?.trim() || undefined,
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxAttempts: options.maxAttempts ?? DEFAULTS.maxAttempts,
      maxRetryWaitMs: options.maxRetryWaitMs ?? DEFAULTS.maxRetryWaitMs,
      maxAbsorbedWaitMs: options.maxAbsorbedWaitMs ?? DEFAULTS.maxAbsorbedWaitMs,
      backoffBaseMs: options.backoffBaseMs ?? DEFAULTS.backoffBaseMs,
      backoffCapMs: options.backoffCapMs ?? DEFAULTS.backoffCapMs,
      budget: this.budget,
      logger: options.logger,
      // Late-bound so a test (or nock) that swaps globalThis.fetch is honoured.
      fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
      sleep: options.sleep ?? defaultSleep,
      random: options.random ?? Math.random,
      now: this.now,
    })
  }

  private async call<T>(spec: Spec, opts: RequestOptions, parse: (body: unknown, ctx: ResponseContext) => T): Promise<T> {
    const res = await this.http.request({ ...spec, signal: opts.signal, reserve: opts.reserve, purpose: opts.purpose, timeoutMs: opts.timeoutMs })
    return parse(res.body, { endpoint: spec.endpoint, requestId: res.requestId, status: res.status })
  }

  private log(level: "info" | "warn", line: string): void {
    this.logger?.[level](this.http.redact(line))
  }

  // ---------------------------------------------------------------- invoices

  /**
   * Creates a payment link (invoice): `POST /transaction/create`, Wallet Gen
   * tier (20 per 15 minutes per server IP, shared with wallet/generate).
   *
   * Create policy. 3PAY has no idempotency key, so this call is NEVER
   * repeated blindly:
   * - a 4xx, a remote 429 or a budget refusal throws at once (nothing was
   *   created); a connection refused before sending (ECONNREFUSED, DNS) is
   *   retried, since 3PAY never saw it;
   * - a failure after the request may have been acted on (timeout, connection
   *   reset, 5xx, unreadable 2xx) is ambiguous. The client then searches:
   *   `listInvoices({ search: email, type: "deposit", limit: 20 })` and takes
   *   the single `initiated` invoice with the same currency type and amount,
   *   created no earlier than the call's start minus 2 minutes, and with our
   *   `referenceId` when 3PAY echoes one. Found: it is returned with
   *   `recovered: true`. Not found (or several, or the search fails):
   *   ThreePayAmbiguousCreateError, and no second create is sent.
   * - a caller abort (`signal`) is re-thrown as is, without a search.
   */
  async createInvoice(input: CreateInvoiceInput, opts?: RequestOptions): Promise<CreatedInvoice> {
    const o = checkOptions(opts, "createInvoice")
    const inp = parseInput(createInvoiceInput, input, "createInvoice")
    const currencyType = currencyTypeOf(inp.network)
    const startedAt = this.now()
    const timer = inp.timerMinutes ?? DEFAULTS.invoiceTimerMinutes
    const computedExpiry = new Date(startedAt + timer * 60_000).toISOString()
    const body: Record<string, string> = {}
    for (const k of ["email", "firstName", "lastName", "phoneNumber", "username", "description", "referenceId"] as const) {
      const v = inp[k]
      if (v !== undefined) body[k] = v
    }
    const spec: Spec = {
      method: "POST",
      path: "/transaction/create",
      endpoint: "POST /transaction/create",
      // 3PAY documents these as query parameters, not body fields.
      query: {
        currencyType,
        amount: inp.amount,
        timer: inp.timerMinutes,
        webhookUrl: inp.webhookUrl,
        callbackUrl: inp.callbackUrl,
      },
      body: Object.keys(body).length ? body : undefined,
      tier: "walletGen",
      retry: "unsafe",
      network: inp.network,
    }

    let created
    try {
      created = await this.call(spec, { ...o, timeoutMs: o.timeoutMs ?? this.createTimeoutMs }, (b, ctx) =>
        parsePayload(createResponseSchema, b, ctx, true)
      )
    } catch (e) {
      if (!isAmbiguousCreateFailure(e)) throw e
      return this.recoverCreatedInvoice(inp, startedAt, computedExpiry, e, o)
    }

    if (created.echoedNetwork && created.echoedNetwork !== inp.network) {
      // The shopper would be shown one network and an address on the other.
      throw new ThreePayNetworkMismatchError(
        `3PAY created invoice ${created.transactionId} on ${created.echoedNetwork} but ${inp.network} was asked for; cancel it and do not show it.`,
        inp.network,
        created.echoedNetwork,
        { endpoint: spec.endpoint }
      )
    }
    if (created.echoedAmount && compareUsdt(created.echoedAmount, inp.amount) !== 0) {
      this.log(
        "warn",
        `[3pay] invoice ${created.transactionId}: 3PAY echoed amount ${created.echoedAmount} for requested ${inp.amount} (precision?)`
      )
    }
    return {
      transactionId: created.transactionId,
      invoiceNo: created.invoiceNo,
      paymentUrl: created.paymentUrl,
      currencyType,
      network: inp.network,
      amount: inp.amount,
      walletAddress: created.walletAddress,
      expiresAt: created.expiresAt ?? computedExpiry,
      recovered: false,
    }
  }

  private async recoverCreatedInvoice(
    inp: { network: Network; amount: string; email?: string; referenceId?: string },
    startedAt: number,
    computedExpiry: string,
    cause: ThreePayError,
    o: RequestOptions
  ): Promise<CreatedInvoice> {
    const id = cause.requestId ?? "req_?"
    const currencyType = currencyTypeOf(inp.network)
    const ambiguous = (why: string, candidateTransactionId?: string) =>
      new ThreePayAmbiguousCreateError(
        `3PAY POST /transaction/create failed after the request may have been acted on (${
          cause instanceof ThreePayUnavailableError ? cause.reason : cause.code
        }) and ${why}. It is unknown whether an invoice was created; no second create was sent. Check again later (reconciliation) before creating another.`,
        cause,
        { requestId: cause.requestId, endpoint: "POST /transaction/create", status: cause.status, candidateTransactionId }
      )

    this.log("warn", `[3pay] ${id} POST /transaction/create failed ambiguously (${cause instanceof ThreePayUnavailableError ? cause.reason : cause.code}); searching for the invoice it may have created`)
    let candidates: InvoiceDetails[]
    try {
      const page = await this.listInvoices(
        { search: inp.email, type: "deposit", limit: RECOVERY_SEARCH_LIMIT },
        { signal: o.signal, reserve: o.reserve, purpose: o.purpose }
      )
      candidates = page.items
    } catch (e) {
      if (!(e instanceof ThreePayError)) throw e // the caller's abort
      throw ambiguous(`the search for it failed too (${e.code})`)
    }
    const pick = pickRecoveredInvoice(candidates, { currencyType, amount: inp.amount, referenceId: inp.referenceId, startedAt })
    if (pick.kind === "none") throw ambiguous("no matching invoice was found")
    if (pick.kind === "several") throw ambiguous(`${pick.count} invoices match and none can be told apart`)

    let invoice = pick.invoice
    if (!invoice.paymentUrl) {
      // The list may omit the link; verify may carry it.
      try {
        invoice = await this.verifyInvoice(invoice.transactionId, { signal: o.signal, reserve: o.reserve, purpose: o.purpose })
      } catch (e) {
        if (!(e instanceof ThreePayError)) throw e
      }
    }
    if (!invoice.paymentUrl) {
      throw ambiguous(`invoice ${pick.invoice.transactionId} matches but 3PAY gave no payment URL for it; cancel it`, pick.invoice.transactionId)
    }
    this.log("info", `[3pay] ${id} recovered invoice ${invoice.transactionId} after an ambiguous create`)
    return {
      transactionId: invoice.transactionId,
      invoiceNo: invoice.invoiceNo,
      paymentUrl: invoice.paymentUrl,
      currencyType,
      network: inp.network,
      amount: inp.amount,
      walletAddress: invoice.walletAddress,
      expiresAt: invoice.expiresAt ?? computedExpiry,
      recovered: true,
    }
  }

  /** `GET /public/transaction/verify?transactionId=` (Standard tier, retried). */
  async verifyInvoice(transactionId: string, opts?: RequestOptions): Promise<InvoiceDetails> {
    const o = checkOptions(opts, "verifyInvoice")
    const id = parseInput(idInput, transactionId, "verifyInvoice")
    return this.call(
      {
        method: "GET",
        path: "/public/transaction/verify",
        endpoint: "GET /public/transaction/verify",
        query: { transactionId: id },
        tier: "standard",
        retry: "safe",
      },
      o,
      (body, ctx) => {
        const inv = invoiceObjectOf(body)
        if (!inv) throw badResponse(ctx, "no invoice in the answer")
        if (inv.transactionId !== undefined && inv.transactionId !== null && String(inv.transactionId).trim() !== id) {
          // Never let an answer about another invoice drive a capture.
          throw badResponse(ctx, "the answer is about another transaction")
        }
        return parseWith(invoiceSchema, { ...inv, transactionId: inv.transactionId ?? id }, ctx)
      }
    )
  }

  /** `GET /public/transaction/list` (Standard tier, retried). At most 100 per page. */
  async listInvoices(input: ListInvoicesInput = {}, opts?: RequestOptions): Promise<Page<InvoiceDetails>> {
    const o = checkOptions(opts, "listInvoices")
    const inp = parseInput(listInvoicesInput, input, "listInvoices")
    const page = inp.page ?? 1
    const limit = inp.limit ?? 20
    return this.call(
      {
        method: "GET",
        path: "/public/transaction/list",
        endpoint: "GET /public/transaction/list",
        query: {
          page,
          limit,
          search: inp.search,
          type: inp.type,
          status: inp.status,
          currencyType: inp.network ? currencyTypeOf(inp.network) : undefined,
          fromDate: inp.fromDate,
          toDate: inp.toDate,
        },
        tier: "standard",
        retry: "safe",
      },
      o,
      (body, ctx) => this.logSkipped(parsePage(body, itemParser(invoiceSchema), { page, limit }, ctx), ctx)
    )
  }

  private logSkipped<T>(p: Page<T>, ctx: ResponseContext): Page<T> {
    if (p.skipped) this.log("warn", `[3pay] ${ctx.requestId ?? ""} ${ctx.endpoint}: skipped ${p.skipped} unreadable item(s)`)
    return p
  }

  /**
   * `POST /public/transaction/cancel` (Standard tier). Retried like a read:
   * cancelling twice cannot hurt. A 400 "already cancelled / expired /
   * confirmed" is a ThreePayValidationError: see `isInvoiceAlreadyFinalError`.
   */
  async cancelInvoice(transactionId: string, opts?: RequestOptions): Promise<CancelledInvoice> {
    const o = checkOptions(opts, "cancelInvoice")
    const id = parseInput(idInput, transactionId, "cancelInvoice")
    return this.call(
      {
        method: "POST",
        path: "/public/transaction/cancel",
        endpoint: "POST /public/transaction/cancel",
        // Undocumented parameters: sent both ways (wire doc).
        query: { transactionId: id },
        body: { transactionId: id },
        tier: "standard",
        retry: "safe",
      },
      o,
      (body, ctx) => toCancelled(parsePayload(cancelResponseSchema, body, ctx), id)
    )
  }

  /**
   * Pages through `transaction/list` for reconciliation: one call per
   * `pageSize` (default 100) invoices, up to `maxPages` calls (default 20).
   * Stops at the last page, on an empty page, or when 3PAY ignores `page`
   * and sends the same page again. Pass `reserve` from background jobs.
   */
  async *iterateInvoicePages(filter: InvoiceFilter = {}, opts: IterateInvoicesOptions = {}): AsyncGenerator<Page<InvoiceDetails>> {
    const pageSize = opts.pageSize ?? DEFAULTS.pageSize
    const maxPages = opts.maxPages ?? DEFAULTS.maxPages
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) {
      throw new ThreePayValidationError("Invalid iterateInvoices options: pageSize must be 1..100. Nothing was sent to 3PAY.")
    }
    if (!Number.isInteger(maxPages) || maxPages < 1) {
      throw new ThreePayValidationError("Invalid iterateInvoices options: maxPages must be a whole number >= 1. Nothing was sent to 3PAY.")
    }
    const req: RequestOptions = { signal: opts.signal, reserve: opts.reserve, purpose: opts.purpose, timeoutMs: opts.timeoutMs }
    let page = opts.startPage ?? 1
    let previousFirst: string | null = null
    for (let n = 0; n < maxPages; n++) {
      const p = await this.listInvoices({ ...filter, page, limit: pageSize }, req)
      const first = p.items[0]?.transactionId ?? null
      if (n > 0 && first !== null && first === previousFirst) return
      previousFirst = first
      yield p
      const received = p.items.length + (p.skipped ?? 0)
      if (received === 0) return
      const lastPage = p.totalPages ?? (p.total !== null ? Math.ceil(p.total / Math.max(p.limit, 1)) : null)
      if (lastPage !== null ? page >= lastPage : received < p.limit) return
      page++
    }
  }

  /** Every invoice matching `filter`, page by page (see `iterateInvoicePages`). */
  async *iterateInvoices(filter: InvoiceFilter = {}, opts: IterateInvoicesOptions = {}): AsyncGenerator<InvoiceDetails> {
    for await (const p of this.iterateInvoicePages(filter, opts)) yield* p.items
  }

  /** A cheap authenticated call (list, limit 1) that proves the key works for this environment. */
  async ping(opts?: RequestOptions): Promise<PingResult> {
    const started = performance.now()
    await this.listInvoices({ limit: 1 }, opts)
    return { ok: true, latencyMs: Math.round(performance.now() - started), baseUrl: this.baseUrl, environment: this.environment }
  }

  /** used/limit/resetAt per tier, for the admin health page. */
  async rateBudgetSnapshot(): Promise<BudgetSnapshot> {
    return this.budget.snapshot(this.now())
  }

  // ---------------------------------------------------------------- per-user wallets

  /** `POST /public/wallet/generate` (Wallet Gen tier; sent once: a repeat may answer "user exists"). */
  async generateWallet(input: GenerateWalletInput, opts?: RequestOptions): Promise<UserWallet> {
    const o = checkOptions(opts, "generateWallet")
    const inp = parseInput(generateWalletInput, input, "generateWallet")
    return this.call(
      {
        method: "POST",
        path: "/public/wallet/generate",
        endpoint: "POST /public/wallet/generate",
        body: inp,
        tier: "walletGen",
        retry: "unsafe",
      },
      o,
      (body, ctx) => {
        const w = parsePayload(userWalletSchema, body, ctx)
        if (w.wallets.length === 0) throw badResponse(ctx, "no wallets in the answer")
        return { ...w, raw: payloadOf(body) }
      }
    )
  }

  /** `GET /public/wallet/view/{userId}` (Standard tier, retried). */
  async viewWallet(userId: string, opts?: RequestOptions): Promise<UserWallet> {
    const o = checkOptions(opts, "viewWallet")
    const id = parseInput(idInput, userId, "viewWallet")
    return this.call(
      { method: "GET", path: `/public/wallet/view/${enc(id)}`, endpoint: "GET /public/wallet/view/{userId}", tier: "standard", retry: "safe" },
      o,
      (body, ctx) => ({ ...parsePayload(userWalletSchema, body, ctx), raw: payloadOf(body) })
    )
  }

  /** `GET /public/wallet/balance/{userId}` (Standard tier, retried). */
  async getWalletBalance(userId: string, opts?: RequestOptions): Promise<WalletBalance> {
    const o = checkOptions(opts, "getWalletBalance")
    const id = parseInput(idInput, userId, "getWalletBalance")
    return this.call(
      { method: "GET", path: `/public/wallet/balance/${enc(id)}`, endpoint: "GET /public/wallet/balance/{userId}", tier: "standard", retry: "safe" },
      o,
      (body, ctx) => ({ ...parsePayload(walletBalanceSchema, body, ctx), raw: payloadOf(body) })
    )
  }

  /** `POST /public/wallet/updateBalance` (Financial tier; moves money: never repeated). */
  async updateWalletBalance(input: UpdateBalanceInput, opts?: RequestOptions): Promise<BalanceUpdate> {
    const o = checkOptions(opts, "updateWalletBalance")
    const inp = parseInput(updateBalanceInput, input, "updateWalletBalance")
    const body: Record<string, unknown> = { userId: inp.userId, amount: inp.amount, type: inp.operation }
    if (inp.network) body.currencyType = currencyTypeOf(inp.network)
    if (inp.reason) body.reason = inp.reason
    return this.call(
      {
        method: "POST",
        path: "/public/wallet/updateBalance",
        endpoint: "POST /public/wallet/updateBalance",
        body,
        tier: "financial",
        retry: "unsafe",
        network: inp.network,
      },
      o,
      (b, ctx) => ({ ...parsePayload(balanceUpdateSchema, b, ctx), raw: payloadOf(b) })
    )
  }

  /** `GET /public/user/transaction/list?userId&page&limit` (Standard tier, retried). */
  async listUserTransactions(input: ListUserTransactionsInput, opts?: RequestOptions): Promise<Page<InvoiceDetails>> {
    const o = checkOptions(opts, "listUserTransactions")
    const inp = parseInput(listUserTransactionsInput, input, "listUserTransactions")
    const page = inp.page ?? 1
    const limit = inp.limit ?? 20
    return this.call(
      {
        method: "GET",
        path: "/public/user/transaction/list",
        endpoint: "GET /public/user/transaction/list",
        query: { userId: inp.userId, page, limit },
        tier: "standard",
        retry: "safe",
      },
      o,
      (body, ctx) => this.logSkipped(parsePage(body, itemParser(invoiceSchema), { page, limit }, ctx), ctx)
    )
  }

  // ---------------------------------------------------------------- withdrawals

  /**
   * `POST /public/user/withdrawal/create` (Financial tier). Moves money, and
   * 3PAY has no idempotency key: sent once, never repeated (only a
   * connection refused before sending is retried).
   *
   * The destination must pass `checkAddress` for the network (an Ethereum
   * address without case checksum only with `addressCaseConfirmed: true`);
   * it is sent in canonical form. The answer comes back with `sent`, what was
   * sent; its `id` is null when 3PAY names none (its documented example has
   * no id): find it with `findWithdrawal(result.sent)`.
   *
   * Ambiguous outcome (timeout, connection lost after sending, 5xx, an
   * unreadable 2xx): ThreePayAmbiguousCreateError with `operation:
   * "withdrawal"` and `sent`. The withdrawal may exist: resolve it with
   * `findWithdrawal(error.sent)` before anything else, never by sending again.
   * A 4xx, a 429, a budget refusal: thrown as they are (nothing was made).
   */
  async createWithdrawal(input: CreateWithdrawalInput, opts?: RequestOptions): Promise<CreatedWithdrawal> {
    const o = checkOptions(opts, "createWithdrawal")
    const inp = parseInput(createWithdrawalInput, input, "createWithdrawal")
    const walletAddress = checkWithdrawalAddress(inp.walletAddress, inp.network, inp.addressCaseConfirmed === true)
    const currencyType = currencyTypeOf(inp.network)
    const sent: SentWithdrawal = { userId: inp.userId, walletAddress, amount: inp.amount, network: inp.network, currencyType, startedAt: this.now() }
    const body: Record<string, unknown> = { userId: inp.userId, walletAddress, amount: inp.amount, currencyType }
    if (inp.callbackUrl) body.callbackUrl = inp.callbackUrl
    const endpoint = "POST /public/user/withdrawal/create"
    let w: Withdrawal
    try {
      w = await this.call(
        { method: "POST", path: "/public/user/withdrawal/create", endpoint, body, tier: "financial", retry: "unsafe", network: inp.network },
        o,
        (b, ctx) => ({ ...parsePayload(withdrawalSchema, b, ctx), raw: payloadOf(b) })
      )
    } catch (e) {
      if (!isAmbiguousCreateFailure(e)) throw e
      const why = e instanceof ThreePayUnavailableError ? e.reason : e.code
      this.log("warn", `[3pay] ${e.requestId ?? "req_?"} ${endpoint} failed ambiguously (${why}); the withdrawal may exist, nothing was sent again`)
      throw new ThreePayAmbiguousCreateError(
        `3PAY ${endpoint} failed after the request may have been acted on (${why}). It is unknown whether the withdrawal was made; ` +
          "it was not sent again. Do not send it again: look for it with findWithdrawal(error.sent) first.",
        e,
        { requestId: e.requestId, endpoint, status: e.status, operation: "withdrawal", sent }
      )
    }
    return { ...w, sent }
  }

  /**
   * Finds the withdrawal a create made when its answer was lost (or named no
   * id): `GET /public/withdrawal-requests` first, then, when nothing matches
   * there (3PAY may list only requests that went through review, or only
   * pending ones), the user's transactions (`GET /public/user/transaction/list`).
   * Up to `maxPages` (2) pages of 100 each; Standard tier, retried.
   * Matching: `pickRecoveredWithdrawal` (create-recovery.ts). "none" is only
   * said when every list could be read: a failed read throws, since "not
   * found" must never lead to a second withdrawal.
   */
  async findWithdrawal(target: WithdrawalSearchTarget, opts: FindWithdrawalOptions = {}): Promise<WithdrawalSearchResult> {
    const { maxPages = 2, ...request } = opts
    const o = checkOptions(request, "findWithdrawal")
    if (!Number.isInteger(maxPages) || maxPages < 1) {
      throw new ThreePayValidationError("Invalid findWithdrawal options: maxPages must be a whole number >= 1. Nothing was sent to 3PAY.")
    }
    const requests: WithdrawalRequest[] = []
    try {
      await this.readPages(maxPages, (page) => this.listWithdrawalRequests({ page, limit: 100 }, o), requests)
    } catch (e) {
      // No such list at this 3PAY: the user's transactions must then be read.
      if (!(e instanceof ThreePayNotFoundError)) throw e
    }
    let pick = pickRecoveredWithdrawal(requests, target)
    if (pick.kind === "found") return { kind: "found", withdrawal: pick.withdrawal, source: "withdrawal-requests" }
    if (pick.kind === "several") return pick

    const transactions: InvoiceDetails[] = []
    await this.readPages(maxPages, (page) => this.listUserTransactions({ userId: target.userId, page, limit: 100 }, o), transactions)
    pick = pickRecoveredWithdrawal(
      transactions.filter((t) => t.type === "withdrawal").map((t) => withdrawalOfUserTransaction(t, target.userId)),
      target
    )
    if (pick.kind === "found") return { kind: "found", withdrawal: pick.withdrawal, source: "user-transactions" }
    return pick
  }

  /** Reads pages 1..maxPages into `into`, stopping at the last one. */
  private async readPages<T>(maxPages: number, read: (page: number) => Promise<Page<T>>, into: T[]): Promise<void> {
    for (let page = 1; page <= maxPages; page++) {
      const p = await read(page)
      into.push(...p.items)
      const received = p.items.length + (p.skipped ?? 0)
      const last = p.totalPages ?? (p.total !== null ? Math.ceil(p.total / Math.max(p.limit, 1)) : null)
      if (received === 0 || (last !== null ? page >= last : received < p.limit)) return
    }
  }

  /** `GET /public/withdrawal-requests?page&limit&status` (Standard tier, retried). */
  async listWithdrawalRequests(input: ListWithdrawalRequestsInput = {}, opts?: RequestOptions): Promise<Page<WithdrawalRequest>> {
    const o = checkOptions(opts, "listWithdrawalRequests")
    const inp = parseInput(listWithdrawalRequestsInput, input, "listWithdrawalRequests")
    const page = inp.page ?? 1
    const limit = inp.limit ?? 20
    return this.call(
      {
        method: "GET",
        path: "/public/withdrawal-requests",
        endpoint: "GET /public/withdrawal-requests",
        query: { page, limit, status: inp.status },
        tier: "standard",
        retry: "safe",
      },
      o,
      (body, ctx) => this.logSkipped(parsePage(body, itemParserWithRaw(withdrawalRequestSchema), { page, limit }, ctx), ctx)
    )
  }

  private requireSecret(method: string): void {
    if (!this.http.hasSecret) {
      throw new ThreePayAuthenticationError(
        `${method} needs the API secret (3PAY requires x-api-secret on approve/reject); set apiSecret. Nothing was sent to 3PAY.`
      )
    }
  }

  /** `POST /public/withdrawal-requests/{id}/approve` (Financial tier, x-api-secret required; sent once). */
  async approveWithdrawalRequest(id: string, opts?: RequestOptions): Promise<Withdrawal> {
    const o = checkOptions(opts, "approveWithdrawalRequest")
    const rid = parseInput(idInput, id, "approveWithdrawalRequest")
    this.requireSecret("approveWithdrawalRequest")
    return this.call(
      {
        method: "POST",
        path: `/public/withdrawal-requests/${enc(rid)}/approve`,
        endpoint: "POST /public/withdrawal-requests/{id}/approve",
        tier: "financial",
        retry: "unsafe",
      },
      o,
      (b, ctx) => {
        const w = parsePayload(withdrawalSchema, b, ctx)
        return { ...w, id: w.id ?? rid, raw: payloadOf(b) }
      }
    )
  }

  /** `POST /public/withdrawal-requests/{id}/reject` with `{ reason? }` (Financial tier, x-api-secret required; sent once). */
  async rejectWithdrawalRequest(id: string, input: { reason?: string } = {}, opts?: RequestOptions): Promise<Withdrawal> {
    const o = checkOptions(opts, "rejectWithdrawalRequest")
    const rid = parseInput(idInput, id, "rejectWithdrawalRequest")
    const inp = parseInput(rejectWithdrawalInput, input, "rejectWithdrawalRequest")
    this.requireSecret("rejectWithdrawalRequest")
    return this.call(
      {
        method: "POST",
        path: `/public/withdrawal-requests/${enc(rid)}/reject`,
        endpoint: "POST /public/withdrawal-requests/{id}/reject",
        body: inp.reason ? { reason: inp.reason } : undefined,
        tier: "financial",
        retry: "unsafe",
      },
      o,
      (b, ctx) => {
        const w = parsePayload(withdrawalSchema, b, ctx)
        return { ...w, id: w.id ?? rid, raw: payloadOf(b) }
      }
    )
  }

  // ---------------------------------------------------------------- webhook management

  /**
   * `POST /webhook/url` with `{ webhookUrl }`. The docs show a dashboard JWT
   * for this call; we send the API key like everywhere else (a 401 means
   * this account only allows it from the dashboard). Idempotent, so retried.
   */
  async setWebhookUrl(webhookUrl: string, opts?: RequestOptions): Promise<WebhookUrlResult> {
    const o = checkOptions(opts, "setWebhookUrl")
    const url = parseInput(webhookUrlInput, webhookUrl, "setWebhookUrl")
    return this.call(
      { method: "POST", path: "/webhook/url", endpoint: "POST /webhook/url", body: { webhookUrl: url }, tier: "standard", retry: "safe" },
      o,
      (b, ctx) => {
        const r = parsePayload(webhookUrlSchema, b, ctx)
        return { webhookUrl: r.webhookUrl ?? url }
      }
    )
  }

  /** `POST /webhook/test`: 3PAY sends a delivery with `X-Webhook-Test: true`. Sent once. */
  async sendTestWebhook(opts?: RequestOptions): Promise<WebhookTestResult> {
    const o = checkOptions(opts, "sendTestWebhook")
    return this.call(
      { method: "POST", path: "/webhook/test", endpoint: "POST /webhook/test", tier: "standard", retry: "unsafe" },
      o,
      (b, ctx) => parsePayload(webhookTestSchema, b, ctx)
    )
  }

  /** `GET /webhook/secret`: masked, only the last 8 characters visible. */
  async getWebhookSecret(opts?: RequestOptions): Promise<MaskedWebhookSecret> {
    const o = checkOptions(opts, "getWebhookSecret")
    return this.call(
      { method: "GET", path: "/webhook/secret", endpoint: "GET /webhook/secret", tier: "standard", retry: "safe" },
      o,
      (b, ctx) => parsePayload(maskedSecretSchema, b, ctx)
    )
  }

  /**
   * `POST /webhook/secret/rotate`: the full new secret, shown once. Never
   * repeated (a repeat would rotate again and lose this value); store the
   * result before anything else, keep the old one as "previous" until
   * deliveries signed with it have drained.
   */
  async rotateWebhookSecret(opts?: RequestOptions): Promise<RotatedWebhookSecret> {
    const o = checkOptions(opts, "rotateWebhookSecret")
    return this.call(
      { method: "POST", path: "/webhook/secret/rotate", endpoint: "POST /webhook/secret/rotate", tier: "standard", retry: "unsafe" },
      o,
      (b, ctx) => parsePayload(rotatedSecretSchema, b, ctx)
    )
  }

  /** `GET /webhook/events?deliveryStatus&page&limit` (retried). */
  async listWebhookEvents(input: ListWebhookEventsInput = {}, opts?: RequestOptions): Promise<Page<WebhookDeliveryEvent>> {
    const o = checkOptions(opts, "listWebhookEvents")
    const inp = parseInput(listWebhookEventsInput, input, "listWebhookEvents")
    const page = inp.page ?? 1
    const limit = inp.limit ?? 20
    return this.call(
      {
        method: "GET",
        path: "/webhook/events",
        endpoint: "GET /webhook/events",
        query: { deliveryStatus: inp.deliveryStatus, page, limit },
        tier: "standard",
        retry: "safe",
      },
      o,
      (b, ctx) => this.logSkipped(parsePage(b, itemParserWithRaw(webhookEventSchema), { page, limit }, ctx), ctx)
    )
  }

  /** `POST /webhook/retry/{webhookEventId}`: redelivers one event. Sent once (an admin action). */
  async retryWebhookEvent(webhookEventId: string, opts?: RequestOptions): Promise<WebhookRetryResult> {
    const o = checkOptions(opts, "retryWebhookEvent")
    const id = parseInput(idInput, webhookEventId, "retryWebhookEvent")
    return this.call(
      { method: "POST", path: `/webhook/retry/${enc(id)}`, endpoint: "POST /webhook/retry/{webhookEventId}", tier: "standard", retry: "unsafe" },
      o,
      (b, ctx) => {
        const r = parsePayload(webhookRetrySchema, b, ctx)
        return { id: r.id ?? id, deliveryStatus: r.deliveryStatus }
      }
    )
  }
}

/** A withdrawal in the user's transaction list (an invoice-shaped item), as a withdrawal request. */
function withdrawalOfUserTransaction(t: InvoiceDetails, userId: string): WithdrawalRequest {
  return {
    id: t.transactionId,
    userId,
    amount: t.amount,
    fee: t.fee,
    netAmount: t.netAmount,
    network: t.network,
    walletAddress: t.walletAddress,
    status: normalizeWithdrawalStatus(t.rawStatus),
    rawStatus: t.rawStatus,
    transactionHash: t.blockchainTxHash,
    reason: null,
    createdAt: t.createdAt,
    raw: null,
  }
}

const ALREADY_FINAL = /already|not (?:in )?initiated|cannot be cancel|can ?not cancel|expired|confirmed|cancelled|canceled|completed/i

/**
 * True for the 400 `cancelInvoice` gets when the invoice is already final
 * (cancelled, expired, confirmed): for a caller that wanted it closed, done.
 */
export function isInvoiceAlreadyFinalError(e: unknown): boolean {
  return e instanceof ThreePayValidationError && e.status === 400 && !!e.remoteMessage && ALREADY_FINAL.test(e.remoteMessage)
}
