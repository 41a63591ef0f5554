import type { EmulatorControl } from "../control"
import { FaultInputError } from "../faults"
import { badRequest, ok, type Reply } from "../http"
import type { Route, RouteContext } from "../router"
import type { DeliveryStatus, EmulatorSettings, FaultsInput, PayMode } from "../types"

/**
 * `/_control/...`: drive the emulator over HTTP (no API key: local use only).
 * Every route calls the same `EmulatorControl` method the programmatic handle exposes.
 */
function guard<T>(fn: () => T): T {
  try {
    return fn()
  } catch (e) {
    if (e instanceof FaultInputError || (e instanceof Error && e.message.startsWith("setting "))) throw badRequest(e.message)
    throw e
  }
}

const bool = (v: unknown): boolean | undefined => (v === undefined ? undefined : v === true || v === "true")
const text = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined)

export function controlRoutes(control: EmulatorControl, index: () => unknown): Route[] {
  const r = (method: Route["method"], path: string, name: string, handler: (ctx: RouteContext) => Reply | Promise<Reply>): Route => ({
    method,
    path,
    name: `control.${name}`,
    handler,
  })
  const q = (ctx: RouteContext, k: string) => ctx.query.get(k) ?? undefined
  return [
    r("GET", "", "index", () => ok(index())),
    r("GET", "/invoices", "invoices", (c) => ok({ invoices: control.invoices({ status: q(c, "status") }) })),
    r("GET", "/invoices/:id", "invoice", (c) => ok({ invoice: control.invoice(c.params.id) })),
    r("POST", "/invoices/:id/pay", "pay", async ({ params, body }) => {
      const invoice = await control.pay(params.id, {
        mode: (body.mode as PayMode | undefined) ?? "full",
        amount: body.amount as string | number | undefined,
        wrongNetwork: bool(body.wrongNetwork),
        late: bool(body.late),
        waitForWebhook: bool(body.waitForWebhook),
      })
      return ok({ invoice })
    }),
    r("POST", "/invoices/:id/expire", "expire", async ({ params }) => ok({ invoice: await control.expire(params.id) })),
    r("GET", "/deliveries", "deliveries", (c) =>
      ok({
        deliveries: control.deliveries({
          transactionId: q(c, "transactionId"),
          deliveryStatus: q(c, "deliveryStatus") as DeliveryStatus | undefined,
          eventType: q(c, "eventType") as "deposit" | "withdrawal" | "test" | undefined,
        }),
      })
    ),
    r("POST", "/deliveries/:id/retry", "retryDelivery", async ({ params }) => ok({ delivery: await control.retryDelivery(params.id) })),
    r("POST", "/webhooks/flush", "flushWebhooks", async ({ body }) => {
      const order = body.order === "original" ? "original" : "reverse"
      return ok({ sent: await control.flushWebhooks(order) })
    }),
    r("GET", "/events", "events", () => ok({ events: control.events() })),
    r("GET", "/calls", "calls", () => ok({ counts: control.calls(), log: control.callLog() })),
    r("POST", "/calls/reset", "resetCalls", () => {
      control.resetCalls()
      return ok({ counts: control.calls() })
    }),
    r("GET", "/clock", "clock", () => ok({ now: control.now(), iso: new Date(control.now()).toISOString(), tasks: control.pendingTasks() })),
    r("POST", "/advance", "advance", async ({ body }) => {
      const ms = Number(body.ms)
      if (!Number.isFinite(ms) || ms < 0) throw badRequest("ms must be a number >= 0")
      await control.advance(ms)
      return ok({ now: control.now(), iso: new Date(control.now()).toISOString() })
    }),
    r("GET", "/faults", "faults", () => ok({ faults: control.faults() })),
    r("POST", "/faults", "setFaults", ({ body }) => ok({ faults: guard(() => control.setFaults(body as FaultsInput)) })),
    r("DELETE", "/faults", "resetFaults", () => ok({ faults: control.resetFaults() })),
    r("POST", "/faults/reset", "resetFaults", () => ok({ faults: control.resetFaults() })),
    r("POST", "/reset", "reset", () => {
      control.reset()
      return ok({ reset: true })
    }),
    r("GET", "/rate-limits", "rateLimits", () => ok({ rateLimits: control.rateLimits() })),
    r("POST", "/rate-limits", "setRateLimits", ({ body }) => {
      if (typeof body.enabled !== "boolean") throw badRequest("enabled must be true or false")
      control.setRateLimits(body.enabled)
      return ok({ rateLimits: control.rateLimits() })
    }),
    r("POST", "/rate-limits/reset", "resetRateLimits", () => {
      control.resetRateLimits()
      return ok({ rateLimits: control.rateLimits() })
    }),
    r("GET", "/settings", "settings", () => ok({ settings: control.settings() })),
    r("POST", "/settings", "updateSettings", ({ body }) =>
      ok({ settings: guard(() => control.updateSettings(body as Partial<EmulatorSettings>)) })
    ),
    r("GET", "/account", "account", () => ok({ account: control.account(), webhookSecret: control.webhookSecret() })),
    r("GET", "/wallets", "wallets", () => ok({ wallets: control.wallets() })),
    r("POST", "/wallets/:userId/deposit", "depositToWallet", async ({ params, body }) =>
      ok({
        transaction: await control.depositToWallet(params.userId, {
          amount: body.amount as string | number,
          currencyType: String(body.currencyType ?? "USDT-TRC20"),
        }),
      })
    ),
    r("POST", "/wallets/:userId/balance", "setWalletBalance", ({ params, body }) =>
      ok({
        wallet: control.setWalletBalance(params.userId, {
          amount: body.amount as string | number,
          currencyType: String(body.currencyType ?? "USDT-TRC20"),
        }),
      })
    ),
    r("GET", "/withdrawals", "withdrawals", (c) => ok({ withdrawals: control.withdrawals({ status: q(c, "status"), userId: q(c, "userId") }) })),
    r("GET", "/withdrawals/:id", "withdrawal", ({ params }) => ok({ withdrawal: control.withdrawal(params.id) })),
    r("POST", "/withdrawals/:id/approve", "approveWithdrawal", async ({ params, body }) =>
      ok({ withdrawal: await control.approveWithdrawal(params.id, { waitForWebhook: bool(body.waitForWebhook) }) })
    ),
    r("POST", "/withdrawals/:id/reject", "rejectWithdrawal", async ({ params, body }) =>
      ok({ withdrawal: await control.rejectWithdrawal(params.id, { reason: text(body.reason), waitForWebhook: bool(body.waitForWebhook) }) })
    ),
    r("POST", "/withdrawals/:id/complete", "completeWithdrawal", async ({ params, body }) =>
      ok({
        withdrawal: await control.completeWithdrawal(params.id, {
          transactionHash: text(body.transactionHash),
          waitForWebhook: bool(body.waitForWebhook),
        }),
      })
    ),
    r("POST", "/withdrawals/:id/fail", "failWithdrawal", async ({ params, body }) =>
      ok({ withdrawal: await control.failWithdrawal(params.id, { reason: text(body.reason), waitForWebhook: bool(body.waitForWebhook) }) })
    ),
  ]
}
