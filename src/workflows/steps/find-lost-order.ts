/**
 * A cart linked to an order that does not exist: what a cut database
 * connection in the middle of Medusa's complete-cart can leave (seen in the
 * chaos run). complete-cart creates the order, then links it to the cart and
 * the payment collection; when a later step fails, its compensation deletes
 * the order, and if the connection is cut while the links are being
 * dismissed, the cart keeps a link to an order that is gone. Medusa then
 * treats the cart as completed (complete-cart and processPaymentWorkflow
 * both look only at the link) and never makes its order, while the payment
 * can still be captured.
 *
 * This step finds those links (the cart's, and the lost order's payment
 * collection link) for Medusa's dismissRemoteLinkStep, which removes them
 * and re-creates them if the workflow is compensated. Run it under the
 * cart's lock (steps/authorize-under-cart-lock.ts): complete-cart holds that
 * lock for its whole run, so a link seen there is not one being written.
 *
 * A cart marked completed with no link at all needs nothing here: Medusa's
 * complete-cart ignores `completed_at` and makes the order.
 */
import type { LinkDefinition } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { cartOrderLink } from "../../lib/collection-state"

export type LostOrder = { order_id: string | null; links: LinkDefinition[] }

export const findLostOrderStep = createStep("threepay-find-lost-order", async (input: { cart_id: string | null }, { container }) => {
  const none = new StepResponse<LostOrder>({ order_id: null, links: [] })
  if (!input.cart_id) return none
  const link = await cartOrderLink(container, input.cart_id)
  if (!link || link.order) return none
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "order_payment_collection",
    fields: ["payment_collection_id"],
    filters: { order_id: link.order_id },
  })
  const links: LinkDefinition[] = [
    { [Modules.ORDER]: { order_id: link.order_id }, [Modules.CART]: { cart_id: input.cart_id } },
    ...(data as Array<{ payment_collection_id: string }>).map((r) => ({
      [Modules.ORDER]: { order_id: link.order_id },
      [Modules.PAYMENT]: { payment_collection_id: r.payment_collection_id },
    })),
  ]
  container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .warn(`[3pay] cart ${input.cart_id} is linked to order ${link.order_id}, which does not exist: removing the link so the cart can be completed`)
  return new StepResponse<LostOrder>({ order_id: link.order_id, links })
})
