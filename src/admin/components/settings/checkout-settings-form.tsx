/**
 * Networks and checkout rules: which networks shoppers are offered, the
 * default one, the invoice timer, the underpayment tolerance and the flow.
 * The server is the judge (bounds from medusa-config.ts); the form only
 * prevents what can never be saved (no network, a default that is off).
 */
import { Alert, Button, Container, Heading, Input, Label, RadioGroup, Switch, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useEffect, useMemo, useState } from "react"
import type { AdminSettingsResponse, FlowCode, NetworkCode, SettingsValuesDto } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { formatDateTime } from "../../lib/format"

type Form = {
  networks: NetworkCode[]
  default_network: NetworkCode
  invoice_timer_minutes: string
  underpayment_tolerance: string
  underpayment_tolerance_bps: string
  flow: FlowCode
}

const toForm = (s: SettingsValuesDto): Form => ({
  networks: [...s.networks],
  default_network: s.default_network,
  invoice_timer_minutes: String(s.invoice_timer_minutes),
  underpayment_tolerance: s.underpayment_tolerance,
  underpayment_tolerance_bps: String(s.underpayment_tolerance_bps),
  flow: s.flow,
})

const sameForm = (a: Form, b: Form) => JSON.stringify(a) === JSON.stringify(b)

export const CheckoutSettingsForm = ({ data }: { data: AdminSettingsResponse }) => {
  const queryClient = useQueryClient()
  const saved = useMemo(() => toForm(data.settings), [data.settings])
  const [form, setForm] = useState<Form>(saved)
  const [serverError, setServerError] = useState<string | null>(null)
  useEffect(() => setForm(saved), [saved])

  const order = data.limits.networks.map((n) => n.network)
  const toggleNetwork = (network: NetworkCode, on: boolean) =>
    setForm((f) => {
      const networks = order.filter((n) => (n === network ? on : f.networks.includes(n)))
      // Switching off the default moves the default to a network still on.
      const default_network = networks.includes(f.default_network) ? f.default_network : networks[0] ?? f.default_network
      return { ...f, networks, default_network }
    })

  const save = useMutation({
    mutationFn: () =>
      threepayApi.saveSettings({
        networks: form.networks,
        default_network: form.default_network,
        invoice_timer_minutes: Number(form.invoice_timer_minutes),
        underpayment_tolerance: form.underpayment_tolerance.trim(),
        underpayment_tolerance_bps: Number(form.underpayment_tolerance_bps),
        flow: form.flow,
      }),
    onSuccess: (next) => {
      setServerError(null)
      queryClient.setQueryData(threepayKeys.settings(), next)
      toast.success("3PAY settings saved", { description: "New checkouts use them at once." })
    },
    onError: (e) => {
      setServerError(errorMessage(e))
      toast.error("Settings not saved", { description: errorMessage(e) })
    },
  })

  const timer = Number(form.invoice_timer_minutes)
  const { min, max } = data.limits.invoice_timer_minutes
  const bps = Number(form.underpayment_tolerance_bps)
  const bpsMax = data.limits.underpayment_tolerance_bps.max
  const problems = [
    !form.networks.length && "Enable at least one network.",
    (!Number.isInteger(timer) || timer < min || timer > max) && `The invoice timer must be a whole number from ${min} to ${max} minutes.`,
    !/^\d+(\.\d{1,6})?$/.test(form.underpayment_tolerance.trim()) &&
      "The tolerance must be a USDT amount such as 0 or 0.5 (at most 6 decimals).",
    (!Number.isInteger(bps) || bps < 0 || bps > bpsMax) && `The relative tolerance must be a whole number of basis points from 0 to ${bpsMax}.`,
  ].filter((p): p is string => !!p)
  const dirty = !sameForm(form, saved)

  return (
    <Container className="divide-y p-0" data-testid="threepay-checkout-settings">
      <div className="flex items-center justify-between px-6 py-4">
        <div>
          <Heading level="h2">Networks and checkout</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What shoppers are offered. Applies to new invoices at once; open invoices keep their terms.
          </Text>
        </div>
        <Button
          size="small"
          variant="transparent"
          onClick={() => setForm(toForm(data.defaults))}
          data-testid="threepay-reset-defaults"
        >
          Use medusa-config defaults
        </Button>
      </div>

      <div className="flex flex-col gap-y-4 px-6 py-4">
        <Text size="small" weight="plus">
          Networks
        </Text>
        {data.limits.networks.map((n) => (
          <div key={n.network} className="flex items-start gap-x-3">
            <Switch
              id={`threepay-network-${n.network}`}
              data-testid={`threepay-network-${n.network}`}
              checked={form.networks.includes(n.network)}
              disabled={!n.allowed}
              onCheckedChange={(on) => toggleNetwork(n.network, on)}
            />
            <div className="flex flex-col">
              <Label htmlFor={`threepay-network-${n.network}`} size="small" weight="plus">
                {n.label}
              </Label>
              {n.reason && (
                <Text size="xsmall" className="text-ui-fg-subtle" data-testid={`threepay-network-${n.network}-reason`}>
                  {n.reason}
                </Text>
              )}
            </div>
          </div>
        ))}
      </div>

      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" weight="plus">
          Default network
        </Text>
        <Text size="xsmall" className="text-ui-fg-subtle">
          Used when the storefront does not say which network the shopper picked.
        </Text>
        <RadioGroup
          value={form.default_network}
          onValueChange={(v) => setForm((f) => ({ ...f, default_network: v as NetworkCode }))}
          className="flex gap-x-6"
        >
          {form.networks.map((n) => (
            <div key={n} className="flex items-center gap-x-2">
              <RadioGroup.Item value={n} id={`threepay-default-${n}`} data-testid={`threepay-default-network-${n}`} />
              <Label htmlFor={`threepay-default-${n}`} size="small">
                {n}
              </Label>
            </div>
          ))}
        </RadioGroup>
      </div>

      <div className="grid grid-cols-1 gap-4 px-6 py-4 md:grid-cols-2">
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="threepay-invoice-timer" size="small" weight="plus">
            Invoice timer (minutes)
          </Label>
          <Input
            id="threepay-invoice-timer"
            data-testid="threepay-invoice-timer"
            type="number"
            min={min}
            max={max}
            step={1}
            value={form.invoice_timer_minutes}
            onChange={(e) => setForm((f) => ({ ...f, invoice_timer_minutes: e.target.value }))}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            How long the shopper has to pay ({min} to {max}).
          </Text>
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="threepay-tolerance" size="small" weight="plus">
            Underpayment tolerance (USDT)
          </Label>
          <Input
            id="threepay-tolerance"
            data-testid="threepay-tolerance"
            inputMode="decimal"
            value={form.underpayment_tolerance}
            onChange={(e) => setForm((f) => ({ ...f, underpayment_tolerance: e.target.value }))}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            At most this much is forgiven on any order, e.g. an exchange's withdrawal fee (up to{" "}
            {data.limits.underpayment_tolerance.max} USDT, the options' bound).
          </Text>
        </div>
        <div className="flex flex-col gap-y-1">
          <Label htmlFor="threepay-tolerance-bps" size="small" weight="plus">
            Underpayment tolerance (basis points)
          </Label>
          <Input
            id="threepay-tolerance-bps"
            data-testid="threepay-tolerance-bps"
            type="number"
            min={0}
            max={bpsMax}
            step={1}
            value={form.underpayment_tolerance_bps}
            onChange={(e) => setForm((f) => ({ ...f, underpayment_tolerance_bps: e.target.value }))}
          />
          <Text size="xsmall" className="text-ui-fg-subtle">
            A share of the amount due the store forgives (100 = 1 %, up to {bpsMax}). The smaller of the two amounts wins.
          </Text>
        </div>
      </div>

      <div className="flex flex-col gap-y-2 px-6 py-4">
        <Text size="small" weight="plus">
          Checkout flow
        </Text>
        <RadioGroup
          value={form.flow}
          onValueChange={(v) => setForm((f) => ({ ...f, flow: v as FlowCode }))}
          className="grid grid-cols-1 gap-3 md:grid-cols-2"
        >
          {data.limits.flows.map((flow) => (
            <RadioGroup.ChoiceBox
              key={flow.value}
              value={flow.value}
              label={flow.label}
              description={flow.description}
              data-testid={`threepay-flow-${flow.value}`}
            />
          ))}
        </RadioGroup>
      </div>

      {(problems.length > 0 || serverError) && (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          {problems.map((p) => (
            <Alert key={p} variant="warning">
              {p}
            </Alert>
          ))}
          {serverError && (
            <Alert variant="error" data-testid="threepay-settings-error">
              {serverError}
            </Alert>
          )}
        </div>
      )}

      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Text size="xsmall" className="text-ui-fg-subtle" data-testid="threepay-settings-updated">
          {data.settings.updated_at
            ? `Last saved ${formatDateTime(data.settings.updated_at)}${data.settings.updated_by ? ` by ${data.settings.updated_by}` : ""}`
            : "Using the defaults from medusa-config.ts"}
        </Text>
        <div className="flex gap-x-2">
          <Button size="small" variant="secondary" disabled={!dirty || save.isPending} onClick={() => setForm(saved)}>
            Discard
          </Button>
          <Button
            size="small"
            onClick={() => save.mutate()}
            isLoading={save.isPending}
            disabled={!dirty || problems.length > 0}
            data-testid="threepay-save"
          >
            Save
          </Button>
        </div>
      </div>
    </Container>
  )
}
