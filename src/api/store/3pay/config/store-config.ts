/**
 * The payment step's configuration (`GET /store/3pay/config`): the networks
 * the store accepts right now (the admin's switches applied, within the
 * options' bounds), with everything a shopper needs to send on the right
 * chain, and the warning that USDT sent elsewhere is lost. No key, secret or
 * backend URL is part of it.
 */
import { NETWORK_INFO, WRONG_NETWORK_WARNING, type Environment } from "medusa-payment-3pay-client"
import type { EffectiveSettings } from "../../../../modules/threepay/settings-rules"
import type { ThreePayStoreConfig } from "medusa-payment-3pay-client/store-api"
import { THREEPAY_PROVIDER_ID } from "medusa-payment-3pay-client/store-api"


export function buildStoreConfig(settings: EffectiveSettings, environment: Environment): ThreePayStoreConfig {
  return {
    provider_id: THREEPAY_PROVIDER_ID,
    environment,
    flow: settings.flow,
    default_network: settings.defaultNetwork,
    invoice_timer_minutes: settings.invoiceTimerMinutes,
    wrong_network_warning: WRONG_NETWORK_WARNING,
    networks: settings.networks.map((n) => {
      const info = NETWORK_INFO[n]
      const explorer = info.explorer[environment]
      return {
        network: n,
        currency_type: info.currencyType,
        label: info.label,
        chain: info.chain,
        token: info.token,
        decimals: info.decimals,
        contract_address: info.contract[environment],
        testnet: environment === "sandbox" ? info.testnet : null,
        explorer: { name: explorer.name, url: explorer.base },
        address_hint: info.addressHint,
      }
    }),
  }
}
