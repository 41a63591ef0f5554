/** The customer's permanent USDT addresses, one per network, with explorer links and copy buttons. */
import { Badge, Copy, Text } from "@medusajs/ui"
import type { AdminWalletDto } from "../../../api/admin/3pay/api-types"
import { ExternalLink } from "../external-link"

export const WalletAddresses = ({ addresses }: { addresses: AdminWalletDto["addresses"] }) => (
  <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="threepay-wallet-addresses">
    <Text size="small" weight="plus" leading="compact" className="text-ui-fg-subtle">
      Deposit addresses
    </Text>
    {addresses.length === 0 && (
      <Text size="small" className="text-ui-fg-subtle">
        No address yet.
      </Text>
    )}
    {addresses.map((a) => (
      <div key={a.network} className="flex flex-wrap items-center gap-2" data-testid="threepay-wallet-address" data-network={a.network}>
        <Badge size="2xsmall" color="blue" title={a.network_label}>
          {a.network}
        </Badge>
        <span className="txt-compact-small break-all">
          <ExternalLink href={a.address_explorer_url} testId="threepay-wallet-address-link">
            {a.address}
          </ExternalLink>
        </span>
        <Copy content={a.address} variant="mini" data-testid="threepay-wallet-address-copy" />
      </div>
    ))}
  </div>
)
