import { model } from "@medusajs/framework/utils"

/**
 * Small named records the background jobs keep for the health page, e.g.
 * `reconciliation`: { last_run_at, calls, checked, changed, paid_without_webhook }.
 */
export const ThreePayJobState = model.define("threepay_job_state", {
  id: model.id({ prefix: "tpjob" }).primaryKey(),
  name: model.text().unique(),
  value: model.json().nullable(),
})
