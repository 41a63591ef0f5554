/**
 * The customer a wallet belongs to, and their wallet if they have one.
 * Pure reads. Refuses when the store has wallets switched off, or the
 * customer cannot have one (unknown, no email: 3PAY requires it).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { ThreePayError } from "../../lib/errors"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { WalletUserRow } from "../../modules/threepay/wallet-rows"

export type WalletCustomer = {
  customer_id: string
  email: string
  first_name: string | null
  last_name: string | null
  phone: string | null
  wallet: WalletUserRow | null
}

export function requireWallets(threepay: ThreePayModuleService): void {
  if (!threepay.getOptions().wallets.enabled) {
    throw new ThreePayError("threepay_wallets_disabled", "This store does not offer USDT balances.")
  }
}

export async function loadWalletCustomer(container: MedusaContainer, customerId: string): Promise<WalletCustomer> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  requireWallets(threepay)
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer", fields: ["id", "email", "first_name", "last_name", "phone"], filters: { id: customerId } })
  const c = data[0] as { id: string; email?: string | null; first_name?: string | null; last_name?: string | null; phone?: string | null } | undefined
  if (!c) throw new ThreePayError("threepay_login_required", "Log in to use your USDT balance.")
  if (!c.email) throw new ThreePayError("threepay_cart_incomplete", "Add an email address to your account to get your USDT addresses.")
  return {
    customer_id: c.id,
    email: c.email,
    first_name: c.first_name ?? null,
    last_name: c.last_name ?? null,
    phone: c.phone ?? null,
    wallet: await threepay.retrieveWalletUser({ customer_id: c.id }),
  }
}

export const loadWalletCustomerStep = createStep("threepay-load-wallet-customer", async (input: { customer_id: string }, { container }) => {
  return new StepResponse(await loadWalletCustomer(container, input.customer_id))
})
