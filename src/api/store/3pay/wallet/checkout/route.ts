/**
 * GET /store/3pay/wallet/checkout?cart_id=…: the logged-in customer's cart
 * paying from their balance: waiting (the address on the chosen network and
 * exactly what is still missing), paid (the order and the entries that paid
 * it), or canceled. Another customer's cart is "not found". The database only.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../../lib/errors"
import { walletCheckoutView } from "../../../../../lib/wallet-view"
import type { WalletCheckoutQueryType } from "../../middlewares"
import { customerOf } from "../customer"

export const GET = threepayRoute(async (req: AuthenticatedMedusaRequest<unknown, WalletCheckoutQueryType>, res: MedusaResponse) => {
  const checkout = await walletCheckoutView(req.scope, customerOf(req), req.validatedQuery.cart_id)
  res.setHeader("Cache-Control", "private, no-store")
  res.json({ checkout })
})
