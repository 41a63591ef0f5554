/**
 * Creates the 3PAY payment session of a payment collection for an invoice the
 * plugin already holds, through Medusa's own workflow (which also deletes the
 * collection's other sessions). Used where no storefront request goes through
 * the store route's middleware: invoice renewal, and a paid invoice whose
 * session was deleted.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { createPaymentSessionsWorkflow } from "@medusajs/medusa/core-flows"
import { handoffSessionData } from "./checkout-handoff"
import { THREEPAY_PROVIDER_ID } from "medusa-payment-3pay-client/store-api"

export async function createHandoffSession(
  container: MedusaContainer,
  paymentCollectionId: string,
  network: string,
  token: string
): Promise<{ id: string; amount: unknown }> {
  const { result } = await createPaymentSessionsWorkflow(container).run({
    input: {
      payment_collection_id: paymentCollectionId,
      provider_id: THREEPAY_PROVIDER_ID,
      data: handoffSessionData(network, token),
    },
  })
  return result as { id: string; amount: unknown }
}
