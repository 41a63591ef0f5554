/**
 * The cluster's front door, as a load balancer in front of a store's server
 * instances would be: every storefront call and every 3PAY webhook goes to
 * one of the servers, picked by a seeded policy (random, round robin, or one
 * server only). A server that refuses connections (killed, restarting) is
 * skipped, as a health-checking balancer would; a request in flight when its
 * server dies gets a 502. "Mirror" sends a webhook to every server at once
 * (the duplicate-delivery fault of the chaos run).
 *
 * It also fronts the 3PAY emulator once per instance (`/i/<name>/api/v1/...`),
 * so every 3PAY call is counted against the instance that made it: the jobs
 * run only in the worker, once per schedule.
 */
import http from "node:http"
import type { AddressInfo } from "node:net"
import { Rng } from "./random"

export type Route = { name: string; port: number }
export type Policy = "random" | "round_robin" | { only: string }

export type BalancerStats = {
  /** Requests per server, by kind: webhooks, storefront, admin, other. */
  served: Record<string, Record<string, number>>
  /** Requests answered 502 because their server went away mid-request. */
  failed: number
  /** 3PAY calls per instance and endpoint path (e.g. "GET /public/transaction/list"). */
  upstream: Record<string, Record<string, number>>
}

const kindOf = (url: string) =>
  url.startsWith("/hooks/") ? "webhook" : url.startsWith("/store/") ? "store" : url.startsWith("/admin/") ? "admin" : "other"

export class Balancer {
  private server!: http.Server
  private rr = 0
  port = 0
  policy: Policy = "random"
  /** Probability that a webhook is sent to every server (chaos). */
  mirrorWebhooks = 0
  readonly stats: BalancerStats = { served: {}, failed: 0, upstream: {} }
  // A fresh connection per request: a restarted server never meets a stale kept-alive socket.
  private readonly agent = new http.Agent({ keepAlive: false })

  constructor(
    private readonly servers: Route[],
    private readonly emulatorPort: number,
    private readonly rng: Rng
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`
  }

  /** The 3PAY API base an instance is given: counted per instance, then passed to the emulator. */
  apiBaseFor(instance: string): string {
    return `${this.url}/i/${instance}/api/v1`
  }

  async start(): Promise<void> {
    this.server = http.createServer((req, res) => void this.handle(req, res))
    this.server.keepAliveTimeout = 60_000
    await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve))
    this.port = (this.server.address() as AddressInfo).port
  }

  async stop(): Promise<void> {
    this.agent.destroy()
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve())
      this.server.closeAllConnections()
    })
  }

  private order(): Route[] {
    const p = this.policy
    if (typeof p === "object") {
      const only = this.servers.find((s) => s.name === p.only)
      if (!only) throw new Error(`no server ${p.only}`)
      return [only, ...this.servers.filter((s) => s !== only)]
    }
    const start = p === "round_robin" ? this.rr++ % this.servers.length : this.rng.int(this.servers.length)
    return [...this.servers.slice(start), ...this.servers.slice(0, start)]
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = []
    for await (const c of req) chunks.push(c as Buffer)
    const body = Buffer.concat(chunks)
    const url = req.url ?? "/"

    const upstream = /^\/i\/([^/]+)(\/api\/v1\/.*)$/.exec(url)
    if (upstream) {
      const [, instance, rest] = upstream
      const key = `${req.method} ${rest.replace(/^\/api\/v1/, "").split("?")[0]}`
      const counts = (this.stats.upstream[instance] ??= {})
      counts[key] = (counts[key] ?? 0) + 1
      const r = await this.forward({ name: "3pay", port: this.emulatorPort }, req, rest, body)
      return this.answer(res, r)
    }

    const kind = kindOf(url)
    if (kind === "webhook" && this.mirrorWebhooks > 0 && this.rng.chance(this.mirrorWebhooks)) {
      // Every server gets the same delivery; 3PAY sees the first answer.
      const all = await Promise.all(this.servers.map((s) => this.forwardCounted(s, req, url, body, kind)))
      return this.answer(res, all.find((r) => r.status < 500) ?? all[0])
    }
    for (const target of this.order()) {
      const r = await this.forwardCounted(target, req, url, body, kind)
      if (r.refused) continue
      return this.answer(res, r)
    }
    this.answer(res, { status: 503, headers: { "content-type": "application/json" }, body: Buffer.from('{"message":"no server available"}') })
  }

  private async forwardCounted(target: Route, req: http.IncomingMessage, url: string, body: Buffer, kind: string) {
    const r = await this.forward(target, req, url, body)
    if (!r.refused) {
      const served = (this.stats.served[target.name] ??= {})
      served[kind] = (served[kind] ?? 0) + 1
      if (r.status === 502) this.stats.failed++
    }
    return r
  }

  private answer(res: http.ServerResponse, r: { status: number; headers: http.IncomingHttpHeaders; body: Buffer }) {
    const headers = { ...r.headers }
    delete headers["transfer-encoding"]
    delete headers.connection
    headers["content-length"] = String(r.body.length)
    res.writeHead(r.status, headers)
    res.end(r.body)
  }

  private forward(
    target: Route,
    req: http.IncomingMessage,
    path: string,
    body: Buffer
  ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer; refused: boolean }> {
    return new Promise((resolve) => {
      const headers: http.OutgoingHttpHeaders = { ...req.headers, host: `127.0.0.1:${target.port}`, "content-length": String(body.length) }
      delete headers.connection
      // The client's address, as a load balancer passes it on (the harness's shoppers each claim one).
      const client = req.headers["x-shopper-ip"]
      delete headers["x-shopper-ip"]
      headers["x-forwarded-for"] = typeof client === "string" ? client : (req.socket.remoteAddress ?? "127.0.0.1")
      const out = http.request(
        { host: "127.0.0.1", port: target.port, method: req.method, path, headers, agent: this.agent },
        (up) => {
          const parts: Buffer[] = []
          up.on("data", (c: Buffer) => parts.push(c))
          up.on("end", () => resolve({ status: up.statusCode ?? 502, headers: up.headers, body: Buffer.concat(parts), refused: false }))
          up.on("error", () => resolve({ status: 502, headers: {}, body: Buffer.from('{"message":"upstream went away"}'), refused: false }))
        }
      )
      out.on("error", (e: NodeJS.ErrnoException) => {
        // Nothing listening: a balancer's health check would have taken it out of rotation.
        const refused = e.code === "ECONNREFUSED"
        resolve({ status: 502, headers: { "content-type": "application/json" }, body: Buffer.from(`{"message":"${e.code ?? "upstream error"}"}`), refused })
      })
      out.end(body)
    })
  }
}
