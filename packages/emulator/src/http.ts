import type { IncomingMessage, ServerResponse } from "node:http"

/** An answer the API gives on purpose (validation, auth, not found...). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
    this.name = "ApiError"
  }
}

export const badRequest = (message: string, details?: Record<string, unknown>) =>
  new ApiError(400, "VALIDATION_ERROR", message, details)
export const notFound = (message: string) => new ApiError(404, "NOT_FOUND", message)

export type Reply = {
  status: number
  body?: unknown
  headers?: Record<string, string>
  /** Raw text body (HTML); `body` is JSON-encoded otherwise. */
  text?: string
  contentType?: string
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body })

const MAX_BODY = 1024 * 1024

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on("data", (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(badRequest("Request body too large"))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })
}

/** JSON object body; empty means `{}`; form bodies are read too (the payment page posts forms). */
export function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (!raw.trim()) return {}
  if ((contentType ?? "").includes("application/x-www-form-urlencoded")) {
    return Object.fromEntries(new URLSearchParams(raw))
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    throw badRequest("Request body is not valid JSON")
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw badRequest("Request body must be a JSON object")
  return parsed as Record<string, unknown>
}

export function writeReply(res: ServerResponse, reply: Reply): void {
  if (res.headersSent || res.destroyed) return
  const headers: Record<string, string> = { "cache-control": "no-store", ...reply.headers }
  let payload = ""
  if (reply.text !== undefined) {
    payload = reply.text
    headers["content-type"] = reply.contentType ?? "text/html; charset=utf-8"
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body)
    headers["content-type"] = "application/json; charset=utf-8"
  }
  headers["content-length"] = String(Buffer.byteLength(payload))
  res.writeHead(reply.status, headers)
  res.end(payload)
}

export function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  const fwd = req.headers["x-forwarded-for"]
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(",")[0]?.trim()
  if (trustProxy && first) return first
  return req.socket.remoteAddress ?? "unknown"
}

export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name.toLowerCase()]
  return Array.isArray(v) ? v[0] : v
}

export function delay(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms))
}

/** Positive integer query parameter with a default; 400 when it is not one. */
export function intParam(q: URLSearchParams, name: string, dflt: number, min = 1): number {
  const raw = q.get(name)
  if (raw === null || raw === "") return dflt
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw badRequest(`${name} must be an integer >= ${min}`)
  return Number(raw)
}

/** `page` (default 1) and `limit` (default 20, clamped to 100) as 3PAY's list endpoints take them. */
export function paging(q: URLSearchParams): { page: number; limit: number } {
  return { page: intParam(q, "page", 1), limit: Math.min(100, intParam(q, "limit", 20)) }
}

export function paginate<T>(items: T[], page: number, limit: number) {
  const totalDocs = items.length
  return {
    docs: items.slice((page - 1) * limit, page * limit),
    page,
    limit,
    totalPages: Math.max(1, Math.ceil(totalDocs / limit)),
    totalDocs,
  }
}
