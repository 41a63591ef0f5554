/**
 * Starts the plugin's 3PAY emulator for one spec file and points the Medusa
 * that the test runner is about to boot at it (medusa-config.ts reads these
 * variables). Register it before `medusaIntegrationTestRunner` so its
 * beforeAll runs first.
 */
import { startEmulator, type EmulatorHandle } from "medusa-payment-3pay-emulator"
import { freePort } from "./ports"

export type SpecEmulator = { emulator: EmulatorHandle; port: number; backendUrl: string }

export function useSpecEmulator(opts: {
  seed: string
  /** Where the emulator sends webhooks: the plugin's route, or Medusa's core one. */
  webhookRoute?: "/hooks/3pay" | "/hooks/payment/3pay_3pay"
  env?: Record<string, string>
}): SpecEmulator {
  const spec = {} as SpecEmulator
  const route = opts.webhookRoute ?? "/hooks/3pay"
  const env: Record<string, string> = { ...opts.env }
  beforeAll(async () => {
    spec.port = await freePort()
    spec.backendUrl = `http://localhost:${spec.port}`
    spec.emulator = await startEmulator({ seed: opts.seed, webhookUrl: `${spec.backendUrl}${route}` })
    Object.assign(env, {
      PORT: String(spec.port),
      THREEPAY_BASE_URL: spec.emulator.apiBase,
      THREEPAY_API_SECRET: spec.emulator.apiSecret,
      // Per-invoice webhook URLs go to the plugin's route; for the core
      // route, invoices carry none and the account URL is used.
      ...(route === "/hooks/3pay" ? { THREEPAY_BACKEND_URL: spec.backendUrl } : {}),
    })
    delete process.env.THREEPAY_BACKEND_URL
    Object.assign(process.env, env)
  })
  afterAll(async () => {
    await spec.emulator?.stop()
    for (const k of Object.keys(env)) delete process.env[k]
  })
  return spec
}
