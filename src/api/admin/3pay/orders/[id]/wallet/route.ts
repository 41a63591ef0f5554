/**
 * GET /admin/3pay/orders/:id/wallet: whether the order was paid from its
 * customer's USDT balance, and the ledger entries that paid it (the hold,
 * then the debit), for the order card. Any other order answers 200 with
 * `paid_from_balance: false`.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../../../lib/errors"
import type { WalletCheckoutRow, WalletEntryRow } from "../../../../../../modules/threepay/wallet-rows"
import type { AdminOrderWalletResponse } from "../../../api-types"
import { threePayModule } from "../../../context"
import { OrderIdParamSchema } from "../../../validators"
import { adminCheckoutDto, adminEntryDto } from "../../../wallet-view"

export const GET = threepayRoute(async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const p = OrderIdParamSchema.safeParse(req.params)
  const orderId = p.success ? p.data.id : String(req.params.id ?? "")
  const threepay = threePayModule(req)
  const [checkout] = p.success ? ((await threepay.listThreePayWalletCheckouts({ order_id: orderId }, { take: 1 })) as WalletCheckoutRow[]) : []
  const entries = checkout
    ? ((await threepay.listThreePayWalletEntries({ checkout_id: checkout.id }, { order: { created_at: "ASC" }, take: 100 })) as WalletEntryRow[])
    : []
  const env = threepay.getOptions().environment
  const body: AdminOrderWalletResponse = {
    order_id: orderId,
    paid_from_balance: checkout?.status === "paid",
    customer_id: checkout?.customer_id ?? null,
    checkout: checkout ? adminCheckoutDto(checkout) : null,
    entries: entries.map((e) => adminEntryDto(e, env)),
  }
  res.json(body)
})
