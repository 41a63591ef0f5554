/**
 * "Get a new invoice": a fresh 3PAY invoice for the same cart, on the same
 * network or another one, when the current one can no longer be paid. It goes
 * through exactly the path of Medusa's payment-session route with our
 * middleware (prepare the invoice within 3PAY's budget and the reuse rule,
 * then Medusa's createPaymentSessionsWorkflow with the signed handoff), so
 * nothing about the session differs from a normal checkout.
 *
 * It refuses whatever would make the shopper pay twice: an invoice already
 * paid, being confirmed, partly paid or paid on the wrong network, or still
 * open on the same network.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { MedusaError } from "@medusajs/framework/utils"
import { parseNetwork, type Network } from "medusa-payment-3pay-client"
import { ERROR_CODES } from "../error-codes"
import { createHandoffSession } from "../handoff-session"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import { prepareCheckoutInvoiceWorkflow } from "../../workflows/prepare-checkout-invoice"
import { syncInvoiceWorkflow } from "../../workflows/sync-invoice"
import { loadCartPayment, type CartPayment } from "./cart-payment"
import { StoreRouteError, tooMany } from "./errors"
import { statusBody } from "./payment-status"
import { consumeCartLimit, RENEW_LIMIT } from "./rate-limit"

type Input = {
  cartId: string
  network?: string
  salesChannelIds?: string[]
  /** Counts the new invoice against the visitor's quota, like a session creation. */
  requesterHash?: string | null
}

const conflict = (code: (typeof ERROR_CODES)[keyof typeof ERROR_CODES], message: string) =>
  new StoreRouteError(409, MedusaError.Types.NOT_ALLOWED, code, message)

async function pickNetwork(threepay: ThreePayModuleService, requested: string | undefined, current: Network): Promise<Network> {
  const settings = await threepay.getEffectiveSettings()
  const allowed = settings.networks.join(", ")
  if (requested === undefined || requested === "") {
    return settings.networks.includes(current) ? current : settings.defaultNetwork
  }
  const n = parseNetwork(requested)
  if (!n) {
    throw new StoreRouteError(
      400,
      MedusaError.Types.INVALID_DATA,
      ERROR_CODES.NETWORK_INVALID,
      `Unknown network "${requested}". Choose one of: ${allowed}.`
    )
  }
  if (!settings.networks.includes(n)) {
    throw new StoreRouteError(
      400,
      MedusaError.Types.INVALID_DATA,
      ERROR_CODES.NETWORK_DISABLED,
      `USDT on ${n} is not accepted by this store right now. Choose one of: ${allowed}.`
    )
  }
  return n
}

/** Throws the refusal that fits, or returns whether the invoice is past its expiry by our clock only. */
function refuseIfPayable(p: CartPayment, target: Network): { pastExpiryOnly: boolean } {
  const b = statusBody(p)
  switch (b.status) {
    case "paid":
    case "overpaid":
      throw conflict(ERROR_CODES.INVOICE_PAID, "This invoice is already paid: your order is being created.")
    case "confirming":
      throw conflict(
        ERROR_CODES.PAYMENT_IN_PROGRESS,
        "Your payment was detected and is being confirmed. Please wait: do not pay again."
      )
    case "underpaid":
      throw conflict(
        ERROR_CODES.INVOICE_UNDERPAID,
        `${b.amount_received} USDT of ${b.amount_usdt} arrived on this invoice; ${b.amount_missing} USDT is missing. ` +
          "Please contact the store to settle the difference: a new invoice would ask for the full amount again."
      )
    case "wrong_network":
      throw conflict(
        ERROR_CODES.PAYMENT_NEEDS_REVIEW,
        "A payment for this invoice was reported on another network. Please contact the store before paying again."
      )
  }
  if (b.order_id || p.cart.completed_at) {
    throw conflict(ERROR_CODES.CART_COMPLETED, "This cart is already an order.")
  }
  if (b.status === "awaiting_payment" && !b.can_renew && b.network === target) {
    throw conflict(
      ERROR_CODES.INVOICE_NOT_EXPIRED,
      `This invoice can still be paid${b.expires_at ? ` until ${b.expires_at}` : ""}. Pay it, or choose another network.`
    )
  }
  return { pastExpiryOnly: b.status === "awaiting_payment" && b.can_renew }
}

export async function renewInvoice(container: MedusaContainer, input: Input): Promise<void> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  let current = await loadCartPayment(container, input.cartId, { salesChannelIds: input.salesChannelIds })
  const target = await pickNetwork(threepay, input.network, current.stored.network)

  const first = refuseIfPayable(current, target)
  if (first.pastExpiryOnly) {
    // Our clock says expired but no expiry reached the ledger (a lost
    // webhook): ask 3PAY before replacing it, a payment may have just arrived.
    await syncInvoiceWorkflow(container).run({
      input: { transaction_id: current.stored.transaction_id, source: "storefront" },
    })
    current = await loadCartPayment(container, input.cartId, { salesChannelIds: input.salesChannelIds })
    refuseIfPayable(current, target)
  }

  const limit = await consumeCartLimit(container, "renew", current.cart.id, RENEW_LIMIT)
  if (!limit.allowed) {
    throw tooMany(ERROR_CODES.TOO_MANY_RENEWALS, "A new invoice was made for this cart moments ago.", limit.retryAfterSeconds)
  }

  const paymentCollectionId = current.cart.payment_collection_id!
  const { result } = await prepareCheckoutInvoiceWorkflow(container).run({
    input: { payment_collection_id: paymentCollectionId, network: target, requester_hash: input.requesterHash ?? null },
  })
  await createHandoffSession(container, paymentCollectionId, result.network, result.token)
}
