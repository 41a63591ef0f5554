/**
 * The URL a store owner pastes into the 3PAY dashboard: `<backendUrl>/hooks/3pay`
 * when the `backendUrl` option is set (the only reliable source behind
 * proxies), otherwise a guess from the admin's own request, with warnings
 * when the guess cannot be reached by 3PAY.
 */
import type { WebhookUrlDto } from "./api-types"

export const WEBHOOK_PATH = "/hooks/3pay"

export type RequestOrigin = {
  protocol?: string | null
  host?: string | null
  forwardedProto?: string | null
  forwardedHost?: string | null
}

/** First value of a possibly comma-separated proxy header. */
function first(v: string | null | undefined): string | null {
  const s = v?.split(",")[0]?.trim()
  return s ? s : null
}

const LOCAL_HOST_RE = /^(localhost|127\.\d+\.\d+\.\d+|\[?::1\]?|0\.0\.0\.0|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)(:\d+)?$/i

export function webhookUrlFor(
  backendUrl: string | null | undefined,
  environment: "sandbox" | "live",
  origin: RequestOrigin
): WebhookUrlDto {
  const warnings: string[] = []
  let url: string
  let source: WebhookUrlDto["source"]
  if (backendUrl) {
    url = `${backendUrl.replace(/\/+$/, "")}${WEBHOOK_PATH}`
    source = "backend_url"
  } else {
    const proto = first(origin.forwardedProto) ?? first(origin.protocol) ?? "http"
    const host = first(origin.forwardedHost) ?? first(origin.host) ?? "localhost:9000"
    url = `${proto}://${host}${WEBHOOK_PATH}`
    source = "request"
    warnings.push(
      "Guessed from the address you opened the admin with. Set the backendUrl option (MEDUSA_BACKEND_URL) to your public backend URL to be sure."
    )
  }
  let parsed: URL | null = null
  try {
    parsed = new URL(url)
  } catch {
    warnings.push("This is not a valid URL: check the backendUrl option.")
  }
  if (parsed && LOCAL_HOST_RE.test(parsed.host)) {
    warnings.push(
      "3PAY cannot reach a local or private address. Use your public backend URL (or a tunnel while testing); until then orders rely on reconciliation."
    )
  }
  if (parsed && parsed.protocol !== "https:" && environment === "live") {
    warnings.push("Use https in live mode: webhook bodies carry payment details.")
  }
  return { url, source, warnings }
}
