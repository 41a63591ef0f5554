import { approveWithdrawal, createWithdrawal, findWithdrawal, rejectWithdrawal } from "../withdrawals"
import { badRequest, ok, paginate, paging } from "../http"
import type { Route, RouteContext } from "../router"
import { money } from "../serialize"
import type { Withdrawal } from "../types"
import { amountParam, currencyTypeParam, stringField, urlParam } from "../validate"
import { currencyTypeOf } from "medusa-payment-3pay-client"
import type { Emulator } from "../core"

/** User withdrawals and the approval queue for those above the auto-approve threshold. */

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
    message: wd.status === "completed" ? "Withdrawal completed" : "Withdrawal request created and awaiting merchant approval",
    data: {
      withdrawalId: wd.id,
      status: wd.status,
      transactionHash: wd.transactionHash,
      fee: money(wd.fee, v),
      netAmount: money(wd.netAmount, v),
    },
  })
}

function list({ emu, query }: RouteContext) {
  const { page, limit } = paging(query)
  const status = query.get("status")
  if (status && !["pending", "completed", "rejected"].includes(status)) {
    throw badRequest("status must be pending, completed or rejected")
  }
  const docs = [...emu.store.withdrawals.values()]
    .filter((w) => w.manual && (!status || w.status === status))
    .reverse()
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
