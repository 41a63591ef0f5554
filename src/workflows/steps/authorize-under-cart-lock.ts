/**
 * Authorizes a payment session under its cart's lock, the lock Medusa's
 * complete-cart takes, before the caller runs processPaymentWorkflow.
 *
 * Why: processPaymentWorkflow skips its own cart lock when it runs as a step
 * of another workflow (its acquireLockStep has no executeOnSubWorkflow), so a
 * shopper's `complete` at the same instant would authorize the same session
 * too, and one of the two would fail with "Payment with payment_session_id ...
 * already exists" (a 400 for the shopper, and a compensation). Under the lock
 * the second one finds the payment made (authorization is idempotent once a
 * payment exists); processPaymentWorkflow then captures it, and the cart's
 * completion (its own run, under the lock) finds or makes the one order.
 *
 * Under the same lock, first: a cart linked to an order that does not exist
 * (a complete-cart cut half-way, steps/find-lost-order.ts) loses that link,
 * so processPaymentWorkflow completes the cart into its one order instead of
 * capturing the payment of an order nobody will ever see. Returns what was
 * repaired.
 *
 * A composition helper: call it inside createWorkflow, before
 * processPaymentWorkflow.runAsStep.
 */
import { authorizePaymentSessionStep, dismissRemoteLinkStep } from "@medusajs/medusa/core-flows"
import { transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"
import { findLostOrderStep } from "./find-lost-order"
import { acquireLeaseStep, releaseLeaseStep } from "./lease-lock"

export function authorizeUnderCartLock(input: WorkflowData<{ cart_id: string | null; session_id: string }>, name: string) {
  const key = transform({ input }, ({ input }) => (input.cart_id ? [input.cart_id] : []))
  // A lease (steps/lease-lock.ts): a holder killed here frees the cart within seconds.
  const lease = acquireLeaseStep({ key, timeout: 45 }).config({ name: `${name}-lock-cart` })
  const lost = findLostOrderStep(transform({ input }, ({ input }) => ({ cart_id: input.cart_id }))).config({ name: `${name}-find-lost-order` })
  // Medusa's step: removes the links, and re-creates them if the workflow is compensated.
  dismissRemoteLinkStep(transform({ lost }, ({ lost }) => lost.links)).config({ name: `${name}-unlink-lost-order` })
  authorizePaymentSessionStep(transform({ input }, ({ input }) => ({ id: input.session_id, context: {} }))).config({
    name: `${name}-authorize-session`,
  })
  releaseLeaseStep(lease).config({ name: `${name}-release-cart` })
  return lost
}
