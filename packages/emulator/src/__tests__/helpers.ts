import http from "node:http"
import type { AddressInfo } from "node:net"
import { startEmulator, type EmulatorHandle } from "../index"
import type { EmulatorOptions } from "../types"

export const T0 = Date.parse("2026-03-01T12:00:00.000Z")

/** An emulator on a free port with a fixed, seeded, manually advanced clock. */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const clock = T0
  return startEmulator({ seed: "unit", now: () => clock, rateLimits: false, ...options })
}

export type ApiCall = {
  method?: string
  query?: Record<string, string | number | undefined>
  body?: unknown
  headers?: Record<string, string>
  /** The apikey header; null sends none. Default: the emulator's key. */
  key?: string | null
  signal?: AbortSignal
}

export type ApiAnswer = { status: number; headers: Headers; json: any; text: string }

export async function api(emu: EmulatorHandle, path: string, call: ApiCall = {}): Promise<ApiAnswer> {
  const url = new URL(emu.apiBase + path)
  for (const [k, v] of Object.entries(call.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v))
  const headers: Record<string, string> = { accept: "application/json", ...call.headers }
  const key = call.key === undefined ? emu.apiKey : call.key
  if (key !== null) headers.apikey = key
  if (call.body !== undefined) headers["content-type"] = "application/json"
  const res = await fetch(url, {
    method: call.method ?? (call.body !== undefined ? "POST" : "GET"),
    headers,
    body: call.body === undefined ? undefined : JSON.stringify(call.body),
    signal: call.signal,
    redirect: "manual",
  })
  const text = await res.text()
  let json: any = null
  try {
    json = JSON.parse(text)
  } catch {
    json = null
  }
  return { status: res.status, headers: res.headers, json, text }
}

export async function control(emu: EmulatorHandle, path: string, body?: unknown, method?: string): Promise<ApiAnswer> {
  const res = await fetch(emu.controlUrl + path, {
    method: method ?? (body === undefined ? "GET" : "POST"),
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : null, text }
}

export function createInvoice(
  emu: EmulatorHandle,
  query: Record<string, string | number | undefined> = {},
  body: Record<string, unknown> = {}
) {
  return api(emu, "/transaction/create", { method: "POST", query: { currencyType: "USDT-TRC20", amount: "100", ...query }, body })
}

export type Received = { headers: http.IncomingHttpHeaders; body: string; json: any }

/** A webhook endpoint: records every request, answers with `status` (changeable) after `delayMs`. */
export async function startReceiver(opts: { status?: number; delayMs?: number } = {}) {
  const received: Received[] = []
  const state = { status: opts.status ?? 200, delayMs: opts.delayMs ?? 0 }
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on("data", (c: Buffer) => chunks.push(c))
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8")
      let json: any = null
      try {
        json = JSON.parse(body)
      } catch {
        json = null
      }
      received.push({ headers: req.headers, body, json })
      const answer = () => {
        res.writeHead(state.status, { "content-type": "text/plain" })
        res.end("ok")
      }
      if (state.delayMs) setTimeout(answer, state.delayMs)
      else answer()
    })
  })
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`
  return {
    url,
    received,
    state,
    async waitFor(n: number, timeoutMs = 3000): Promise<Received[]> {
      const end = Date.now() + timeoutMs
      while (received.length < n) {
        if (Date.now() > end) throw new Error(`receiver got ${received.length} of ${n} webhooks`)
        await new Promise((r) => setTimeout(r, 5))
      }
      return received
    },
    stop: () =>
      new Promise<void>((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
