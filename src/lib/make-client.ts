/**
 * One way to build a 3PAY client from the plugin options, so the provider,
 * the module and the routes talk to 3PAY identically and draw from one
 * budget: with a database connection, the budget lives in PostgreSQL and is
 * shared by every Medusa instance (lib/budget-store.ts); without one (unit
 * tests), it is this process's.
 */
import { getSharedRateBudget, RateBudget, resolveBaseUrl, ThreePayClient, type ThreePayLogger } from "medusa-payment-3pay-client"
import { PostgresRateBudgetStore, type SqlClient } from "./budget-store"
import { tierLimitsOf, type ThreePayOptions } from "./options"

/** A rate-limit wait this short is waited out inside the call: the shopper gets the invoice, not "retry in 1 s". */
export const ABSORBED_WAIT_MS = 2_000

export function createThreePayClient(options: ThreePayOptions, logger?: ThreePayLogger, db?: SqlClient | null): ThreePayClient {
  // What 3PAY counts by: the API host (one account, one outbound IP).
  const scope = new URL(resolveBaseUrl(options.environment, options.baseUrl)).host
  return new ThreePayClient({
    apiKey: options.apiKey,
    apiSecret: options.apiSecret,
    environment: options.environment,
    baseUrl: options.baseUrl,
    timeoutMs: options.requestTimeoutMs,
    maxAbsorbedWaitMs: ABSORBED_WAIT_MS,
    budget: db ? new RateBudget({ scope, store: new PostgresRateBudgetStore(db), tiers: tierLimitsOf(options) }) : getSharedRateBudget(scope),
    logger,
  })
}
