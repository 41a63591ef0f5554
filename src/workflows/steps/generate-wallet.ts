/**
 * The one place the plugin asks 3PAY for a customer's wallet
 * (`POST /public/wallet/generate`, Wallet Gen tier: the quotas ran before),
 * for a customer's wallet and for the 3PAY user a refund is withdrawn for.
 * No compensation: 3PAY's addresses are permanent, and the stable user id
 * (lib/wallet-user-id.ts) makes a repeat answer with the same ones.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { Network } from "medusa-payment-3pay-client"
import { toThreePayError } from "../../lib/errors"
import { walletUserIdFor } from "../../lib/wallet-user-id"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { WalletCustomer } from "./load-wallet-customer"

export type GeneratedWallet = { user_id: string; addresses: Partial<Record<Network, string>> }

/** Who a 3PAY user is made for: a customer, or (a guest's refund) a derived key with the order's email. */
export type WalletOwner = Pick<WalletCustomer, "customer_id" | "email"> & Partial<Pick<WalletCustomer, "first_name" | "last_name" | "phone">>

/** Generates (or, with the same derived user id, finds again) the owner's 3PAY user and addresses. */
export async function generateWalletFor(container: MedusaContainer, customer: WalletOwner): Promise<GeneratedWallet> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const o = threepay.getOptions()
  const userId = walletUserIdFor(customer.customer_id)
  let wallet
  try {
    wallet = await threepay.getClient().generateWallet(
      {
        userId,
        email: customer.email,
        firstName: customer.first_name ?? undefined,
        lastName: customer.last_name ?? undefined,
        phone: customer.phone ?? undefined,
        callbackUrl: o.backendUrl ? `${o.backendUrl}/hooks/3pay` : undefined,
      },
      // Wallet Gen is checkout's tier (as for invoices): no Standard-tier reserve applies.
      { purpose: "checkout" }
    )
  } catch (e) {
    throw toThreePayError(e)
  }
  const addresses: Partial<Record<Network, string>> = {}
  for (const w of wallet.wallets) if (w.network && o.networks.includes(w.network)) addresses[w.network] = w.walletAddress
  return { user_id: userId, addresses }
}

export const generateWalletStep = createStep("threepay-generate-wallet", async (customer: WalletCustomer, { container }) => {
  return new StepResponse<GeneratedWallet>(await generateWalletFor(container, customer))
})
