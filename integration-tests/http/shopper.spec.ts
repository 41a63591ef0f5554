/**
 * What a shopper meets, on one real Medusa and PostgreSQL with the emulator
 * playing 3PAY over HTTP (webhooks to the plugin's /hooks/3pay): the store
 * routes and the payment step, money rules, 3PAY's call budget, the emails,
 * and customer wallets. One Medusa boot for all of them (each boot costs
 * about 20 s on CI's machine); the cases live in *.cases.ts beside this file,
 * and the database is restored from the runner's template before each test.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { useSpecEmulator } from "../helpers/emulator"
import { budgetCases } from "./budget.cases"
import { emailsCases } from "./emails.cases"
import { lostOrderCases } from "./lost-order.cases"
import { moneyCases } from "./money.cases"
import { storefrontCases } from "./storefront.cases"
import { walletsCases } from "./wallets.cases"

jest.setTimeout(240_000)

const spec = useSpecEmulator({
  seed: "shopper-spec",
  // emails.cases.ts reads the emails; the other cases do not mind them.
  env: { THREEPAY_EMAILS: "true", THREEPAY_STOREFRONT_SECRET: "test_storefront_secret_0123456789" },
})

medusaIntegrationTestRunner({
  testSuite: (runner) => {
    describe("store routes and the payment step", () => storefrontCases(runner, spec))
    describe("money", () => moneyCases(runner, spec))
    describe("a lost order (complete-cart cut half-way)", () => lostOrderCases(runner, spec))
    describe("3PAY's call budget", () => budgetCases(runner, spec))
    describe("events and emails", () => emailsCases(runner, spec))
    describe("customer wallets", () => walletsCases(runner, spec))
  },
})
