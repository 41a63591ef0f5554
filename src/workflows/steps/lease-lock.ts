/**
 * The plugin's workflow locks, as leases (src/lib/lease.ts): taken with a
 * short expiry and renewed while the workflow runs, so a holder killed
 * half-way frees the lock within LOCK_LEASE_SECONDS instead of Medusa's
 * acquireLockStep TTL. Like acquireLockStep with executeOnSubWorkflow, it
 * also holds when the workflow runs as a step of another one. The release
 * never throws: after processPaymentWorkflow nothing may fail (see
 * sync-invoice.ts), and a lease not given back lapses by itself.
 */
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { acquireLease, releaseLease, type Lease } from "../../lib/lease"

export const acquireLeaseStep = createStep(
  "threepay-acquire-lease",
  async (input: { key: string | string[]; timeout: number }, { container }) => {
    const keys = (Array.isArray(input.key) ? input.key : [input.key]).filter(Boolean)
    if (!keys.length) return new StepResponse<Lease | null>(null, null)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const lease = await acquireLease(container.resolve(Modules.LOCKING), keys, { timeoutSeconds: input.timeout, logger })
    return new StepResponse<Lease | null>(lease, lease)
  },
  async (lease, { container }) => {
    if (lease) await releaseLease(container.resolve(Modules.LOCKING), lease, container.resolve(ContainerRegistrationKeys.LOGGER))
  }
)

export const releaseLeaseStep = createStep("threepay-release-lease", async (lease: Lease | null, { container }) => {
  if (lease) await releaseLease(container.resolve(Modules.LOCKING), lease, container.resolve(ContainerRegistrationKeys.LOGGER))
  return new StepResponse(!!lease)
})
