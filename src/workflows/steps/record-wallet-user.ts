/**
 * Records a customer's 3PAY user and addresses once, and links the Medusa
 * customer to it (src/links/customer-threepay-wallet.ts) so `query.graph`
 * reaches the wallet from the customer. Both idempotent, neither undone: the
 * addresses exist at 3PAY whatever happens next.
 */
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../../modules/threepay"
import type ThreePayModuleService from "../../modules/threepay/service"
import type { WalletUserRow } from "../../modules/threepay/wallet-rows"
import type { GeneratedWallet } from "./generate-wallet"
import type { WalletCustomer } from "./load-wallet-customer"

export const recordWalletUserStep = createStep(
  "threepay-record-wallet-user",
  async (input: { customer: WalletCustomer; generated: GeneratedWallet }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const { row, created } = await threepay.recordWalletUser({
      customer_id: input.customer.customer_id,
      user_id: input.generated.user_id,
      email: input.customer.email,
      addresses: input.generated.addresses as Record<string, string>,
    })
    const link = container.resolve(ContainerRegistrationKeys.LINK)
    const pair = { [Modules.CUSTOMER]: { customer_id: row.customer_id }, [THREEPAY_MODULE]: { three_pay_wallet_user_id: row.id } }
    const existing = await container.resolve(ContainerRegistrationKeys.QUERY).graph({
      entity: "customer",
      fields: ["id", "three_pay_wallet_user.id"],
      filters: { id: row.customer_id },
    })
    if (!(existing.data[0] as { three_pay_wallet_user?: { id: string } | null } | undefined)?.three_pay_wallet_user) await link.create(pair)
    return new StepResponse<{ row: WalletUserRow; created: boolean }>({ row, created })
  }
)
