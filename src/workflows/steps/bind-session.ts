/**
 * Notes on the invoice which payment session shows it: the admin's timeline
 * and the storefront's status then follow the session Medusa will authorize.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export const bindSessionStep = createStep(
  "threepay-bind-session",
  async (input: { transaction_id: string; session_id: string; reused: boolean }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    await threepay.noteOnInvoice(
      input.transaction_id,
      { source: "checkout", note: `${input.reused ? "reused" : "shown"} in payment session ${input.session_id}` },
      { payment_session_id: input.session_id }
    )
    return new StepResponse(input.session_id)
  }
)
