import http from "node:http"
import https from "node:https"
import { signWebhookBody } from "medusa-payment-3pay-client"
import type { Clock, Scheduler } from "./clock"
import type { FaultState } from "./faults"
import type { Random } from "./random"
import type { Store } from "./state"
import type { Delivery, EmulatorSettings } from "./types"

export type WebhookHost = {
  store: Store
  random: Random
  clock: Clock
  scheduler: Scheduler
  faults: FaultState
  settings: EmulatorSettings
  log(type: string, message: string, transactionId?: string | null): void
  track(work: Promise<unknown>): void
}

export type EmitInput = {
  eventType: Delivery["eventType"]
  transactionId: string | null
  /** Per-invoice / per-user / per-withdrawal URL; the account URL when null. */
  url: string | null
  data: Record<string, unknown>
  test?: boolean
}

type PostResult = { status: number | null; error: string | null }

/**
 * Sends webhooks the way 3PAY does: POST, JSON, `X-Webhook-Signature:
 * sha256=<hex HMAC-SHA256(secret, raw body)>`. A non-2xx answer or a timeout
 * is a failure, retried after 1 min, 5 min, 30 min, 2 h and 12 h (times
 * `timeScale`), then left `failed` until a manual retry. Deliveries of one
 * transaction go out one after the other, in order.
 */
export class WebhookDispatcher {
  private chains = new Map<string, Promise<void>>()
  private active = new Set<http.ClientRequest>()

  constructor(private readonly host: WebhookHost) {}

  /** Records the event's deliveries and starts sending them; resolves after their first attempts. */
  emit(input: EmitInput): { deliveries: Delivery[]; sent: Promise<void> } {
    const { store, random, clock, faults } = this.host
    const f = faults.current
    const test = Boolean(input.test)
    const dropped = test ? null : faults.takeWebhookDrop()
    const copies = test ? 1 : f.webhookDuplicates
    const url = input.url ?? store.webhookUrl
    const body = JSON.stringify({
      success: true,
      message: test ? "Test webhook" : "Transaction status update",
      data: input.data,
    })
    const deliveries: Delivery[] = []
    for (let i = 0; i < copies; i++) {
      const d: Delivery = {
        id: random.objectId(),
        eventType: input.eventType,
        transactionId: input.transactionId,
        url,
        body,
        test,
        attempts: 0,
        responseStatus: null,
        deliveryStatus: "pending",
        createdAt: clock.now(),
        lastAttemptAt: null,
        nextAttemptAt: null,
        error: null,
        held: !test && f.webhookOutOfOrder,
        dropped,
        duplicateOf: i > 0 ? deliveries[0].id : null,
        log: [],
        retryTask: null,
      }
      store.deliveries.set(d.id, d)
      deliveries.push(d)
    }
    const status = (input.data as { status?: unknown }).status
    this.host.log(
      "webhook.queued",
      `${input.eventType} webhook${status ? ` (${String(status)})` : ""} → ${url ?? "no URL"}` +
        (copies > 1 ? ` ×${copies}` : "") +
        (dropped ? ` [dropped: ${dropped}]` : "") +
        (deliveries[0].held ? " [held]" : ""),
      input.transactionId
    )
    if (deliveries[0].held) return { deliveries, sent: Promise.resolve() }
    const sent = this.inOrder(input.transactionId, async () => {
      for (const d of deliveries) await this.firstAttempt(d)
    })
    return { deliveries, sent }
  }

  /** Manual retry (`POST /webhook/retry/{id}`): one attempt now; a failure leaves it `failed`. */
  async retry(d: Delivery): Promise<Delivery> {
    this.host.scheduler.cancel(d.retryTask)
    d.retryTask = null
    d.nextAttemptAt = null
    d.held = false
    await this.attempt(d, { manual: true })
    return d
  }

  /** Sends held deliveries; "reverse" sends each transaction's deliveries newest first. */
  async flush(order: "reverse" | "original" = "reverse"): Promise<number> {
    const held = [...this.host.store.deliveries.values()].filter((d) => d.held)
    const groups = new Map<string, Delivery[]>()
    for (const d of held) {
      const key = d.transactionId ?? "-"
      groups.set(key, [...(groups.get(key) ?? []), d])
    }
    for (const group of groups.values()) {
      if (order === "reverse") group.reverse()
      for (const d of group) {
        d.held = false
        await this.firstAttempt(d)
      }
    }
    return held.length
  }

  stop(): void {
    for (const req of this.active) req.destroy(new Error("emulator stopped"))
    this.active.clear()
  }

  private inOrder(key: string | null, work: () => Promise<void>): Promise<void> {
    const k = key ?? "-"
    const next = (this.chains.get(k) ?? Promise.resolve()).then(work, work)
    const tail = next.catch(() => undefined)
    this.chains.set(k, tail)
    void tail.then(() => {
      if (this.chains.get(k) === tail) this.chains.delete(k)
    })
    this.host.track(tail)
    return tail
  }

  private async firstAttempt(d: Delivery): Promise<void> {
    if (d.dropped === "skip") {
      d.deliveryStatus = "delivered"
      d.attempts = 1
      d.lastAttemptAt = this.host.clock.now()
      d.error = "dropped by fault: not sent"
      this.host.log("webhook.dropped", `${d.eventType} webhook ${d.id} not sent (fault)`, d.transactionId)
      return
    }
    await this.attempt(d, { manual: false })
  }

  private async attempt(d: Delivery, opts: { manual: boolean }): Promise<void> {
    const { clock, store, settings } = this.host
    if (!d.url) {
      d.deliveryStatus = "failed"
      d.error = "No webhook URL configured (set one with POST /webhook/url or per invoice with webhookUrl)"
      return
    }
    const started = Date.now()
    d.attempts += 1
    d.lastAttemptAt = clock.now()
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-webhook-signature": signWebhookBody(d.body, store.webhookSecret),
      "user-agent": "3PAY-Emulator/1.0",
    }
    if (d.test) headers["x-webhook-test"] = "true"
    const result = await this.post(d.url, d.body, headers, settings.webhookTimeoutMs)
    d.responseStatus = result.status
    d.error = result.error
    d.log.push({ at: clock.iso(d.lastAttemptAt), status: result.status, error: result.error, durationMs: Date.now() - started })
    const delivered = result.status !== null && result.status >= 200 && result.status < 300
    if (delivered || d.dropped === "ignore") {
      d.deliveryStatus = "delivered"
      d.nextAttemptAt = null
      if (!delivered) d.error = `${result.error ?? `HTTP ${result.status}`} (ignored: drop fault)`
      this.host.log("webhook.delivered", `${d.eventType} webhook ${d.id} → ${result.status ?? result.error}`, d.transactionId)
      return
    }
    const schedule = settings.retryScheduleMs
    const retryIndex = d.attempts - 1
    if (opts.manual || d.test || retryIndex >= schedule.length) {
      d.deliveryStatus = "failed"
      d.nextAttemptAt = null
      this.host.log("webhook.failed", `${d.eventType} webhook ${d.id} failed: ${result.error ?? `HTTP ${result.status}`}`, d.transactionId)
      return
    }
    d.deliveryStatus = "pending"
    const at = clock.now() + Math.round(schedule[retryIndex] * settings.timeScale)
    d.nextAttemptAt = at
    d.retryTask = this.host.scheduler.schedule(at, `webhook retry ${d.id}`, () => {
      d.retryTask = null
      d.nextAttemptAt = null
      return this.inOrder(d.transactionId, () => this.attempt(d, { manual: false }))
    })
    this.host.log(
      "webhook.retry_scheduled",
      `${d.eventType} webhook ${d.id} failed (${result.error ?? `HTTP ${result.status}`}); retry ${retryIndex + 1} at ${clock.iso(at)}`,
      d.transactionId
    )
  }

  private post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<PostResult> {
    return new Promise((resolve) => {
      let settled = false
      const done = (r: PostResult) => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        this.active.delete(req)
        resolve(r)
      }
      const mod = url.startsWith("https:") ? https : http
      const req = mod.request(url, {
        method: "POST",
        agent: false,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)), connection: "close" },
      })
      this.active.add(req)
      const timer = setTimeout(() => {
        done({ status: null, error: `timeout after ${timeoutMs} ms` })
        req.destroy()
      }, timeoutMs)
      req.on("response", (res) => {
        res.resume()
        done({ status: res.statusCode ?? null, error: null })
      })
      req.on("error", (e) => done({ status: null, error: e.message || "connection error" }))
      req.end(body)
    })
  }
}
