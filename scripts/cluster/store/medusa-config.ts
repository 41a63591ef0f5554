/**
 * medusa-config.ts of the cluster test store (scripts/cluster/host-app.mjs
 * copies it next to the packed plugin, as a store owner installs it). One
 * file for every process: each one picks its role from MEDUSA_WORKER_MODE
 * ("server": HTTP only; "worker": subscribers and scheduled jobs, no HTTP
 * routes; "shared": both, a single-process store). The README's "Running in
 * production" section shows this file; a unit test keeps the two equal.
 */
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

const REDIS_URL = process.env.REDIS_URL!

// 3PAY: one options object, used for the plugin and for the payment provider.
const threepay = {
  apiKey: process.env.THREEPAY_API_KEY!,
  apiSecret: process.env.THREEPAY_API_SECRET || undefined,
  webhookSecret: process.env.THREEPAY_WEBHOOK_SECRET || undefined,
  environment: (process.env.THREEPAY_ENVIRONMENT as "sandbox" | "live" | undefined) ?? "sandbox",
  baseUrl: process.env.THREEPAY_BASE_URL || undefined,
  // Behind a load balancer: the URL 3PAY posts webhooks to, whichever instance answers...
  backendUrl: process.env.THREEPAY_BACKEND_URL || undefined,
  // ...and the shopper's IP is the one the balancer appends to X-Forwarded-For (the invoice quotas count by it).
  clientIpHeader: "x-forwarded-for",
  // Only for an account whose limits 3PAY raised (the tests: the emulator, limits off), e.g. {"walletGen":1000}.
  rateLimits: process.env.THREEPAY_RATE_LIMITS ? JSON.parse(process.env.THREEPAY_RATE_LIMITS) : undefined,
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    redisUrl: REDIS_URL,
    workerMode: (process.env.MEDUSA_WORKER_MODE as "shared" | "worker" | "server" | undefined) ?? "shared",
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET!,
      cookieSecret: process.env.COOKIE_SECRET!,
    },
  },
  // The worker serves no admin; the tests run no admin build at all.
  admin: { disable: process.env.DISABLE_MEDUSA_ADMIN === "true" },
  plugins: [{ resolve: "medusa-payment-3pay", options: threepay }],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [{ resolve: "medusa-payment-3pay/providers/3pay", id: "3pay", options: threepay }],
      },
    },
    // Events go through Redis: a webhook recorded by any server is applied by the worker,
    // several at a time (Medusa's default is one).
    { resolve: "@medusajs/medusa/event-bus-redis", options: { redisUrl: REDIS_URL, workerOptions: { concurrency: 8 } } },
    // Workflow executions and scheduled jobs are coordinated in Redis (a job runs once per tick).
    { resolve: "@medusajs/medusa/workflow-engine-redis", options: { redis: { redisUrl: REDIS_URL } } },
    // One lock space for every instance: per invoice, per payment collection, reconciliation.
    {
      resolve: "@medusajs/medusa/locking",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/locking-redis", id: "locking-redis", is_default: true, options: { redisUrl: REDIS_URL } },
        ],
      },
    },
    {
      resolve: "@medusajs/medusa/caching",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/caching-redis", id: "caching-redis", is_default: true, options: { redisUrl: REDIS_URL } },
        ],
      },
    },
  ],
})
