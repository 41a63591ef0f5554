/**
 * What a store owner and 3PAY meet, on one real Medusa and PostgreSQL with the
 * emulator playing 3PAY over HTTP (webhooks to the plugin's /hooks/3pay): the
 * admin API, the webhook pipeline (intake, ledger, subscriber, retries,
 * reconciliation) with a previous webhook secret during rotation, and the
 * ledger's retention. One Medusa boot for all of them; the cases live in
 * *.cases.ts beside this file.
 */
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { useSpecEmulator } from "../helpers/emulator"
import { adminCases } from "./admin.cases"
import { refundsCases } from "./refunds.cases"
import { retentionCases } from "./retention.cases"
import { webhookPipelineCases } from "./webhook-pipeline.cases"

jest.setTimeout(180_000)

const spec = useSpecEmulator({ seed: "operator-spec", env: { THREEPAY_PREVIOUS_WEBHOOK_SECRET: "previous_webhook_secret" } })

medusaIntegrationTestRunner({
  testSuite: (runner) => {
    describe("admin API", () => adminCases(runner, spec))
    describe("webhook pipeline", () => webhookPipelineCases(runner, spec))
    describe("retention", () => retentionCases(runner))
    describe("refunds", () => refundsCases(runner, spec))
  },
})
