/**
 * The confirmation step: the full address back, in groups of four in a
 * monospace font, with its network and the amount, for one last comparison
 * with what the customer gave. USDT sent to a wrong address is gone for good.
 */
import { Alert, Badge, Text } from "@medusajs/ui"
import type { NetworkCode } from "../../../api/admin/3pay/api-types"
import { groupAddress, usdt } from "../../lib/format"

type Props = { amount: string; network: NetworkCode; address: string; recased: boolean; lowercase: boolean; note: string }

export const RefundReview = ({ amount, network, address, recased, lowercase, note }: Props) => (
  <div className="flex flex-col gap-y-4" data-testid="threepay-refund-review">
    <Alert variant="warning">
      Compare the address with the one the customer gave, group by group. A transfer to a wrong address cannot be reversed.
    </Alert>
    <div className="flex flex-col gap-y-1">
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        Amount
      </Text>
      <Text size="xlarge" weight="plus" data-testid="threepay-refund-review-amount">
        {usdt(amount)}
      </Text>
    </div>
    <div className="flex flex-col gap-y-1">
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        Network
      </Text>
      <div>
        <Badge color="blue" data-testid="threepay-refund-review-network">
          {network}
        </Badge>
      </div>
    </div>
    <div className="flex flex-col gap-y-1">
      <Text size="small" weight="plus" className="text-ui-fg-subtle">
        To address
      </Text>
      <p
        className="bg-ui-bg-subtle txt-large flex flex-wrap gap-x-3 gap-y-1 break-all rounded-md p-3 font-mono"
        data-testid="threepay-refund-review-address"
        data-address={address}
        aria-label={address}
      >
        {groupAddress(address).map((g, i) => (
          <span key={i}>{g}</span>
        ))}
      </p>
      {(recased || lowercase) && (
        <Text size="xsmall" className="text-ui-fg-subtle">
          {recased ? "Shown in its checksummed letter case: the same address as typed. " : ""}
          {lowercase ? "It was given without a case checksum: you confirmed it by comparison." : ""}
        </Text>
      )}
    </div>
    {note && (
      <div className="flex flex-col gap-y-1">
        <Text size="small" weight="plus" className="text-ui-fg-subtle">
          Note
        </Text>
        <Text size="small">{note}</Text>
      </div>
    )}
  </div>
)
