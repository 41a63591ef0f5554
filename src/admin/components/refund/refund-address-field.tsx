/**
 * The destination address: checked by the server as it is typed, the
 * server's message shown as it is (it names the mistake, e.g. an Ethereum
 * address for a TRC20 refund), and an explicit confirmation when an Ethereum
 * address carries no case checksum.
 */
import { Checkbox, Hint, Input, Label, Text } from "@medusajs/ui"
import type { NetworkCode } from "../../../api/admin/3pay/api-types"
import type { AddressCheckState } from "./use-address-check"

type Props = {
  network: NetworkCode
  value: string
  onChange: (value: string) => void
  check: AddressCheckState
  lowercaseConfirmed: boolean
  onLowercaseConfirmed: (confirmed: boolean) => void
}

export const RefundAddressField = ({ network, value, onChange, check, lowercaseConfirmed, onLowercaseConfirmed }: Props) => (
  <div className="flex flex-col gap-y-2">
    <Label htmlFor="threepay-refund-address" size="small" weight="plus">
      Destination address ({network})
    </Label>
    <Input
      id="threepay-refund-address"
      data-testid="threepay-refund-address"
      className="font-mono"
      autoComplete="off"
      spellCheck={false}
      maxLength={200}
      placeholder={network === "TRC20" ? "T…" : "0x…"}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      aria-invalid={check.state === "invalid" || check.state === "error"}
    />
    <div data-testid="threepay-refund-address-check" data-state={check.state}>
      {check.state === "checking" && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          Checking the address…
        </Text>
      )}
      {check.state === "invalid" && (
        <Hint variant="error" data-testid="threepay-refund-address-error" data-code={check.result.code}>
          {check.result.message ?? "This address is not valid."}
        </Hint>
      )}
      {check.state === "error" && <Hint variant="error">The address could not be checked: {check.message}</Hint>}
      {check.state === "valid" && check.result.checksum !== "lowercase" && (
        <Text size="xsmall" className="text-ui-fg-interactive" data-testid="threepay-refund-address-ok">
          Valid {network} address, checksum verified.
        </Text>
      )}
    </div>
    {check.state === "valid" && check.result.checksum === "lowercase" && (
      <div className="bg-ui-bg-subtle flex items-start gap-x-3 rounded-md p-3">
        <Checkbox
          id="threepay-refund-lowercase"
          data-testid="threepay-refund-confirm-lowercase"
          checked={lowercaseConfirmed}
          onCheckedChange={(c) => onLowercaseConfirmed(c === true)}
        />
        <Label htmlFor="threepay-refund-lowercase" size="small">
          {check.result.message ??
            "This Ethereum address is all lower case, so it carries no checksum and a typo cannot be detected."}{" "}
          I compared it character by character with the address the customer gave.
        </Label>
      </div>
    )}
  </div>
)
