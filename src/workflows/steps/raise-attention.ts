/**
 * Raises "needs attention" flags on an invoice, with a note on its timeline
 * (module service `raiseAttention`: flags are added, never overwritten).
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type { AttentionCode } from "../../modules/threepay/attention"
import type { LedgerSource } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"

export const raiseAttentionStep = createStep(
  "threepay-raise-attention",
  async (
    input: { transaction_id: string; flags: Array<{ code: AttentionCode; detail: string | null }>; note: string | null; source: LedgerSource },
    { container }
  ) => {
    if (!input.flags.length) return new StepResponse(false)
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    await threepay.raiseAttention(input.transaction_id, input.flags, {
      source: input.source,
      note: input.note ?? input.flags.map((f) => f.code).join(", "),
    })
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[3pay] invoice ${input.transaction_id} needs the admin's attention: ${input.note ?? input.flags.map((f) => f.code).join(", ")}`)
    return new StepResponse(true)
  }
)
