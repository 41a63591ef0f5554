import { model } from "@medusajs/framework/utils"

/**
 * 3PAY's call budget, shared by every Medusa instance of the store (they
 * share one outbound IP, one 3PAY account, one budget). One row per call
 * counted against a tier (`kind` "call"), per per-cart or per-client invoice
 * slot ("quota"), and per moment a call was refused or made to wait
 * ("refused", "waited"), with who spent it. Written by
 * lib/budget-store.ts under a PostgreSQL advisory lock per key; rows older
 * than two windows are pruned as it goes.
 */
export const ThreePayRateCall = model
  .define("threepay_rate_call", {
    id: model.id({ prefix: "tprc" }).primaryKey(),
    key: model.text(),
    at: model.dateTime(),
    kind: model.enum(["call", "quota", "refused", "waited"]),
    purpose: model.text().default("other"),
    wait_ms: model.number().nullable(),
  })
  .indexes([{ on: ["key", "at"] }])
