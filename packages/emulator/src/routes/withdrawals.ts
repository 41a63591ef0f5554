import { approveWithdrawal, awaitsReview, createWithdrawal, findWithdrawal, listedRequests, rejectWithdrawal } from "../withdrawals"
import { badRequest, ok, paginate, paging } from "../http"
import type { Route, RouteContext } from "../router"
import { money } from "../serialize"
import type { Withdrawal } from "../types"
import { amountParam, currencyTypeParam, stringField, urlParam } from "../validate"
import { currencyTypeOf } from "medusa-payment-3pay-client"
import type { Emulator } from "../core"

/** User withdrawals and the review queue for those above the auto-approve threshold (or cap). */

function requestDoc(emu: Emulator, wd: Withdrawal) {
  const v = emu.wire.variants
  return {
    id: wd.id,
    userId: wd.userId,
    amount: money(wd.amount, v),
    fee: money(wd.fee, v),
    netAmount: money(wd.netAmount, v),
    currencyType: currencyTypeOf(wd.network),
    walletAddress: wd.walletAddress,
    status: wd.status,
    transactionHash: wd.transactionHash,
    reason: wd.reason,
    createdAt: emu.clock.iso(wd.createdAt),
  }
}

function create({ emu, body }: RouteContext) {
  const walletAddress = stringField(body, "walletAddress", { required: true })!
  const { withdrawal: wd } = createWithdrawal(emu, {
    userId: stringField(body, "userId", { required: true })!,
    walletAddress,
    amount: amountParam(body.amount),
    network: currencyTypeParam(body.currencyType),
    callbackUrl: urlParam(body.callbackUrl, "callbackUrl"),
  })
  const v = emu.wire.variants
  return ok({
    success: true,
    message: MESSAGES[wd.status],
    data: {
      // 3PAY's documented answer is { status, transactionHash, fee, netAmount }: no id (variant).
      ...(v.withdrawalAnswerWithoutId ? {} : { withdrawalId: wd.id }),
      status: wd.status,
      transactionHash: wd.transactionHash,
      fee: money(wd.fee, v),
      netAmount: money(wd.netAmount, v),
    },
  })
}

const MESSAGES: Record<Withdrawal["status"], string> = {
  pending: "Withdrawal request created and awaiting merchant approval",
  pending_review: "Withdrawal request created and awaiting merchant approval",
  approved: "Withdrawal approved and being processed",
  completed: "Withdrawal completed",
  rejected: "Withdrawal rejected",
  failed: "Withdrawal failed",
}

const STATUSES = ["pending", "pending_review", "approved", "completed", "rejected", "failed"]

function list({ emu, query }: RouteContext) {
  const { page, limit } = paging(query)
  const status = query.get("status")
  if (status && !STATUSES.includes(status)) throw badRequest(`status must be one of ${STATUSES.join(", ")}`)
  // "pending" and "pending_review" both mean "awaiting review", whichever word the requests carry.
  const review = status === "pending" || status === "pending_review"
  const docs = listedRequests(emu)
    .filter((w) => !status || (review ? awaitsReview(w) : w.status === status))
    .map((w) => requestDoc(emu, w))
  return ok({ success: true, data: paginate(docs, page, limit) })
}

function approve({ emu, params }: RouteContext) {
  const { withdrawal: wd } = approveWithdrawal(emu, findWithdrawal(emu, params.id))
  return ok({ success: true, message: "Withdrawal approved", data: { id: wd.id, status: wd.status, transactionHash: wd.transactionHash } })
}

function reject({ emu, params, body }: RouteContext) {
  const { withdrawal: wd } = rejectWithdrawal(emu, findWithdrawal(emu, params.id), stringField(body, "reason"))
  return ok({ success: true, message: "Withdrawal rejected", data: { id: wd.id, status: wd.status } })
}

export const withdrawalRoutes: Route[] = [
  { method: "POST", path: "/public/user/withdrawal/create", name: "withdrawal.create", tier: "financial", handler: create },
  { method: "GET", path: "/public/withdrawal-requests", name: "withdrawalRequests.list", tier: "standard", handler: list },
  {
    method: "POST",
    path: "/public/withdrawal-requests/:id/approve",
    name: "withdrawalRequests.approve",
    tier: "financial",
    secretRequired: true,
    handler: approve,
  },
  {
    method: "POST",
    path: "/public/withdrawal-requests/:id/reject",
    name: "withdrawalRequests.reject",
    tier: "financial",
    secretRequired: true,
    handler: reject,
  },
]
