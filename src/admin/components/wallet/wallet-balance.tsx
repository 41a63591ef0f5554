/**
 * The balance as the ledger folds it (available / held / total), and 3PAY's
 * own report of the user's balance beside what the ledger expects it to be.
 * A difference is a flag for a person, never trusted: it is shown loudly.
 */
import { Badge, Text } from "@medusajs/ui"
import type { AdminWalletDto } from "../../../api/admin/3pay/api-types"
import { formatDateTime, timeAgo, usdt } from "../../lib/format"
import { Row } from "../row"

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <div className="flex flex-col">
    <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
      {label}
    </Text>
    <Text size="large" weight="plus" leading="compact" className="font-mono" data-testid={testId}>
      {value} <span className="text-ui-fg-subtle txt-compact-small">USDT</span>
    </Text>
  </div>
)

export const WalletBalance = ({ wallet }: { wallet: AdminWalletDto }) => {
  const t = wallet.threepay
  const mismatch = t.difference !== null
  return (
    <>
      <div className="grid grid-cols-3 gap-4 px-6 py-4" data-testid="threepay-wallet-balance">
        <Figure label="Available" value={wallet.balance.available} testId="threepay-wallet-available" />
        <Figure label="Held for orders" value={wallet.balance.held} testId="threepay-wallet-held" />
        <Figure label="Total" value={wallet.balance.total} testId="threepay-wallet-total" />
      </div>
      <div data-testid="threepay-wallet-comparison" data-mismatch={mismatch ? "true" : "false"}>
        <div className="flex items-center justify-between gap-x-2 px-6 pt-4">
          <Text size="small" weight="plus" leading="compact" className="text-ui-fg-subtle">
            3PAY's balance of this customer
          </Text>
          {t.reported === null ? (
            <Badge size="2xsmall" color="grey">
              Not read yet
            </Badge>
          ) : mismatch ? (
            <Badge size="2xsmall" color="red" data-testid="threepay-wallet-mismatch">
              Mismatch
            </Badge>
          ) : (
            <Badge size="2xsmall" color="green">
              Matches the ledger
            </Badge>
          )}
        </div>
        <Row title="Reported by 3PAY" testId="threepay-wallet-reported">
          {usdt(t.reported)}
        </Row>
        <Row title="Expected from the ledger" testId="threepay-wallet-expected">
          {usdt(t.expected)}
          <span className="text-ui-fg-muted">({t.balance_model === "running" ? "net of every deposit" : "deposits swept to the merchant"})</span>
        </Row>
        {mismatch && (
          <Row title="Difference" testId="threepay-wallet-difference">
            <span className="text-ui-fg-error font-mono">{usdt(t.difference)}</span>
          </Row>
        )}
        <Row title="Read at 3PAY" testId="threepay-wallet-read-at">
          {t.read_at ? `${formatDateTime(t.read_at)} (${timeAgo(t.read_at)})` : "never"}
        </Row>
      </div>
    </>
  )
}
