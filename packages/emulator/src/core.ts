import { toMicro } from "medusa-payment-3pay-client"
import { Clock, Scheduler } from "./clock"
import { FaultState } from "./faults"
import { checkWithdrawalChoices } from "./withdrawal-settings"
import { Random } from "./random"
import { RateLimiter } from "./rate-limits"
import type { WireContext } from "./serialize"
import { Store } from "./state"
import type { EmulatorOptions, EmulatorSettings, FaultsInput } from "./types"
import { WebhookDispatcher, type WebhookHost } from "./webhooks"

export const DEFAULT_API_KEY = "emu_test_key"
export const DEFAULT_API_SECRET = "emu_test_secret"
export const DEFAULT_WEBHOOK_SECRET = "emu_webhook_secret"
export const DEFAULT_OTHER_ENVIRONMENT_KEYS = ["emu_live_key"]

export const DEFAULT_SETTINGS: EmulatorSettings = {
  defaultTimerMinutes: 10,
  minInvoiceAmount: "1",
  underpayShortfall: "1",
  overpayExcess: "1",
  underpaymentStatus: "confirmed",
  twoStepDelayMs: 5000,
  depositFeePercent: "1",
  depositMinFee: { TRC20: "1", ERC20: "1.5" },
  withdrawalFee: { TRC20: "2", ERC20: "2.5" },
  minWithdrawalAmount: "0.1",
  autoApproveWithdrawalsUpTo: "100",
  autoApproveWithdrawalsDailyCap: null,
  withdrawalReviewStatus: "pending",
  withdrawalExecution: "instant",
  withdrawalFundsFrom: "merchant",
  withdrawalFeePayer: "user",
  withdrawalInsufficientFunds: "refuse",
  withdrawalRequestsList: "review",
  withdrawalWebhooks: "final",
  merchantBalance: "10000",
  webhookTimeoutMs: 5000,
  timeScale: 1,
  retryScheduleMs: [60_000, 300_000, 1_800_000, 7_200_000, 43_200_000],
  pageWaitsForWebhook: true,
  walletBalanceModel: "running",
  walletFeePayer: "user",
  walletMinDeposit: "0",
}

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof EmulatorSettings>

export function pickSettings(input: Partial<EmulatorSettings>, base: EmulatorSettings): EmulatorSettings {
  const out: EmulatorSettings = {
    ...base,
    depositMinFee: { ...base.depositMinFee },
    withdrawalFee: { ...base.withdrawalFee },
    retryScheduleMs: [...base.retryScheduleMs],
  }
  for (const key of SETTING_KEYS) {
    const v = input[key]
    if (v === undefined) continue
    if (key === "depositMinFee" || key === "withdrawalFee") Object.assign(out[key], v)
    else (out as Record<string, unknown>)[key] = v
  }
  checkSettings(out)
  return out
}

function checkSettings(s: EmulatorSettings): void {
  const amounts: Array<[string, string]> = [
    ["minInvoiceAmount", s.minInvoiceAmount],
    ["underpayShortfall", s.underpayShortfall],
    ["overpayExcess", s.overpayExcess],
    ["depositFeePercent", s.depositFeePercent],
    ["minWithdrawalAmount", s.minWithdrawalAmount],
    ["merchantBalance", s.merchantBalance],
    ["depositMinFee.TRC20", s.depositMinFee.TRC20],
    ["depositMinFee.ERC20", s.depositMinFee.ERC20],
    ["withdrawalFee.TRC20", s.withdrawalFee.TRC20],
    ["withdrawalFee.ERC20", s.withdrawalFee.ERC20],
    ["walletMinDeposit", s.walletMinDeposit],
  ]
  if (s.autoApproveWithdrawalsUpTo !== null) amounts.push(["autoApproveWithdrawalsUpTo", s.autoApproveWithdrawalsUpTo])
  if (s.autoApproveWithdrawalsDailyCap !== null) amounts.push(["autoApproveWithdrawalsDailyCap", s.autoApproveWithdrawalsDailyCap])
  checkWithdrawalChoices(s)
  for (const [name, value] of amounts) {
    if (typeof value !== "string" || toMicro(value) < 0n) throw new Error(`setting ${name} must be a decimal string >= 0`)
  }
  if (!["confirmed", "amount confirmed", "underpaid"].includes(s.underpaymentStatus)) {
    throw new Error('setting underpaymentStatus must be "confirmed", "amount confirmed" or "underpaid"')
  }
  if (!["running", "swept"].includes(s.walletBalanceModel)) throw new Error('setting walletBalanceModel must be "running" or "swept"')
  if (!["user", "merchant"].includes(s.walletFeePayer)) throw new Error('setting walletFeePayer must be "user" or "merchant"')
  const nonNeg: Array<[string, number]> = [
    ["defaultTimerMinutes", s.defaultTimerMinutes],
    ["twoStepDelayMs", s.twoStepDelayMs],
    ["webhookTimeoutMs", s.webhookTimeoutMs],
    ["timeScale", s.timeScale],
  ]
  for (const [name, value] of nonNeg) {
    if (typeof value !== "number" || !(value >= 0)) throw new Error(`setting ${name} must be a number >= 0`)
  }
  if (!Array.isArray(s.retryScheduleMs) || s.retryScheduleMs.some((n) => typeof n !== "number" || !(n >= 0))) {
    throw new Error("setting retryScheduleMs must be a list of numbers >= 0")
  }
}

/** The emulator's state and machinery, shared by the HTTP routes and the programmatic control. */
export class Emulator implements WebhookHost {
  settings: EmulatorSettings
  readonly apiKey: string
  readonly apiSecret: string
  readonly otherEnvironmentKeys: string[]
  readonly trustProxy: boolean
  merchantId: string
  readonly clock: Clock
  readonly scheduler: Scheduler
  readonly random: Random
  readonly store: Store
  readonly faults: FaultState
  readonly rateLimiter: RateLimiter
  readonly webhooks: WebhookDispatcher
  /** Set once the server listens. */
  baseUrl = ""
  publicUrl: string | undefined

  private readonly initialSettings: EmulatorSettings
  private readonly initialFaults: FaultsInput | undefined
  private readonly inflight = new Set<Promise<unknown>>()
  private readonly logger: ((line: string) => void) | undefined

  constructor(options: EmulatorOptions = {}) {
    this.initialSettings = pickSettings(options, DEFAULT_SETTINGS)
    this.settings = pickSettings({}, this.initialSettings)
    this.apiKey = options.apiKey ?? DEFAULT_API_KEY
    this.apiSecret = options.apiSecret ?? DEFAULT_API_SECRET
    this.otherEnvironmentKeys = options.otherEnvironmentKeys ?? DEFAULT_OTHER_ENVIRONMENT_KEYS
    this.trustProxy = options.trustProxy ?? true
    this.publicUrl = options.publicUrl?.replace(/\/+$/, "")
    this.logger = options.logger
    this.clock = new Clock(options.now ?? Date.now)
    this.random = new Random(options.seed)
    this.merchantId = this.random.objectId()
    this.scheduler = new Scheduler(
      this.clock,
      options.autoTick ?? !options.now,
      (w) => this.track(w),
      (label, e) => this.log("error", `${label} failed: ${e instanceof Error ? e.message : String(e)}`)
    )
    this.store = new Store({
      webhookUrl: options.webhookUrl ?? null,
      webhookSecret: options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET,
      merchantBalance: toMicro(this.settings.merchantBalance),
    })
    this.initialFaults = options.faults
    this.faults = new FaultState(options.faults)
    this.rateLimiter = new RateLimiter(options.rateLimits, () => this.clock.now())
    this.webhooks = new WebhookDispatcher(this)
  }

  get wire(): WireContext {
    return { variants: this.faults.current.variants, clientId: this.merchantId, pageUrl: (c) => this.pageUrl(c) }
  }

  pageUrl(code: string): string {
    return `${this.publicUrl ?? this.baseUrl}/s/${code}`
  }

  log(type: string, message: string, transactionId: string | null = null): void {
    const at = this.clock.iso()
    this.store.pushActivity({ at, type, transactionId, message })
    this.logger?.(`[3pay-emulator] ${at} ${type}: ${message}`)
  }

  track(work: Promise<unknown>): void {
    const p = work.catch(() => undefined).finally(() => this.inflight.delete(p))
    this.inflight.add(p)
  }

  /** Resolves when no webhook attempt or task is running. */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.all([...this.inflight])
  }

  updateSettings(input: Partial<EmulatorSettings>): EmulatorSettings {
    this.settings = pickSettings(input, this.settings)
    return this.settings
  }

  /** Empties the store, faults, rate-limit counters, pending tasks; settings back to the start options. */
  reset(): void {
    this.scheduler.clear()
    this.webhooks.stop()
    this.settings = pickSettings({}, this.initialSettings)
    this.random.restart()
    this.merchantId = this.random.objectId()
    this.store.reset()
    this.faults.reset()
    if (this.initialFaults) this.faults.set(this.initialFaults)
    this.rateLimiter.reset()
  }

  stop(): void {
    this.scheduler.stop()
    this.webhooks.stop()
  }
}
