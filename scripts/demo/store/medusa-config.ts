/**
 * medusa-config.ts of the demo store (`npm run demo` copies it to
 * .demo/store). It is medusa-config.example.ts with the values the demo
 * passes in the environment: the local 3PAY emulator's keys and URLs, the
 * demo's ports, and plain-http cookies. Nothing here depends on a port, so
 * the admin build is reused whatever ports a run picks.
 */
import { defineConfig, loadEnv } from "@medusajs/framework/utils"

loadEnv(process.env.NODE_ENV || "development", process.cwd())

// 3PAY: one options object, used for the plugin and for the payment provider.
const threepay = {
  apiKey: process.env.THREEPAY_API_KEY!,
  apiSecret: process.env.THREEPAY_API_SECRET || undefined,
  webhookSecret: process.env.THREEPAY_WEBHOOK_SECRET || undefined,
  environment: "sandbox" as const,
  // The emulator, e.g. http://127.0.0.1:4010/api/v1
  baseUrl: process.env.THREEPAY_BASE_URL || undefined,
  networks: ["TRC20", "ERC20"],
  defaultNetwork: "TRC20",
  invoiceTimerMinutes: 30,
  flow: "pay_first" as const,
  // Each invoice carries webhookUrl = <backendUrl>/hooks/3pay. (Not
  // MEDUSA_BACKEND_URL: Medusa would also bake that into the admin build.)
  backendUrl: process.env.THREEPAY_BACKEND_URL || undefined,
  // Where the emulator's payment page sends the shopper back: the demo's
  // checkout page, or the storefront given with `npm run demo -- --return-url`.
  returnUrl:
    process.env.THREEPAY_RETURN_URL ||
    (process.env.STOREFRONT_URL ? `${process.env.STOREFRONT_URL}/checkout?cart_id={cart_id}` : undefined),
  // The payment-instructions and payment-received emails, through the
  // notification provider below (the demo's "Sent emails" page shows them).
  emails: { enabled: true, storeName: "the 3PAY demo store" },
  // An SSR storefront's signed client IP (THREEPAY_STOREFRONT_SECRET; see the README's Next.js guide, step 5).
  storefrontSecret: process.env.THREEPAY_STOREFRONT_SECRET || undefined,
  // Customers' own USDT addresses and balance (README, "Customer wallets"), with the provider entry "wallet" below.
  wallets: { enabled: true },
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
    // `medusa start` runs with NODE_ENV=production, where the session cookie
    // is `secure` and a browser drops it over plain http: the admin login
    // would "succeed" and every admin call then answer 401. The demo is http.
    cookieOptions: { secure: false },
  },
  // The dashboard calls the API on its own origin, whichever host and port
  // the demo runs on (so one admin build serves every run).
  admin: { backendUrl: "/" },
  plugins: [{ resolve: "medusa-payment-3pay", options: threepay }],
  modules: [
    {
      resolve: "@medusajs/medusa/payment",
      options: {
        // Medusa calls this provider pp_3pay_3pay, and the second one (paying from a customer's balance) pp_3pay_wallet.
        providers: [
          { resolve: "medusa-payment-3pay/providers/3pay", id: "3pay", options: threepay },
          { resolve: "medusa-payment-3pay/providers/3pay", id: "wallet", options: { ...threepay, mode: "wallet" as const } },
        ],
      },
    },
    {
      // Medusa's local notification provider records emails instead of
      // sending them. A real store puts an email provider here (SendGrid,
      // Resend, SMTP...) on the "email" channel.
      resolve: "@medusajs/medusa/notification",
      options: {
        providers: [
          { resolve: "@medusajs/medusa/notification-local", id: "local", options: { name: "Admin feed", channels: ["feed"] } },
          { resolve: "@medusajs/medusa/notification-local", id: "local-email", options: { name: "Emails (recorded, not sent)", channels: ["email"] } },
        ],
      },
    },
  ],
})
