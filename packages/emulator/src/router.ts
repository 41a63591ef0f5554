import type { IncomingMessage } from "node:http"
import type { Emulator } from "./core"
import type { Reply } from "./http"
import type { RateTier } from "./types"

export type RouteContext = {
  emu: Emulator
  req: IncomingMessage
  params: Record<string, string>
  query: URLSearchParams
  body: Record<string, unknown>
  ip: string
}

export type Route = {
  method: "GET" | "POST" | "PUT" | "DELETE"
  /** Relative to its mount point; `:name` captures one segment. */
  path: string
  /** Endpoint name used by call counts and fault rules, e.g. `transaction.create`. */
  name: string
  /** API routes only. */
  tier?: RateTier
  /** API routes that require `x-api-secret` (approve / reject). */
  secretRequired?: boolean
  handler: (ctx: RouteContext) => Reply | Promise<Reply>
}

type Compiled = Route & { regex: RegExp; keys: string[] }

export class Router {
  private routes: Compiled[] = []

  constructor(private readonly mount: string, routes: Route[]) {
    for (const r of routes) {
      const keys: string[] = []
      const pattern = (mount + r.path)
        .replace(/\/+$/, "")
        .split("/")
        .map((seg) => {
          if (seg.startsWith(":")) {
            keys.push(seg.slice(1))
            return "([^/]+)"
          }
          return seg.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
        })
        .join("/")
      this.routes.push({ ...r, regex: new RegExp(`^${pattern}/?$`), keys })
    }
  }

  owns(pathname: string): boolean {
    return pathname === this.mount || pathname.startsWith(this.mount + "/")
  }

  match(method: string, pathname: string): { route: Route; params: Record<string, string> } | { pathMatched: boolean } {
    let pathMatched = false
    for (const r of this.routes) {
      const m = r.regex.exec(pathname)
      if (!m) continue
      pathMatched = true
      if (r.method !== method) continue
      const params: Record<string, string> = {}
      r.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])))
      return { route: r, params }
    }
    return { pathMatched }
  }

  list(): Array<{ method: string; path: string; name: string }> {
    return this.routes.map((r) => ({ method: r.method, path: this.mount + r.path, name: r.name }))
  }
}
