/**
 * Every hour (THREEPAY_PRUNE_SCHEDULE to change it): keeps the webhook ledger
 * bounded by the `retention` options (modules/threepay/retention.ts): old
 * delivery rows, refused ones sooner, applied or ignored events, old hourly
 * tallies. Events still pending, failed or dead are never pruned. Deletes in
 * bounded batches; a backlog is worked off over the next runs.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"

export default async function pruneThreePayLedger(container: MedusaContainer) {
  if (process.env.THREEPAY_DISABLE_JOBS === "true") return
  const report = await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).pruneWebhookLedger()
  const removed = report.deliveries + report.refused + report.events + report.tallies
  if (removed) {
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .info(
        `[3pay] ledger retention: removed ${report.deliveries + report.refused} delivery row(s), ${report.events} event(s), ` +
          `${report.tallies} hourly count(s)${report.more ? "; more next run" : ""}`
      )
  }
}

export const config = {
  name: "threepay-prune-ledger",
  schedule: process.env.THREEPAY_PRUNE_SCHEDULE || "17 * * * *",
}
