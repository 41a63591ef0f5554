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
 * A composition helper: call it inside createWorkflow, before
 * processPaymentWorkflow.runAsStep.
 */
import { acquireLockStep, authorizePaymentSessionStep, releaseLockStep } from "@medusajs/medusa/core-flows"
import { transform, type WorkflowData } from "@medusajs/framework/workflows-sdk"

export function authorizeUnderCartLock(input: WorkflowData<{ cart_id: string | null; session_id: string }>, name: string) {
  const key = transform({ input }, ({ input }) => (input.cart_id ? [input.cart_id] : []))
  acquireLockStep({ key, timeout: 45, ttl: 120, executeOnSubWorkflow: true }).config({ name: `${name}-lock-cart` })
  authorizePaymentSessionStep(transform({ input }, ({ input }) => ({ id: input.session_id, context: {} }))).config({
    name: `${name}-authorize-session`,
  })
  releaseLockStep({ key, executeOnSubWorkflow: true }).config({ name: `${name}-release-cart` })
}
