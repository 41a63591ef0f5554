/**
 * Settings > 3PAY: networks and checkout rules, the connection, webhook
 * health with a test button, and the payments that need attention.
 */
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { CurrencyDollar } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { useQuery } from "@tanstack/react-query"
import { AttentionSection } from "../../../components/settings/attention-section"
import { BudgetSection } from "../../../components/settings/budget-section"
import { CheckoutSettingsForm } from "../../../components/settings/checkout-settings-form"
import { ConnectionSection } from "../../../components/settings/connection-section"
import { EnvironmentBadge } from "../../../components/settings/environment-badge"
import { WebhookHealthSection } from "../../../components/settings/webhook-health-section"
import { errorMessage, threepayApi, threepayKeys } from "../../../lib/api"

const ThreePaySettingsPage = () => {
  const settings = useQuery({ queryKey: threepayKeys.settings(), queryFn: threepayApi.settings })

  return (
    <div className="flex flex-col gap-y-3" data-testid="threepay-settings">
      <Container className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div>
          <Heading level="h1">3PAY</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            USDT payments on TRON (TRC20) and Ethereum (ERC20).
          </Text>
        </div>
        {settings.data && <EnvironmentBadge environment={settings.data.connection.environment} testId="threepay-environment" />}
      </Container>
      {settings.isLoading && (
        <Container className="px-6 py-4">
          <Text size="small">Loading…</Text>
        </Container>
      )}
      {settings.isError && (
        <Container className="px-6 py-4" data-testid="threepay-settings-load-error">
          <Text size="small" className="text-ui-fg-error">
            The 3PAY settings could not be loaded: {errorMessage(settings.error)}
          </Text>
        </Container>
      )}
      {settings.data && (
        <>
          <CheckoutSettingsForm data={settings.data} />
          <ConnectionSection settings={settings.data} />
          <WebhookHealthSection />
          <BudgetSection />
          <AttentionSection />
        </>
      )}
    </div>
  )
}

export const config = defineRouteConfig({
  label: "3PAY",
  icon: CurrencyDollar,
})

export default ThreePaySettingsPage
