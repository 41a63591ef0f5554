import { badRequest, ok, paginate, paging } from "../http"
import { findUser, generateWallet, updateBalance } from "../accounts"
import type { Route, RouteContext } from "../router"
import { balanceData, money, userData, userTransactionData, walletList } from "../serialize"
import { amountParam, currencyTypeParam, emailField, stringField, urlParam } from "../validate"

/** Per-user wallets: generate (both networks at once), view, balance, updateBalance, user transactions. */

function generate({ emu, body }: RouteContext) {
  if (body.isActive !== undefined && typeof body.isActive !== "boolean") throw badRequest("isActive must be a boolean")
  const { user, created } = generateWallet(emu, {
    userId: stringField(body, "userId", { required: true, max: 200 })!,
    email: emailField(body, "email", true)!,
    firstName: stringField(body, "firstName"),
    lastName: stringField(body, "lastName"),
    phone: stringField(body, "phone", { max: 50 }),
    callbackUrl: urlParam(body.callbackUrl, "callbackUrl"),
    isActive: body.isActive === undefined ? true : (body.isActive as boolean),
    description: stringField(body, "description", { max: 1000 }),
  })
  return ok(
    {
      success: true,
      message: created ? "Wallet generated successfully" : "Wallet already exists",
      data: { userId: user.userId, wallets: walletList(user) },
    },
    created ? 201 : 200
  )
}

function view({ emu, params }: RouteContext) {
  return ok({ success: true, data: userData(findUser(emu, params.userId)) })
}

function balance({ emu, params }: RouteContext) {
  return ok({ success: true, data: balanceData(findUser(emu, params.userId), emu.wire) })
}

function update({ emu, body }: RouteContext) {
  const type = body.type
  if (type !== "credit" && type !== "debit") throw badRequest('type must be "credit" or "debit"')
  const network = body.currencyType === undefined ? "TRC20" : currencyTypeParam(body.currencyType)
  const user = updateBalance(emu, {
    userId: stringField(body, "userId", { required: true })!,
    amount: amountParam(body.amount),
    network,
    type,
    reason: stringField(body, "reason"),
  })
  const data = balanceData(user, emu.wire)
  return ok({
    success: true,
    message: "Balance updated",
    data: { userId: user.userId, totalBalance: data.totalBalance, balance: money(user.wallets[network].balance, emu.wire.variants) },
  })
}

function transactions({ emu, query }: RouteContext) {
  const user = findUser(emu, query.get("userId"))
  const { page, limit } = paging(query)
  const docs = emu.store.userTransactions
    .filter((t) => t.userId === user.userId)
    .map((t, i) => ({ t, i }))
    .sort((a, b) => b.t.createdAt - a.t.createdAt || b.i - a.i)
    .map(({ t }) => userTransactionData(t, emu.wire))
  return ok({ success: true, data: paginate(docs, page, limit) })
}

export const walletRoutes: Route[] = [
  { method: "POST", path: "/public/wallet/generate", name: "wallet.generate", tier: "walletGen", handler: generate },
  { method: "GET", path: "/public/wallet/view/:userId", name: "wallet.view", tier: "standard", handler: view },
  { method: "GET", path: "/public/wallet/balance/:userId", name: "wallet.balance", tier: "standard", handler: balance },
  { method: "POST", path: "/public/wallet/updateBalance", name: "wallet.updateBalance", tier: "financial", handler: update },
  { method: "GET", path: "/public/user/transaction/list", name: "user.transaction.list", tier: "standard", handler: transactions },
]
