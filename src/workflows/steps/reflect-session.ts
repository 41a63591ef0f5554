/**
 * Shows the ledger's view of the cart's payment on its Medusa session
 * (status, amounts received and missing, the invoice to pay), through the
 * payment module, which asks the provider: the new data is handed over in
 * this process (lib/handoff.ts), so no other caller can write it.
 */
import { Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { HANDOFF_FIELD, issueHandoff } from "../../lib/handoff"

export const reflectSessionStep = createStep(
  "threepay-reflect-session",
  async (
    input: {
      session: { id: string; amount: string; currency_code: string }
      data: Record<string, unknown>
      status: "canceled" | null
    },
    { container }
  ) => {
    const ref = issueHandoff({ kind: "session_update", session_id: input.session.id, data: input.data })
    await container.resolve(Modules.PAYMENT).updatePaymentSession({
      id: input.session.id,
      amount: input.session.amount,
      currency_code: input.session.currency_code,
      data: { [HANDOFF_FIELD]: ref },
      ...(input.status ? { status: input.status } : {}),
    })
    return new StepResponse(input.session.id)
  }
)
