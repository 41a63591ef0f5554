import type { AddressInfo } from "node:net"
import { EmulatorControl } from "./control"
import { Emulator } from "./core"
import { API_PREFIX, CONTROL_PREFIX, createEmulatorServer } from "./server"
import type { EmulatorOptions } from "./types"

/**
 * A local 3PAY: the HTTP API of docs/3pay-wire-format.md, hosted payment
 * pages, signed webhooks with retries, and fault injection. No Medusa imports.
 *
 *   const emu = await startEmulator({ webhookUrl: "http://localhost:9000/hooks/payment/3pay_3pay" })
 *   // client: { apiKey: emu.apiKey, baseUrl: emu.apiBase }; webhook secret: emu.webhookSecret
 *   await emu.control.pay(transactionId, { mode: "full" })
 *   await emu.stop()
 */
export type EmulatorHandle = {
  /** http://host:port */
  url: string
  /** url + /api/v1: the `baseUrl` for the 3PAY client. */
  apiBase: string
  /** url + /_control */
  controlUrl: string
  port: number
  host: string
  apiKey: string
  apiSecret: string
  /** The current webhook secret (changes after a rotate). */
  readonly webhookSecret: string
  paymentPageUrl(code: string): string
  control: EmulatorControl
  /** Closes the server, drops open connections, cancels timers and in-flight webhooks. */
  stop(): Promise<void>
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const host = options.host ?? "127.0.0.1"
  const emu = new Emulator(options)
  const control = new EmulatorControl(emu)
  const server = createEmulatorServer(emu, control)
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject)
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host
  const url = `http://${urlHost}:${port}`
  emu.baseUrl = url
  let stopping: Promise<void> | null = null
  return {
    url,
    apiBase: url + API_PREFIX,
    controlUrl: url + CONTROL_PREFIX,
    port,
    host,
    apiKey: emu.apiKey,
    apiSecret: emu.apiSecret,
    get webhookSecret() {
      return emu.store.webhookSecret
    },
    paymentPageUrl: (code) => emu.pageUrl(code),
    control,
    stop() {
      stopping ??= new Promise<void>((resolve) => {
        emu.stop()
        server.close(() => resolve())
        server.closeAllConnections()
      })
      return stopping
    },
  }
}

export { EmulatorControl } from "./control"
export type { ControlPayOptions, DeliveryFilter } from "./control"
export { DEFAULT_API_KEY, DEFAULT_API_SECRET, DEFAULT_WEBHOOK_SECRET, DEFAULT_SETTINGS } from "./core"
export { DEFAULT_RATE_LIMITS, RATE_WINDOW_MS } from "./rate-limits"
export type { DeliveryView, InvoiceView, WalletView, WithdrawalView } from "./views"
export type * from "./types"
