/**
 * After Medusa's processPaymentWorkflow: reads whether the cart is an order
 * with its payment captured, and records it on the ledger (order, when, what
 * was captured in USDT, the excess over it). It never throws: a failure here
 * would make Medusa cancel the payment it just captured. If the order is not
 * there yet (stock, a lock), it says so, and the caller retries later.
 */
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import { quoteUsdt } from "../../lib/amounts"
import { loadCollectionState } from "../../lib/collection-state"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { clearedWhenPaidPatch, notePatch, type LedgerInvoice, type LedgerSource } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"

export type SettlementResult = {
  applied: boolean
  order_id: string | null
  outcome: string
  row: LedgerInvoice | null
  /** Other open invoices of the cart, to cancel at 3PAY now that it is paid. */
  open_transaction_ids: string[]
}

export const recordSettlementStep = createStep(
  "threepay-record-settlement",
  async (
    input: {
      transaction_id: string
      collection_id: string
      session_id: string
      received_usdt: string
      source: LedgerSource
      /** The cart was linked to this order, which did not exist; the link was removed before the settlement. */
      lost_order_id?: string | null
    },
    { container }
  ) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
    try {
      const after = await loadCollectionState(container, input.collection_id)
      if (!after?.order || !after.captured.length) {
        const outcome = after?.order
          ? `order ${after.order.id} exists but its payment is not captured yet`
          : `the payment was taken but cart ${after?.cart?.id ?? "?"} could not be completed into an order yet`
        return new StepResponse<SettlementResult>({ applied: false, order_id: after?.order?.id ?? null, outcome, row: null, open_transaction_ids: [] })
      }
      const captured = quoteUsdt(after.amount, after.currency_code, threepay.getOptions().exchangeRates).usdt
      const excess = toMicro(input.received_usdt, "down") - toMicro(captured, "down")
      const excessText = fromMicro(excess > 0n ? excess : 0n)
      const patch = {
        order_id: after.order.id,
        applied_at: new Date(),
        payment_session_id: input.session_id,
        captured_usdt: captured,
        orphan: false,
      }
      const note = input.lost_order_id
        ? `applied to order ${after.order.id} (its cart was linked to order ${input.lost_order_id}, which did not exist: link removed, cart completed again)`
        : `applied to order ${after.order.id}`
      const row =
        excess > 0n
          ? await threepay.raiseAttention(
              input.transaction_id,
              [{ code: "overpaid", detail: `${excessText} USDT more than the ${captured} USDT captured` }],
              { source: input.source, note },
              { ...patch, amount_excess: excessText }
            )
          : await threepay.noteOnInvoice(input.transaction_id, { source: input.source, note }, patch)
      const cartInvoices = after.cart ? await threepay.listCartInvoices(after.cart.id) : []
      for (const other of cartInvoices) {
        if (other.transaction_id === input.transaction_id || other.order_id) continue
        // An earlier partial payment of this cart is settled too: its "underpaid" is no longer a problem.
        await threepay.mutateInvoice(other.transaction_id, (r) => ({
          order_id: after.order!.id,
          ...clearedWhenPaidPatch(r),
          ...notePatch(r, { source: input.source, note: `its cart became order ${after.order!.id}` }),
        }))
      }
      return new StepResponse<SettlementResult>({
        applied: true,
        order_id: after.order.id,
        outcome: `order ${after.order.id}`,
        row,
        open_transaction_ids: cartInvoices
          .filter((i) => i.transaction_id !== input.transaction_id && i.status === "initiated" && i.amount_received === "0" && !i.superseded_at)
          .map((i) => i.transaction_id),
      })
    } catch (e) {
      logger.warn(`[3pay] could not record the settlement of invoice ${input.transaction_id}: ${(e as Error).message}`)
      return new StepResponse<SettlementResult>({ applied: false, order_id: null, outcome: `not recorded: ${(e as Error).message}`, row: null, open_transaction_ids: [] })
    }
  }
)
