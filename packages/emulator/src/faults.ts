import type { FaultRule, FaultRuleInput, Faults, FaultsInput, Variants } from "./types"

export const NO_VARIANTS: Variants = {
  paymentUrl: false,
  createUnderData: false,
  verifyUnderDate: false,
  legacyStatusWords: false,
  amountsAsStrings: false,
  flatErrors: false,
  omitActualBalance: false,
  withdrawalAnswerWithoutId: false,
  withdrawalWebhookMinimal: false,
  walletWebhookWithoutUserId: false,
}

const KINDS = new Set(["error", "rate_limit", "timeout", "drop"])

export function emptyFaults(): Faults {
  return {
    latencyMs: 0,
    next: [],
    webhookDrop: null,
    webhookDuplicates: 1,
    webhookOutOfOrder: false,
    wrongNetwork: false,
    latePayments: false,
    withdrawalFailures: 0,
    variants: { ...NO_VARIANTS },
  }
}

export class FaultInputError extends Error {}

function toRule(input: FaultRuleInput): FaultRule {
  if (!input || !KINDS.has(input.kind)) {
    throw new FaultInputError(`fault kind must be one of error, rate_limit, timeout, drop (got ${JSON.stringify(input?.kind)})`)
  }
  const count = input.count ?? 1
  if (!Number.isInteger(count) || count < 1) throw new FaultInputError("fault count must be a positive integer")
  if (input.status !== undefined && (!Number.isInteger(input.status) || input.status < 500 || input.status > 599)) {
    throw new FaultInputError("an error fault's status must be 5xx")
  }
  return { ...input, count }
}

/**
 * The faults in force. API faults are one-shot rules consumed by the next
 * matching calls; webhook and payment faults stay until changed or reset.
 */
export class FaultState {
  current: Faults

  constructor(initial?: FaultsInput) {
    this.current = emptyFaults()
    if (initial) this.set(initial)
  }

  /** Merges: scalars replace, `next` rules are appended, `variants` merge. */
  set(input: FaultsInput): Faults {
    const f = this.current
    const next = input.next === undefined ? [] : (Array.isArray(input.next) ? input.next : [input.next]).map(toRule)
    if (input.latencyMs !== undefined) {
      if (!(input.latencyMs >= 0)) throw new FaultInputError("latencyMs must be >= 0")
      f.latencyMs = input.latencyMs
    }
    if (input.webhookDuplicates !== undefined) {
      if (!Number.isInteger(input.webhookDuplicates) || input.webhookDuplicates < 1) {
        throw new FaultInputError("webhookDuplicates must be an integer >= 1")
      }
      f.webhookDuplicates = input.webhookDuplicates
    }
    if (input.webhookDrop !== undefined) {
      const d = input.webhookDrop
      if (d && d.mode !== "skip" && d.mode !== "ignore") throw new FaultInputError('webhookDrop.mode must be "skip" or "ignore"')
      if (d && d.count != null && (!Number.isInteger(d.count) || d.count < 1)) {
        throw new FaultInputError("webhookDrop.count must be a positive integer (or null for all)")
      }
      f.webhookDrop = d ? { mode: d.mode, count: d.count ?? null } : null
    }
    if (input.webhookOutOfOrder !== undefined) f.webhookOutOfOrder = Boolean(input.webhookOutOfOrder)
    if (input.wrongNetwork !== undefined) f.wrongNetwork = Boolean(input.wrongNetwork)
    if (input.latePayments !== undefined) f.latePayments = Boolean(input.latePayments)
    if (input.withdrawalFailures !== undefined) {
      if (!Number.isInteger(input.withdrawalFailures) || input.withdrawalFailures < 0) {
        throw new FaultInputError("withdrawalFailures must be an integer >= 0")
      }
      f.withdrawalFailures = input.withdrawalFailures
    }
    if (input.variants) {
      for (const [k, v] of Object.entries(input.variants)) {
        if (!(k in NO_VARIANTS)) throw new FaultInputError(`unknown variant "${k}"`)
        f.variants[k as keyof Variants] = Boolean(v)
      }
    }
    f.next.push(...next)
    return this.snapshot()
  }

  reset(): void {
    this.current = emptyFaults()
  }

  snapshot(): Faults {
    const f = this.current
    return {
      ...f,
      next: f.next.map((r) => ({ ...r })),
      webhookDrop: f.webhookDrop ? { ...f.webhookDrop } : null,
      variants: { ...f.variants },
    }
  }

  /** Takes one use of the first rule that matches this endpoint, if any. */
  take(endpoint: string): FaultRule | null {
    const i = this.current.next.findIndex((r) => !r.endpoint || r.endpoint === endpoint)
    if (i < 0) return null
    const rule = this.current.next[i]
    rule.count -= 1
    if (rule.count <= 0) this.current.next.splice(i, 1)
    return { ...rule }
  }

  /** Whether the withdrawal being sent now fails on chain (uses one of `withdrawalFailures`). */
  takeWithdrawalFailure(): boolean {
    if (this.current.withdrawalFailures <= 0) return false
    this.current.withdrawalFailures -= 1
    return true
  }

  /** Whether the next webhook is dropped, and how (uses one from a counted drop). */
  takeWebhookDrop(): "skip" | "ignore" | null {
    const d = this.current.webhookDrop
    if (!d) return null
    if (d.count !== null) {
      d.count -= 1
      if (d.count <= 0) this.current.webhookDrop = null
    }
    return d.mode
  }
}
