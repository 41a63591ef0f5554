/**
 * Runs on Medusa's `POST /store/payment-collections/:id/payment-sessions` (and
 * the admin's twin route) when the provider is 3PAY, after Medusa validated
 * the body and the query. Instead of Medusa's route, the plugin's checkout
 * workflow opens the session (it composes Medusa's own
 * createPaymentSessionsWorkflow, with the invoice prepared and handed to the
 * provider), and the answer is the one Medusa's route gives:
 * `{ payment_collection }` with the requested fields.
 *
 * Only `data.network` is read from the client. `data.checkout` is the
 * plugin's own hand-over: a client that sends one is refused.
 *
 * The wallet provider (`pp_3pay_wallet`, store route only: it pays from a
 * logged-in customer's balance) opens its session through the wallet
 * workflow, then tries to pay the cart from the balance at once.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { refetchEntity } from "@medusajs/framework/http"
import { isThreePayProvider, isWalletProvider } from "medusa-payment-3pay-client/store-api"
import { ThreePayError, threepayRoute } from "../../../lib/errors"
import { HANDOFF_FIELD } from "../../../lib/handoff"
import { requesterHashOfRequest } from "../../../lib/requester"
import { THREEPAY_MODULE } from "../../../modules/threepay"
import type ThreePayModuleService from "../../../modules/threepay/service"
import { settleWalletCarts } from "../../../lib/wallet-settlement"
import { openCheckoutSessionWorkflow } from "../../../workflows/open-checkout-session"
import { openWalletSessionWorkflow } from "../../../workflows/open-wallet-session"

type Body = { provider_id?: unknown; data?: Record<string, unknown> }
type Req = MedusaRequest & { auth_context?: { actor_id?: string; actor_type?: string } }

export const openThreePaySession = threepayRoute(async (req: Req, res: MedusaResponse, next?: MedusaNextFunction) => {
  const body = ((req as { validatedBody?: Body }).validatedBody ?? req.body ?? {}) as Body
  if (!isThreePayProvider(body.provider_id)) return next?.()
  if (body.data && HANDOFF_FIELD in body.data) {
    throw new ThreePayError("threepay_handoff_invalid", "`data.checkout` is set by the 3PAY plugin, never by a client. Send only `data.network`.")
  }
  const fromStore = req.path.startsWith("/store") || req.originalUrl?.startsWith("/store")
  const options = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE).getOptions()
  const customerId = fromStore && req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : null
  if (isWalletProvider(body.provider_id)) {
    const { result } = await openWalletSessionWorkflow(req.scope).run({
      input: {
        payment_collection_id: req.params.id,
        network: body.data?.network,
        customer_id: customerId,
        requester_hash: fromStore ? requesterHashOfRequest(req, options) : null,
      },
    })
    // Covered: the cart becomes an order now. Short: it waits (its failure, if any, is on the checkout).
    await settleWalletCarts(req.scope, result.customer_id, { source: "checkout", checkout_id: result.checkout_id })
  } else {
    await openCheckoutSessionWorkflow(req.scope).run({
      input: {
        payment_collection_id: req.params.id,
        network: body.data?.network,
        mode: "select",
        customer_id: customerId,
        requester_hash: fromStore ? requesterHashOfRequest(req, options) : null,
      },
    })
  }
  const paymentCollection = await refetchEntity({
    entity: "payment_collection",
    idOrFilter: req.params.id,
    scope: req.scope,
    fields: (req as { queryConfig?: { fields?: string[] } }).queryConfig?.fields ?? ["*", "payment_sessions.*"],
  })
  res.status(200).json({ payment_collection: paymentCollection })
})
