/**
 * Reads what a 3PAY checkout needs: the payment collection's amount and
 * currency, its cart, the store's effective 3PAY settings, and the network the
 * shopper asked for (checked against the enabled ones). Pure reads: nothing
 * to compensate.
 */
import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { parseNetwork, type Network } from "medusa-payment-3pay-client"
import { isThreePayProvider } from "medusa-payment-3pay-client/store-api"
import { quoteUsdt } from "../../lib/amounts"
import { ERROR_CODES } from "../../lib/error-codes"
import type { Flow } from "../../lib/options"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"

export type CheckoutContext = {
  payment_collection_id: string
  cart_id: string | null
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  currency_code: string
  amount: string
  network: Network
  amount_usdt: string
  exchange_rate: string
  flow: Flow
  tolerance: string
  timer_minutes: number
}

export const loadCheckoutContextStep = createStep(
  "threepay-load-checkout-context",
  async (input: { payment_collection_id: string; network?: unknown }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const settings = await threepay.getEffectiveSettings()

    let network: Network = settings.defaultNetwork
    if (input.network !== undefined && input.network !== null && input.network !== "") {
      const parsed = parseNetwork(input.network)
      if (!parsed) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `Unknown network "${String(input.network)}". Choose one of: ${settings.networks.join(", ")}.`,
          ERROR_CODES.NETWORK_INVALID
        )
      }
      if (!settings.networks.includes(parsed)) {
        throw new MedusaError(
          MedusaError.Types.INVALID_DATA,
          `USDT on ${parsed} is not accepted by this store right now. Choose one of: ${settings.networks.join(", ")}.`,
          ERROR_CODES.NETWORK_DISABLED
        )
      }
      network = parsed
    }

    const { data } = await query.graph({
      entity: "payment_collection",
      fields: [
        "id",
        "amount",
        "currency_code",
        "status",
        "cart.id",
        "cart.email",
        "cart.completed_at",
        "cart.billing_address.first_name",
        "cart.billing_address.last_name",
        "cart.billing_address.phone",
        "cart.region.payment_providers.id",
      ],
      filters: { id: input.payment_collection_id },
    })
    const pc = data[0] as
      | {
          id: string
          amount: unknown
          currency_code: string
          cart?: {
            id: string
            email?: string | null
            completed_at?: string | null
            billing_address?: { first_name?: string | null; last_name?: string | null; phone?: string | null } | null
            region?: { payment_providers?: Array<{ id: string }> | null } | null
          } | null
        }
      | undefined
    if (!pc) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Payment collection ${input.payment_collection_id} was not found.`)
    }
    if (pc.cart?.completed_at) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "This cart is already completed: its order exists.",
        ERROR_CODES.CART_COMPLETED
      )
    }
    // Checked before an invoice is spent on it (Medusa checks it again later).
    const providers = pc.cart?.region?.payment_providers?.map((p) => p.id)
    if (providers && !providers.some(isThreePayProvider)) {
      throw new MedusaError(
        MedusaError.Types.NOT_ALLOWED,
        "USDT payments are not enabled for this cart's region.",
        ERROR_CODES.PROVIDER_NOT_IN_REGION
      )
    }
    const quote = quoteUsdt(pc.amount as string, pc.currency_code, threepay.getOptions().exchangeRates)
    const ctx: CheckoutContext = {
      payment_collection_id: pc.id,
      cart_id: pc.cart?.id ?? null,
      email: pc.cart?.email ?? null,
      first_name: pc.cart?.billing_address?.first_name ?? null,
      last_name: pc.cart?.billing_address?.last_name ?? null,
      phone: pc.cart?.billing_address?.phone ?? null,
      currency_code: quote.currencyCode,
      amount: String(pc.amount),
      network,
      amount_usdt: quote.usdt,
      exchange_rate: quote.rate,
      flow: settings.flow,
      tolerance: settings.underpaymentTolerance,
      timer_minutes: settings.invoiceTimerMinutes,
    }
    return new StepResponse(ctx)
  }
)

