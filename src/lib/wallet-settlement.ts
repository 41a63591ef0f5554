/**
 * Runs the cart settlements a customer's balance allows, one workflow run
 * each (settle-wallet-cart.ts): the shopper's own cart, or one waiting cart
 * per new deposit, oldest deposit first. A run that fails (Medusa could not
 * make the order) released its hold; the failure is recorded on the cart
 * by its own workflow, and the deposit stays open for the next try
 * (reconciliation), until the cart's tries are used up.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import { recordWalletSettleFailureWorkflow, settleWalletCartWorkflow, type SettleWalletCartInput } from "../workflows/settle-wallet-cart"

export type WalletSettleReport = { orders: string[]; errors: string[] }

const MAX_RUNS = 10

export async function settleWalletCarts(
  container: MedusaContainer,
  customerId: string,
  opts: { source: SettleWalletCartInput["source"]; checkout_id?: string }
): Promise<WalletSettleReport> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const report: WalletSettleReport = { orders: [], errors: [] }
  const runs: SettleWalletCartInput[] = []
  if (opts.checkout_id) runs.push({ customer_id: customerId, checkout_id: opts.checkout_id, source: opts.source })
  else {
    const triggers = await threepay.listThreePayWalletEntries(
      { customer_id: customerId, trigger_open: true },
      { order: { created_at: "ASC" }, take: MAX_RUNS, select: ["id"] }
    )
    for (const t of triggers) runs.push({ customer_id: customerId, trigger_entry_id: t.id, source: opts.source })
  }
  for (const input of runs) {
    try {
      const { result } = await settleWalletCartWorkflow(container).run({ input })
      if (result.order_id && result.applied) report.orders.push(result.order_id)
    } catch (e) {
      const message = String((e as Error)?.message ?? e)
      report.errors.push(message)
      // The compensation released the hold it wrote: its release names the cart that failed.
      const [last] = await threepay.listThreePayWalletEntries({ customer_id: customerId }, { order: { created_at: "DESC" }, take: 1 })
      if (last?.kind === "release" && last.checkout_id) {
        await recordWalletSettleFailureWorkflow(container).run({ input: { checkout_id: last.checkout_id, message } })
      }
      container.resolve(ContainerRegistrationKeys.LOGGER).warn(`[3pay] paying a cart of customer ${customerId} from the balance failed: ${message}`)
    }
  }
  return report
}
