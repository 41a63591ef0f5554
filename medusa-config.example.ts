/**
 * medusa-config.ts of a Medusa 2.21 store that takes USDT through 3PAY.
 * Copy the parts marked 3PAY into your own config.
 *
 *   THREEPAY_API_KEY          3PAY dashboard > Settings > API Keys (sandbox and live keys differ)
 *   THREEPAY_API_SECRET       3PAY dashboard > Settings > API Secret (server-side only)
 *   THREEPAY_WEBHOOK_SECRET   3PAY dashboard > Settings > Webhooks (signs every webhook)
 *   THREEPAY_ENVIRONMENT      "sandbox" (default) or "live"
 *   THREEPAY_BASE_URL         optional: API base including /api/v1 (e.g. the local emulator)
 *   MEDUSA_BACKEND_URL        public URL of this backend, for per-invoice webhooks
 *   STOREFRONT_URL            where 3PAY's payment page sends the shopper back
 *   THREEPAY_STOREFRONT_SECRET shared with an SSR storefront's server (16+ characters), which
 *                             signs the shopper's IP: see README, "3PAY's budget"
 */
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// 3PAY: one options object, used for the plugin and for the payment provider.
const threepay = {
  apiKey: process.env.THREEPAY_API_KEY!,
  apiSecret: process.env.THREEPAY_API_SECRET,
  webhookSecret: process.env.THREEPAY_WEBHOOK_SECRET,
  environment: (process.env.THREEPAY_ENVIRONMENT as "sandbox" | "live" | undefined) ?? "sandbox",
  baseUrl: process.env.THREEPAY_BASE_URL || undefined,
  networks: ["TRC20", "ERC20"],
  defaultNetwork: "TRC20",
  invoiceTimerMinutes: 30,
  // Forgiven shortfall on an invoice: at most 1 USDT and at most 1% (100 bps); the smaller wins.
  underpaymentTolerance: "1",
  underpaymentToleranceBps: 100,
  flow: "pay_first" as const,
  backendUrl: process.env.MEDUSA_BACKEND_URL,
  returnUrl: process.env.STOREFRONT_URL ? `${process.env.STOREFRONT_URL}/checkout?step=review&cart_id={cart_id}` : undefined,
  // 3PAY allows the store 20 fresh invoices per 15 minutes: one cart may create 5, one
  // shopper's client at most half of the 20.
  maxInvoicesPerCart: 5,
  clientInvoiceShare: 0.5,
  // An SSR storefront (Next.js server actions) signs the shopper's IP with this secret.
  storefrontSecret: process.env.THREEPAY_STOREFRONT_SECRET || undefined,
  // Behind your own proxy or CDN only: the header it sets with the client's IP.
  // clientIpHeader: "x-forwarded-for", clientIpHops: 1,
  // Only needed for regions not priced in USD: USDT per 1 unit of the currency.
  exchangeRates: { eur: "1.08" },
  // Emails to the shopper through Medusa's Notification Module: the payment instructions when
  // an invoice is created, the receipt when it is paid. Turn on once a notification provider
  // for the "email" channel is configured (README, "Events and emails").
  emails: { enabled: false, storeName: "Acme", render: "content" as const },
  // How much of the webhook ledger is kept (these are the defaults): deliveries 30 days, settled
  // events 90, refused deliveries as rows 7 days and at most 100 an hour per kind (the rest only
  // counted), at most 20 delivery rows per event (further repeats only counted).
  retention: { deliveryDays: 30, eventDays: 90, rejectedDays: 7, rejectedRowsPerHour: 100, deliveriesPerEvent: 20 },
  // Only if 3PAY raised your account's limits (calls per 15 minutes; default 20 / 100 / 30).
  // rateLimits: { walletGen: 20, standard: 100, financial: 30 },
  // Several Medusa instances (servers behind a load balancer and a worker, on Redis): see README,
  // "Running in production".
}

module.exports = defineConfig({
  projectConfig: {
    databaseUrl: process.env.DATABASE_URL,
    http: {
      storeCors: process.env.STORE_CORS!,
      adminCors: process.env.ADMIN_CORS!,
      authCors: process.env.AUTH_CORS!,
      jwtSecret: process.env.JWT_SECRET || "supersecret",
      cookieSecret: process.env.COOKIE_SECRET || "supersecret",
    },
  },
  // 3PAY: the plugin (webhook route, ledger, jobs, admin pages, store routes)...
  plugins: [{ resolve: "medusa-payment-3pay", options: threepay }],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        // ...and the payment provider, id "3pay": Medusa calls it pp_3pay_3pay; with id "wallet" and
        // mode "wallet", pp_3pay_wallet pays from customers' balances (enable both on your regions).
        providers: [
          { resolve: "medusa-payment-3pay/providers/3pay", id: "3pay", options: threepay },
          { resolve: "medusa-payment-3pay/providers/3pay", id: "wallet", options: { ...threepay, mode: "wallet" as const } },
        ],
      },
    },
  ],
})
