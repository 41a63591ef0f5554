import { model } from "@medusajs/framework/utils"

/**
 * What the store owner set on the admin's 3PAY settings page. One row. The
 * options in medusa-config.ts are the defaults and the outer bounds: a network
 * the options do not enable cannot be switched on here.
 */
export const ThreePaySettings = model.define("threepay_settings", {
  id: model.id({ prefix: "tpset" }).primaryKey(),
  enabled_networks: model.array().nullable(),
  default_network: model.text().nullable(),
  invoice_timer_minutes: model.number().nullable(),
  /** Absolute cap of the tolerance, USDT. */
  underpayment_tolerance: model.text().nullable(),
  /** Relative tolerance, basis points of the amount due (the smaller of the two wins). */
  underpayment_tolerance_bps: model.number().nullable(),
  flow: model.text().nullable(),
  updated_by: model.text().nullable(),
})
