/**
 * For the bench files that measure 3PAY's budget: the emulator at 3PAY's real
 * limits (its defaults: 20 invoice creations, 100 standard calls per 15
 * minutes) and the Medusa the runner boots pointed at it (medusa-config.ts
 * reads these variables); and a fresh budget window.
 */
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { startEmulator, type EmulatorHandle } from "medusa-payment-3pay-emulator"
import type { SqlClient } from "../../src/lib/budget-store"
import { freePort } from "../helpers/ports"

/** The storefront server's secret (the plugin's storefrontSecret) in these benches. */
export const BENCH_STOREFRONT_SECRET = "bench_storefront_secret_0123456789"

/** Register before medusaIntegrationTestRunner so that its beforeAll runs first. */
export function useRealLimitsEmulator(opts: { seed: string; webhooks: boolean; env?: Record<string, string> }) {
  const bench = {} as { emulator: EmulatorHandle; port: number }
  beforeAll(async () => {
    bench.port = await freePort()
    const backend = `http://localhost:${bench.port}`
    // Webhooks (paid invoices, wallet deposits) go to the plugin's route, or nowhere (invoices then carry no URL).
    bench.emulator = await startEmulator({ seed: opts.seed, ...(opts.webhooks ? { webhookUrl: `${backend}/hooks/3pay` } : {}) })
    for (const k of ["THREEPAY_BACKEND_URL", "THREEPAY_MAX_INVOICES_PER_VISITOR", "THREEPAY_RATE_LIMITS", "THREEPAY_CLIENT_IP_HEADER"]) delete process.env[k]
    Object.assign(process.env, {
      PORT: String(bench.port),
      THREEPAY_BASE_URL: bench.emulator.apiBase,
      THREEPAY_API_SECRET: bench.emulator.apiSecret,
      THREEPAY_STOREFRONT_SECRET: BENCH_STOREFRONT_SECRET,
      ...(opts.webhooks ? { THREEPAY_BACKEND_URL: backend } : {}),
      ...opts.env,
    })
  })
  afterAll(() => bench.emulator?.stop())
  return bench
}

/** Nothing counted any more by the plugin's budget and quotas or by 3PAY; invoices and wallets stay. */
export async function freshBudgetWindow(db: SqlClient, emulator: EmulatorHandle) {
  await db.raw(`delete from threepay_rate_call`)
  await db.raw(`delete from threepay_rate_block`)
  emulator.control.resetRateLimits()
  emulator.control.resetCalls()
  resetSharedRateBudgets()
}
