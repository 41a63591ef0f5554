/**
 * One way to build a 3PAY client from the plugin options, so the provider,
 * the module and the routes talk to 3PAY identically (and share one budget).
 */
import { ThreePayClient } from "medusa-payment-3pay-client"
import type { ThreePayLogger } from "medusa-payment-3pay-client"
import type { ThreePayOptions } from "./options"

export function createThreePayClient(options: ThreePayOptions, logger?: ThreePayLogger): ThreePayClient {
  return new ThreePayClient({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    environment: options.environment,
    baseUrl: options.baseUrl,
    timeoutMs: options.requestTimeoutMs,
    logger,
  })
}
