/**
 * "Send test webhook": 3PAY sends a test delivery to the account's webhook
 * URL; the server watches its own ledger and says whether it arrived, and if
 * not, why it probably did not.
 */
import { Alert, Button, Text } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"

export const WebhookTestPanel = () => {
  const queryClient = useQueryClient()
  const test = useMutation({
    mutationFn: threepayApi.webhookTest,
    onSettled: () => queryClient.invalidateQueries({ queryKey: threepayKeys.health() }),
  })
  const r = test.data

  return (
    <div className="flex flex-col gap-y-3 px-6 py-4">
      <div className="flex items-center justify-between gap-x-2">
        <Text size="small" className="text-ui-fg-subtle">
          Ask 3PAY to send a test webhook and check that it reaches this store with a valid signature.
        </Text>
        <Button
          size="small"
          variant="secondary"
          isLoading={test.isPending}
          onClick={() => test.mutate()}
          data-testid="threepay-test-webhook"
        >
          Send test webhook
        </Button>
      </div>
      {test.isError && (
        <Alert variant="error" data-testid="threepay-test-webhook-result" data-arrived="false">
          {errorMessage(test.error)}
        </Alert>
      )}
      {r && (
        <Alert
          variant={r.arrived ? "success" : "error"}
          data-testid="threepay-test-webhook-result"
          data-arrived={r.arrived ? "true" : "false"}
          data-verdict={r.verdict}
        >
          <Text size="small" weight="plus">
            {r.message}
          </Text>
          {r.delivery && (
            <Text size="xsmall" className="mt-1">
              Received in {r.waited_ms} ms · answered HTTP {r.delivery.http_status} · signature {r.delivery.signature}
            </Text>
          )}
          {r.likely_causes.length > 0 && (
            <ul className="mt-2 list-disc pl-4">
              {r.likely_causes.map((c) => (
                <li key={c}>
                  <Text size="xsmall">{c}</Text>
                </li>
              ))}
            </ul>
          )}
        </Alert>
      )}
    </div>
  )
}
