/**
 * Runs before Medusa's `POST /store/payment-collections/:id/payment-sessions`
 * when the shopper picks 3PAY. It checks the network against the store's
 * settings, prepares the invoice (reuse or create, within 3PAY's budget) and
 * replaces the storefront's `data` with `{ network, checkout }`: nothing else
 * the storefront sent reaches the session. Errors answer in our JSON shape
 * with a stable code; no session is created and no invoice is left behind.
 */
import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { THREEPAY_MODULE } from "../../../modules/threepay"
import type ThreePayModuleService from "../../../modules/threepay/service"
import { handoffSessionData } from "../../../lib/checkout-handoff"
import { isThreePayProvider } from "medusa-payment-3pay-client/store-api"
import { requesterHashOf } from "../../../lib/requester"
import { prepareCheckoutInvoiceWorkflow } from "../../../workflows/prepare-checkout-invoice"
import { sendThreePayError } from "../../utils/send-error"

function requesterHash(req: MedusaRequest): string | null {
  const apiKey = req.scope.resolve<ThreePayModuleService>(THREEPAY_MODULE).getOptions().apiKey
  return requesterHashOf(req.ip || req.socket?.remoteAddress, apiKey)
}

type Body = { provider_id?: unknown; data?: Record<string, unknown> }

export async function prepareThreePayInvoice(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const body = (req.body ?? {}) as Body
  if (!isThreePayProvider(body.provider_id)) {
    return next()
  }
  try {
    const { result } = await prepareCheckoutInvoiceWorkflow(req.scope).run({
      input: {
        payment_collection_id: req.params.id,
        network: body.data?.network,
        requester_hash: requesterHash(req),
      },
    })
    const data = handoffSessionData(result.network, result.token)
    req.body = { ...body, data }
    const validated = (req as MedusaRequest & { validatedBody?: Body }).validatedBody
    if (validated) validated.data = data
    return next()
  } catch (e) {
    return sendThreePayError(req, res, e)
  }
}
