/**
 * An open invoice of this cart for another amount can no longer be right (the
 * cart changed): cancel it at 3PAY so nobody pays it by mistake. Invoices for
 * the same amount on the other network stay: the shopper may switch back.
 * Best effort: a failure here is logged and retried on the next checkout.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ThreePayValidationError } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export async function supersedeInvoices(
  threepay: ThreePayModuleService,
  rows: Array<{ id: string; transaction_id: string }>,
  reason: string,
  log: (m: string) => void
): Promise<string[]> {
  const done: string[] = []
  for (const row of rows) {
    try {
      await threepay.getClient().cancelInvoice(row.transaction_id, { reserve: 10 })
    } catch (e) {
      // Already final at 3PAY (paid, expired): nothing to cancel, and it is
      // not marked superseded; reconciliation records what really happened.
      if (!(e instanceof ThreePayValidationError)) {
        log(`[3pay] could not cancel stale invoice ${row.transaction_id}: ${(e as Error).message}`)
      }
      continue
    }
    await threepay.updateThreePayInvoices({ id: row.id, superseded_at: new Date(), superseded_reason: reason })
    done.push(row.transaction_id)
  }
  return done
}

export const supersedeStaleInvoicesStep = createStep(
  "threepay-supersede-stale-invoices",
  async (input: { cart_id: string | null; amount_usdt: string }, { container }) => {
    if (!input.cart_id) return new StepResponse([] as string[])
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    const open = await threepay.listThreePayInvoices(
      { cart_id: input.cart_id, status: ["initiated"], superseded_at: null },
      { take: 50 }
    )
    const stale = open.filter((r) => r.amount_usdt !== input.amount_usdt)
    const done = await supersedeInvoices(threepay, stale, "amount_changed", (m) => logger.warn(m))
    return new StepResponse(done)
  }
)
