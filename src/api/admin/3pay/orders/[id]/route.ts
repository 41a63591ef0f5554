/**
 * GET /admin/3pay/orders/:id: the order's 3PAY invoice for the order widget.
 * An order of another provider (or an unknown id) answers 200 with
 * `invoice: null`, so the widget simply shows nothing.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { AdminOrderInvoicesResponse } from "../../api-types"
import { invoicesForOrder } from "./order-invoices"
import { threePayModule } from "../../context"
import { OrderIdParamSchema } from "../../validators"

export async function GET(req: AuthenticatedMedusaRequest, res: MedusaResponse<AdminOrderInvoicesResponse>) {
  const params = OrderIdParamSchema.safeParse(req.params)
  if (!params.success) {
    // Not an id any order can have: nothing to show, like an order of another provider.
    res.json({ order_id: String(req.params.id ?? ""), invoice: null, other_invoices: [] })
    return
  }
  res.json(await invoicesForOrder(req.scope, threePayModule(req), params.data.id))
}
