/**
 * The one place the plugin asks 3PAY for a withdrawal (a refund's money
 * going out). 3PAY has no idempotency key, so the refund is claimed first:
 * `requested_at` and `sent` (what the create carries) are written under the
 * refund's row lock before the call, and a refund already claimed is never
 * sent again, by this run or any other.
 *
 * The answer:
 * - accepted (any status, an id or not): recorded; an answer without id is
 *   resolved by `findWithdrawal`;
 * - lost (timeout, 5xx: `ambiguous_create`): the withdrawal may exist. It is
 *   looked for in 3PAY's lists (`findWithdrawal`) before anything else; found,
 *   it is recorded; not found, the refund is `unknown` and reconciliation
 *   keeps looking (lib/reconcile-refunds.ts). Never sent again;
 * - refused (4xx, the rate budget, a connection that never sent it): nothing
 *   was made: `failed`, with 3PAY's reason, and the refusal is answered.
 */
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { currencyTypeOf, type SentWithdrawal, type ThreePayClient } from "medusa-payment-3pay-client"
import { spend } from "../../lib/budget"
import { toThreePayError } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { refundHistoryPatch, withdrawalPatch, type RefundRow } from "../../modules/threepay/refund-rows"
import type ThreePayModuleService from "../../modules/threepay/service"

/**
 * Looks for a refund's withdrawal in 3PAY's lists and records what is found.
 * "none" and "several" leave it as it is (`unknown`): never a reason to send again.
 */
export async function findRefundWithdrawal(threepay: ThreePayModuleService, row: RefundRow, source: string): Promise<RefundRow> {
  const sent = (row.sent ?? null) as SentWithdrawal | null
  if (!sent) return row
  const others = (await threepay.listThreePayRefunds({ user_id: row.user_id, withdrawal_id: { $ne: null } }, { select: ["id", "withdrawal_id"], take: 1000 }))
    .filter((r) => r.id !== row.id)
    .map((r) => r.withdrawal_id as string)
  const found = await threepay.getClient().findWithdrawal({ ...sent, excludeIds: others }, spend("refund"))
  if (found.kind === "found") {
    return (await threepay.mutateRefund(row.id, (r) => withdrawalPatch(r, found.withdrawal, `${source} (found in 3PAY's ${found.source})`))) ?? row
  }
  const why = found.kind === "several" ? `several withdrawals match (${found.ids.join(", ")}): check them in 3PAY's dashboard` : "not in 3PAY's lists yet"
  return (
    (await threepay.mutateRefund(row.id, (r) =>
      r.status === "requesting" ? { status: "unknown", ...refundHistoryPatch(r, "unknown", `${source}: the withdrawal's answer was lost and it is ${why}; it is not sent again`) } : null
    )) ?? row
  )
}

async function send(client: ThreePayClient, row: RefundRow, callbackUrl: string | undefined) {
  return client.createWithdrawal(
    {
      userId: row.user_id,
      walletAddress: row.address,
      amount: row.amount,
      network: row.network,
      callbackUrl,
      addressCaseConfirmed: row.address_checksum === "lowercase",
    },
    spend("refund")
  )
}

export const requestWithdrawalStep = createStep("threepay-request-withdrawal", async (input: { refund_id: string }, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const o = threepay.getOptions()
  let mine = false
  const claimed = await threepay.mutateRefund(input.refund_id, (r) => {
    if (r.requested_at || r.status !== "requesting") return null
    mine = true
    const sent: SentWithdrawal = {
      userId: r.user_id,
      walletAddress: r.address,
      amount: r.amount,
      network: r.network,
      currencyType: currencyTypeOf(r.network),
      startedAt: Date.now(),
    }
    return { requested_at: new Date(), sent: sent as unknown as RefundRow["sent"], ...refundHistoryPatch(r, r.status, "withdrawal requested at 3PAY") }
  })
  if (!claimed || !mine) return new StepResponse<RefundRow | null>(claimed)
  try {
    const w = await send(threepay.getClient(), claimed, o.backendUrl ? `${o.backendUrl}/hooks/3pay` : undefined)
    let row = (await threepay.mutateRefund(claimed.id, (r) => withdrawalPatch(r, w, "3PAY accepted the withdrawal"))) ?? claimed
    if (!w.id) row = await findRefundWithdrawal(threepay, row, "the answer named no withdrawal id")
    return new StepResponse<RefundRow | null>(row)
  } catch (e) {
    const code = (e as { code?: string }).code
    if (code === "ambiguous_create") {
      try {
        return new StepResponse<RefundRow | null>(await findRefundWithdrawal(threepay, claimed, "the answer was lost"))
      } catch {
        const row = await threepay.mutateRefund(claimed.id, (r) =>
          r.status === "requesting" ? { status: "unknown", ...refundHistoryPatch(r, "unknown", "the answer was lost and 3PAY's lists could not be read; it is not sent again") } : null
        )
        return new StepResponse<RefundRow | null>(row ?? claimed)
      }
    }
    const refusal = toThreePayError(e)
    const row = await threepay.mutateRefund(claimed.id, (r) => ({
      status: "failed",
      reason: refusal.message,
      next_check_at: null,
      ...refundHistoryPatch(r, "failed", `3PAY refused the withdrawal, nothing was sent: ${refusal.message}`),
    }))
    return new StepResponse<RefundRow | null>(row ?? claimed)
  }
})
