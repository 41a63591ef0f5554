/**
 * The refund as Medusa records it, kept true to what happened at 3PAY:
 *
 * - Recorded once 3PAY accepted the withdrawal (pending_review, approved or
 *   completed), through Medusa's own refundPaymentWorkflow. That workflow
 *   calls the provider's refundPayment, which must not send anything again:
 *   the plan step hands the accepted refund over (lib/handoff.ts), and the
 *   provider returns when it takes it.
 * - Only the part of the refund that Medusa captured is a Medusa refund: the
 *   overpayment excess is refunded first (refund-rules.ts `capturedPartOf`),
 *   converted at the invoice's exchange rate, capped at what Medusa still
 *   holds as captured.
 * - Corrected when the withdrawal is rejected or fails: the Medusa refund and
 *   its order transaction are deleted (the order again shows the amount
 *   as owed), and the invoice is flagged for the admin.
 */
import { ContainerRegistrationKeys, MathBN, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { MedusaContainer } from "@medusajs/framework/types"
import { issueHandoff } from "../../lib/handoff"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type { LedgerInvoice } from "../../modules/threepay/ledger"
import { ACCEPTED_REFUND_STATUSES, capturedPartOf, isVoidRefund } from "../../modules/threepay/refund-rules"
import { refundHistoryPatch, type RefundRow } from "../../modules/threepay/refund-rows"
import type ThreePayModuleService from "../../modules/threepay/service"

/** bignumber.js ROUND_DOWN: never more back than was captured. */
const ROUND_DOWN = 1

export type MedusaRefundPlan = {
  refund_id: string
  payment_id: string
  /** In the order's currency; null: nothing to record in Medusa. */
  amount: string | null
  note: string
  created_by: string | undefined
}

/** The tag in a Medusa refund's note that names our refund (how the attach step finds it). */
export const medusaRefundTag = (refundId: string) => `[3PAY refund ${refundId}]`

async function paymentFacts(container: MedusaContainer, paymentId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "payment",
    fields: ["id", "data", "captures.raw_amount", "refunds.raw_amount", "refunds.id", "refunds.note"],
    filters: { id: paymentId },
  })
  return data[0] as
    | {
        data?: Record<string, unknown> | null
        captures?: Array<{ raw_amount: unknown }>
        refunds?: Array<{ id: string; raw_amount: unknown; note?: string | null }>
      }
    | undefined
}

export const planMedusaRefundStep = createStep("threepay-plan-medusa-refund", async (input: { refund_id: string }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const [row] = (await threepay.listThreePayRefunds({ id: input.refund_id }, { take: 1 })) as RefundRow[]
  const skip = (why: string): StepResponse<MedusaRefundPlan> =>
    new StepResponse({ refund_id: input.refund_id, payment_id: row?.payment_id ?? "", amount: null, note: why, created_by: undefined })
  if (!row || row.medusa_amount !== null || !ACCEPTED_REFUND_STATUSES.includes(row.status)) return skip("nothing to record")
  const [invoice] = (await threepay.listThreePayInvoices({ transaction_id: row.transaction_id }, { take: 1 })) as LedgerInvoice[]
  const before = (await threepay.listPaymentRefunds(row.payment_id))
    .filter((r) => r.id !== row.id && !isVoidRefund(r.status) && new Date(r.created_at as unknown as string) <= new Date(row.created_at as unknown as string))
    .reduce((sum, r) => MathBN.add(sum, r.amount), MathBN.convert(0))
  const capturedUsdt = capturedPartOf(row.amount, before.toFixed(6), invoice?.amount_excess ?? "0")
  const payment = await paymentFacts(container, row.payment_id)
  const captured = (payment?.captures ?? []).reduce((s, c) => MathBN.add(s, c.raw_amount as never), MathBN.convert(0))
  const refunded = (payment?.refunds ?? []).reduce((s, r) => MathBN.add(s, r.raw_amount as never), MathBN.convert(0))
  const left = MathBN.sub(captured, refunded)
  let amount = MathBN.convert(capturedUsdt).div(MathBN.convert(row.exchange_rate)).decimalPlaces(6, ROUND_DOWN)
  if (amount.gt(left)) amount = left
  if (!amount.gt(0)) {
    await threepay.mutateRefund(row.id, (r) =>
      r.medusa_amount === null ? { medusa_amount: "0", ...refundHistoryPatch(r, r.status, "all of it was overpaid USDT, never captured in Medusa: no Medusa refund") } : null
    )
    return skip("overpayment only")
  }
  const transactionId = typeof payment?.data?.transaction_id === "string" ? payment.data.transaction_id : row.transaction_id
  issueHandoff({ kind: "refund", transaction_id: transactionId, refund_id: row.id })
  const actorId = row.created_by?.includes(":") ? row.created_by.split(":")[1] : undefined
  return new StepResponse<MedusaRefundPlan>({
    refund_id: row.id,
    payment_id: row.payment_id,
    amount: amount.toFixed(),
    note: `${medusaRefundTag(row.id)} ${row.amount} USDT to ${row.address} (${row.network})${row.note ? `: ${row.note}` : ""}`.slice(0, 1000),
    created_by: actorId,
  })
})

export const attachMedusaRefundStep = createStep("threepay-attach-medusa-refund", async (plan: MedusaRefundPlan, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const payment = await paymentFacts(container, plan.payment_id)
  const medusa = (payment?.refunds ?? []).find((r) => r.note?.startsWith(medusaRefundTag(plan.refund_id)))
  const row = await threepay.mutateRefund(plan.refund_id, (r) =>
    r.medusa_refund_id
      ? null
      : {
          medusa_refund_id: medusa?.id ?? null,
          medusa_amount: plan.amount,
          ...refundHistoryPatch(r, r.status, `recorded in Medusa: refund ${medusa?.id ?? "?"} of ${plan.amount} ${r.currency_code.toUpperCase()}`),
        }
  )
  return new StepResponse(row)
})

/** What the admin is told of a voided refund (raise-attention.ts). */
export type VoidedRefund = { transaction_id: string; flags: Array<{ code: "refund_rejected" | "refund_failed"; detail: string | null }>; note: string } | null

/**
 * A rejected or failed refund, handled once (`medusa_reversed_at`): its Medusa
 * refund and order transaction soft-deleted, the invoice flagged.
 */
export const voidMedusaRefundStep = createStep("threepay-void-medusa-refund", async (input: { refund_id: string }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  let handled: RefundRow | null = null
  await threepay.mutateRefund(input.refund_id, (r) => {
    if (!isVoidRefund(r.status) || r.medusa_reversed_at) return null
    handled = r
    return {
      medusa_reversed_at: new Date(),
      ...refundHistoryPatch(
        r,
        r.status,
        r.medusa_refund_id ? `no USDT left: Medusa refund ${r.medusa_refund_id} deleted, the order shows the amount as owed again` : "no USDT left; flagged for the admin"
      ),
    }
  })
  const row = handled as RefundRow | null
  if (!row) return new StepResponse<VoidedRefund>(null)
  if (row.medusa_refund_id) {
    const payments = container.resolve(Modules.PAYMENT)
    // As Medusa does itself when a provider refuses a refund (payment module `refundPayment`).
    await payments.deleteRefunds([row.medusa_refund_id])
    const orders = container.resolve(Modules.ORDER)
    const transactions = await orders.listOrderTransactions({ reference_id: row.medusa_refund_id }, { select: ["id"] })
    if (transactions.length) await orders.deleteOrderTransactions(transactions.map((t) => t.id))
  }
  const code = row.status === "rejected" ? ("refund_rejected" as const) : ("refund_failed" as const)
  return new StepResponse<VoidedRefund>({
    transaction_id: row.transaction_id,
    flags: [{ code, detail: `${row.amount} USDT to ${row.address}${row.reason ? `: ${row.reason}` : ""}` }],
    note: `refund ${row.id} ${row.status}${row.reason ? ` (${row.reason})` : ""}`,
  })
})
