import { model } from "@medusajs/framework/utils"

/** A tier 3PAY answered 429 on: no call until `until` (at most one window away). */
export const ThreePayRateBlock = model.define("threepay_rate_block", {
  id: model.id({ prefix: "tprb" }).primaryKey(),
  key: model.text().unique(),
  until: model.dateTime(),
})
