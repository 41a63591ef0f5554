/**
 * The settings page's data: what is in force, what the options allow, and the
 * connection facts. Secrets are reduced to "set or not" and the key's last 4
 * characters; fields are picked one by one (never spread from the options) so
 * a new secret option cannot leak here by accident.
 */
import { NETWORK_INFO, NETWORKS } from "medusa-payment-3pay-client"
import { FLOWS, publicOptions, type ThreePayOptions } from "../../../../lib/options"
import type { EffectiveSettings, SettingsInput } from "../../../../modules/threepay/settings-rules"
import { SETTINGS_BOUNDS } from "../../../../modules/threepay/settings-rules"
import type { AdminSettingsBody, AdminSettingsResponse, ConnectionFactsDto, WebhookUrlDto } from "../api-types"


const FLOW_TEXT: Record<(typeof FLOWS)[number], { label: string; description: string }> = {
  pay_first: {
    label: "Pay first",
    description: "The order is created once the USDT has arrived. Nothing to cancel when a shopper never pays.",
  },
  order_first: {
    label: "Order first",
    description:
      "The order is created when the shopper confirms, awaiting payment; it is captured when the USDT arrives and canceled (stock released) if the invoice expires.",
  },
}

export function connectionFacts(options: ThreePayOptions, baseUrl: string): ConnectionFactsDto {
  const p = publicOptions(options)
  return {
    environment: options.environment,
    base_url: baseUrl,
    backend_url: options.backendUrl ?? null,
    api_key_set: p.apiKeySet,
    api_key_last4: p.apiKeyLast4,
    api_secret_set: p.apiSecretSet,
    webhook_secret_set: p.webhookSecretSet,
    previous_webhook_secret_set: p.previousWebhookSecretSet,
  }
}

export function settingsView(
  options: ThreePayOptions,
  effective: EffectiveSettings,
  baseUrl: string,
  webhook: WebhookUrlDto
): AdminSettingsResponse {
  return {
    settings: {
      networks: effective.networks,
      default_network: effective.defaultNetwork,
      invoice_timer_minutes: effective.invoiceTimerMinutes,
      underpayment_tolerance: effective.underpaymentTolerance,
      underpayment_tolerance_bps: effective.underpaymentToleranceBps,
      flow: effective.flow,
      updated_by: effective.updatedBy,
      updated_at: effective.updatedAt,
    },
    defaults: {
      networks: [...options.networks],
      default_network: options.defaultNetwork,
      invoice_timer_minutes: options.invoiceTimerMinutes,
      underpayment_tolerance: options.underpaymentTolerance,
      underpayment_tolerance_bps: options.underpaymentToleranceBps,
      flow: options.flow,
    },
    limits: {
      networks: NETWORKS.map((network) => {
        const allowed = effective.bounds.networks.includes(network)
        return {
          network,
          label: NETWORK_INFO[network].label,
          allowed,
          reason: allowed
            ? null
            : `Not enabled in the plugin options (medusa-config.ts allows ${effective.bounds.networks.join(", ")}). Add it to the \`networks\` option to offer it.`,
        }
      }),
      invoice_timer_minutes: { ...SETTINGS_BOUNDS.invoiceTimerMinutes },
      // The options are the ceiling: the admin may lower the tolerance, never raise it.
      underpayment_tolerance: { min: "0", max: effective.bounds.underpaymentTolerance },
      underpayment_tolerance_bps: { min: 0, max: effective.bounds.underpaymentToleranceBps },
      flows: FLOWS.map((value) => ({ value, ...FLOW_TEXT[value] })),
    },
    connection: connectionFacts(options, baseUrl),
    webhook,
  }
}

/** The HTTP body (snake_case, Medusa's convention) as the module's input. */
export function toSettingsInput(body: AdminSettingsBody): SettingsInput {
  const input: SettingsInput = {}
  if (body.networks !== undefined) input.networks = body.networks
  if (body.default_network !== undefined) input.defaultNetwork = body.default_network
  if (body.invoice_timer_minutes !== undefined) input.invoiceTimerMinutes = body.invoice_timer_minutes
  if (body.underpayment_tolerance !== undefined) input.underpaymentTolerance = body.underpayment_tolerance
  if (body.underpayment_tolerance_bps !== undefined) input.underpaymentToleranceBps = body.underpayment_tolerance_bps
  if (body.flow !== undefined) input.flow = body.flow
  return input
}
