import type { Emulator } from "../core"
import { ApiError, ok, type Reply } from "../http"
import { expireInvoice, payInvoice, type Outcome, type PayOptions } from "../invoices"
import { notFoundPage, renderPaymentPage, statusJson } from "../payment-page"
import type { Route, RouteContext } from "../router"

/** The hosted payment page, its status JSON, and the simulate buttons' form target. */

const ACTIONS: Record<string, PayOptions | "expire"> = {
  "pay-full": { mode: "full" },
  "pay-under": { mode: "under" },
  "pay-over": { mode: "over" },
  "pay-two-step": { mode: "two_step" },
  "pay-wrong-network": { mode: "full", wrongNetwork: true },
  "pay-late": { mode: "full", late: true },
  expire: "expire",
}

function find(emu: Emulator, code: string) {
  const inv = emu.store.findInvoice(code)
  return inv && inv.code === code ? inv : undefined
}

async function page({ emu, params, query }: RouteContext): Promise<Reply> {
  const inv = find(emu, params.code)
  if (!inv) return { status: 404, text: notFoundPage(params.code) }
  return { status: 200, text: await renderPaymentPage(emu, inv, query.get("error")) }
}

function status({ emu, params }: RouteContext): Reply {
  const inv = find(emu, params.code)
  if (!inv) throw new ApiError(404, "NOT_FOUND", "Payment link not found")
  return ok(statusJson(emu, inv))
}

async function simulate({ emu, params, body }: RouteContext): Promise<Reply> {
  const inv = find(emu, params.code)
  if (!inv) return { status: 404, text: notFoundPage(params.code) }
  const back = `/s/${encodeURIComponent(inv.code)}`
  const action = ACTIONS[String(body.action ?? "")]
  let outcome: Outcome
  try {
    if (!action) throw new ApiError(400, "VALIDATION_ERROR", `Unknown action ${JSON.stringify(body.action ?? null)}`)
    outcome = action === "expire" ? expireInvoice(emu, inv) : payInvoice(emu, inv, action)
  } catch (e) {
    if (!(e instanceof ApiError)) throw e
    return { status: 303, headers: { location: `${back}?error=${encodeURIComponent(e.message)}` } }
  }
  if (emu.settings.pageWaitsForWebhook) await outcome.sent
  return { status: 303, headers: { location: inv.callbackUrl ?? back } }
}

export const pageRoutes: Route[] = [
  { method: "GET", path: "/:code", name: "page.view", handler: page },
  { method: "GET", path: "/:code/status", name: "page.status", handler: status },
  { method: "POST", path: "/:code/simulate", name: "page.simulate", handler: simulate },
]
