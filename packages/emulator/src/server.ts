import http, { type IncomingMessage, type ServerResponse } from "node:http"
import type { EmulatorControl } from "./control"
import type { Emulator } from "./core"
import { ApiError, clientIp, delay, header, parseBody, readBody, writeReply, type Reply } from "./http"
import { rateLimitHeaders, type RateDecision } from "./rate-limits"
import { Router, type Route } from "./router"
import { controlRoutes } from "./routes/control"
import { invoiceRoutes } from "./routes/invoices"
import { pageRoutes } from "./routes/page"
import { walletRoutes } from "./routes/wallets"
import { webhookRoutes } from "./routes/webhooks"
import { withdrawalRoutes } from "./routes/withdrawals"
import type { CallRecord, FaultRule } from "./types"

export const API_PREFIX = "/api/v1"
export const CONTROL_PREFIX = "/_control"
export const PAGE_PREFIX = "/s"

/**
 * Routing and the request pipeline. For API calls: count the call → latency
 * and one-shot faults → auth (`apikey`, `x-api-secret`) → rate limit → body
 * → handler → (faults that strike after the handler) → answer with
 * RateLimit-* headers.
 */
export function createEmulatorServer(emu: Emulator, control: EmulatorControl): http.Server {
  const api = new Router(API_PREFIX, [...invoiceRoutes, ...walletRoutes, ...withdrawalRoutes, ...webhookRoutes])
  const pages = new Router(PAGE_PREFIX, pageRoutes)
  const index = (): Record<string, unknown> => ({
    name: "3PAY emulator",
    note: "For local use only: the control API has no authentication.",
    apiBase: emu.baseUrl + API_PREFIX,
    paymentPages: `${emu.publicUrl ?? emu.baseUrl}${PAGE_PREFIX}/<code>`,
    control: emu.baseUrl + CONTROL_PREFIX,
    endpoints: { api: api.list(), control: controlRouter.list(), pages: pages.list() },
  })
  const controlRouter: Router = new Router(CONTROL_PREFIX, controlRoutes(control, index))

  return http.createServer((req, res) => {
    void handle(req, res).catch((e) => {
      emu.log("error", `unhandled: ${e instanceof Error ? e.stack ?? e.message : String(e)}`)
      writeReply(res, { status: 500, body: { success: false, error: { code: "INTERNAL_ERROR", message: "Emulator error" } } })
    })
  })

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.local")
    const method = (req.method ?? "GET").toUpperCase()
    // Due expiries and retries take effect before the request is looked at (lazy tick).
    void emu.scheduler.runDue()
    if (api.owns(url.pathname)) return handleApi(req, res, url, method)
    if (controlRouter.owns(url.pathname)) return handleSimple(controlRouter, req, res, url, method, false)
    if (pages.owns(url.pathname)) return handleSimple(pages, req, res, url, method, true)
    if (url.pathname === "/") return writeReply(res, { status: 200, body: index() })
    writeReply(res, errorReply(emu, new ApiError(404, "NOT_FOUND", `No route ${method} ${url.pathname}`)))
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, method: string): Promise<void> {
    const found = api.match(method, url.pathname)
    const record: CallRecord = {
      at: emu.clock.iso(),
      endpoint: "route" in found ? found.route.name : "unknown",
      method,
      path: url.pathname,
      status: null,
      fault: null,
      requestId: header(req, "x-request-id") ?? null,
    }
    emu.store.countCall(record)
    if (!("route" in found)) {
      record.status = 404
      return writeReply(res, errorReply(emu, new ApiError(404, "NOT_FOUND", `No route ${method} ${url.pathname}`)))
    }
    const { route, params } = found
    const latency = emu.faults.current.latencyMs
    if (latency > 0) await delay(latency)
    const rule = emu.faults.take(route.name)
    if (rule) record.fault = rule.kind
    if (rule && !rule.afterHandler) return applyFault(rule, route, req, res, record)

    let reply: Reply
    let rate: RateDecision | null = null
    try {
      authenticate(emu, req, route)
      rate = emu.rateLimiter.check(route.tier ?? "standard", clientIp(req, emu.trustProxy))
      if (rate && !rate.allowed) {
        throw new ApiError(429, "RATE_LIMITED", `Too many requests: the ${rate.tier} limit is ${rate.limit} per 15 minutes`)
      }
      const body = parseBody(await readBody(req), header(req, "content-type"))
      reply = await route.handler({ emu, req, params, query: url.searchParams, body, ip: clientIp(req, emu.trustProxy) })
    } catch (e) {
      reply = errorReply(emu, e)
    }
    if (rate) reply = { ...reply, headers: { ...rateLimitHeaders(rate, !rate.allowed), ...reply.headers } }
    if (rule) return applyFault(rule, route, req, res, record)
    record.status = reply.status
    if (record.requestId) reply = { ...reply, headers: { ...reply.headers, "x-request-id": record.requestId } }
    writeReply(res, reply)
  }

  async function handleSimple(router: Router, req: IncomingMessage, res: ServerResponse, url: URL, method: string, count: boolean) {
    const found = router.match(method, url.pathname)
    if (!("route" in found)) {
      const status = found.pathMatched ? 405 : 404
      return writeReply(res, errorReply(emu, new ApiError(status, "NOT_FOUND", `No route ${method} ${url.pathname}`), true))
    }
    const record: CallRecord = {
      at: emu.clock.iso(),
      endpoint: found.route.name,
      method,
      path: url.pathname,
      status: null,
      fault: null,
      requestId: null,
    }
    if (count) emu.store.countCall(record)
    let reply: Reply
    try {
      const body = parseBody(await readBody(req), header(req, "content-type"))
      const ctx = { emu, req, params: found.params, query: url.searchParams, body, ip: clientIp(req, emu.trustProxy) }
      reply = await found.route.handler(ctx)
    } catch (e) {
      reply = errorReply(emu, e, true)
    }
    record.status = reply.status
    writeReply(res, reply)
  }

  function applyFault(rule: FaultRule, route: Route, req: IncomingMessage, res: ServerResponse, record: CallRecord): void {
    emu.log("fault", `${rule.kind}${rule.afterHandler ? " (after handling)" : ""} on ${route.name}`)
    switch (rule.kind) {
      case "error": {
        const status = rule.status ?? 500
        record.status = status
        if (rule.html) {
          return writeReply(res, { status, text: `<html><head><title>${status}</title></head><body><h1>${status} Bad Gateway</h1></body></html>` })
        }
        return writeReply(res, errorReply(emu, new ApiError(status, "INTERNAL_ERROR", "Internal server error (injected fault)")))
      }
      case "rate_limit": {
        const seconds = rule.retryAfterSeconds ?? 30
        record.status = 429
        const limit = emu.rateLimiter.limits[route.tier ?? "standard"]
        return writeReply(
          res,
          errorReply(
            emu,
            new ApiError(429, "RATE_LIMITED", "Too many requests, please try again later (injected fault)", {}, {
              "Retry-After": String(seconds),
              "RateLimit-Limit": String(limit),
              "RateLimit-Remaining": "0",
              "RateLimit-Reset": String(seconds),
            })
          )
        )
      }
      case "timeout":
        // Never answer: the client's own timeout has to fire. The socket goes when the client aborts or on stop().
        req.resume()
        return
      case "drop":
        req.socket.destroy()
        return
    }
  }
}

function authenticate(emu: Emulator, req: IncomingMessage, route: Route): void {
  const key = header(req, "apikey")
  if (!key) throw new ApiError(401, "INVALID_AUTH", "Missing or invalid credentials: the apikey header is required")
  if (emu.otherEnvironmentKeys.includes(key)) throw new ApiError(403, "FORBIDDEN", "Key not allowed for this environment")
  if (key !== emu.apiKey) throw new ApiError(401, "INVALID_AUTH", "Missing or invalid credentials")
  const secret = header(req, "x-api-secret")
  if (secret !== undefined && secret !== emu.apiSecret) throw new ApiError(401, "INVALID_AUTH", "Invalid API secret")
  if (route.secretRequired && !secret) {
    throw new ApiError(401, "INVALID_AUTH", "The x-api-secret header is required for this endpoint")
  }
}

/** 3PAY's error body (old reference form), or `{ success: false, message }` under the flatErrors variant. */
export function errorReply(emu: Emulator, e: unknown, structured = false): Reply {
  if (!(e instanceof ApiError)) {
    emu.log("error", e instanceof Error ? e.stack ?? e.message : String(e))
    e = new ApiError(500, "INTERNAL_ERROR", "Internal server error")
  }
  const err = e as ApiError
  const flat = !structured && emu.faults.current.variants.flatErrors
  return {
    status: err.status,
    headers: err.headers,
    body: flat
      ? { success: false, message: err.message }
      : { success: false, error: { code: err.code, message: err.message, details: err.details } },
  }
}
