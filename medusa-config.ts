/**
 * The Medusa app the integration tests boot from this folder (the plugin's
 * source is loaded as the project). Not shipped. Store owners: see
 * medusa-config.example.ts.
 */
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "test", process.cwd())

process.env.THREEPAY_DISABLE_JOBS ??= "true"

const threepay = {
  apiKey: process.env.THREEPAY_API_KEY || "emu_test_key",
  apiSecret: process.env.THREEPAY_API_SECRET || undefined,
  webhookSecret: process.env.THREEPAY_WEBHOOK_SECRET || "emu_webhook_secret",
  previousWebhookSecret: process.env.THREEPAY_PREVIOUS_WEBHOOK_SECRET || undefined,
  environment: (process.env.THREEPAY_ENVIRONMENT as "sandbox" | "live" | undefined) || "sandbox",
  baseUrl: process.env.THREEPAY_BASE_URL || "http://127.0.0.1:4010/api/v1",
  backendUrl: process.env.THREEPAY_BACKEND_URL || undefined,
  returnUrl: process.env.THREEPAY_RETURN_URL || undefined,
  exchangeRates: { eur: "1.08" },
  // integration-tests/http/shopper.spec.ts turns the emails on (sent through the local provider below).
  emails: process.env.THREEPAY_EMAILS === "true" ? { enabled: true, storeName: "3PAY test store" } : undefined,
  // The tolerance: 1 % of the amount due, at most 2 USDT (also the bounds of the admin settings).
  underpaymentTolerance: "2",
  underpaymentToleranceBps: 100,
  // The bench lifts the per-client quota (THREEPAY_MAX_INVOICES_PER_VISITOR=20: the whole budget).
  clientInvoiceShare: process.env.THREEPAY_MAX_INVOICES_PER_VISITOR ? Number(process.env.THREEPAY_MAX_INVOICES_PER_VISITOR) / 20 : undefined,
  storefrontSecret: process.env.THREEPAY_STOREFRONT_SECRET || "test_storefront_secret_0123456789",
  // The budget bench plays the store's own proxy (THREEPAY_CLIENT_IP_HEADER=x-forwarded-for).
  clientIpHeader: process.env.THREEPAY_CLIENT_IP_HEADER || undefined,
  // The bench raises 3PAY's limits (the emulator's are off there), e.g. {"walletGen":100000,"standard":100000}.
  rateLimits: process.env.THREEPAY_RATE_LIMITS ? JSON.parse(process.env.THREEPAY_RATE_LIMITS) : undefined,
  // Customer wallets (integration-tests/http/wallets.cases.ts).
  wallets: { enabled: true },
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: "*",
      adminCors: "*",
      authCors: "*",
      jwtSecret: "supersecret",
      cookieSecret: "supersecret",
    },
  },
  admin: { disable: true },
  modules: [
    { resolve: "./src/modules/threepay", options: threepay },
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        providers: [
          { resolve: "./src/providers/3pay", id: "3pay", options: threepay },
          // The same provider again, paying from customers' balances: pp_3pay_wallet.
          { resolve: "./src/providers/3pay", id: "wallet", options: { ...threepay, mode: "wallet" as const } },
        ],
      },
    },
    {
      // Medusa's default ("feed" for the admin), plus the "email" channel for the plugin's emails.
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Local feed", channels: ["feed"] } },
          { resolve: "@medusajs/medusa/notification-local", id: "local-email", options: { name: "Local email", channels: ["email"] } },
        ],
      },
    },
  ],
})
