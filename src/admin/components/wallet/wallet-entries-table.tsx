/**
 * Ledger entries of a customer's balance, as the merchant reads them: when,
 * what kind, the change to the available balance, what was left, and the
 * reason with who wrote it, the transaction on chain and the order (the
 * customer widget shows a page at a time).
 */
import { Badge, Copy, Table, Text } from "@medusajs/ui"
import type { AdminWalletEntryDto } from "../../../api/admin/3pay/api-types"
import { formatDateTime, shorten } from "../../lib/format"
import { ExternalLink } from "../external-link"
import { OrderLink } from "../order-link"
import { actorLabel, changeTone, ENTRY_KIND } from "./wallet-labels"

const TxCell = ({ e }: { e: AdminWalletEntryDto }) => {
  if (!e.tx_hash) return null
  return (
    <span className="flex items-center gap-x-1">
      {e.tx_explorer_url ? (
        <ExternalLink href={e.tx_explorer_url} testId="threepay-wallet-entry-tx">
          {shorten(e.tx_hash, 8, 6)}
        </ExternalLink>
      ) : (
        <span className="font-mono">{shorten(e.tx_hash, 8, 6)}</span>
      )}
      <Copy content={e.tx_hash} variant="mini" />
    </span>
  )
}

export const WalletEntriesTable = ({ entries }: { entries: AdminWalletEntryDto[] }) => (
  <div className="overflow-x-auto">
    <Table data-testid="threepay-wallet-entries">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>When</Table.HeaderCell>
          <Table.HeaderCell>Kind</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Change</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Available after</Table.HeaderCell>
          <Table.HeaderCell>Reason</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {entries.map((e) => {
          const kind = ENTRY_KIND[e.kind] ?? { label: e.kind, color: "grey" as const, meaning: "" }
          return (
            <Table.Row key={e.id} data-testid="threepay-wallet-entry" data-kind={e.kind} data-entry-id={e.id}>
              <Table.Cell className="whitespace-nowrap">{formatDateTime(e.created_at)}</Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color={kind.color} title={kind.meaning}>
                  {kind.label}
                </Badge>
                {e.network && <span className="text-ui-fg-muted ml-1 text-xs">{e.network}</span>}
              </Table.Cell>
              <Table.Cell className={`text-right font-mono ${changeTone(e.change)}`} data-testid="threepay-wallet-entry-change">
                {e.change}
                {e.kind === "debit" && <div className="txt-compact-xsmall text-ui-fg-subtle">{e.amount} held, paid</div>}
              </Table.Cell>
              <Table.Cell className="text-right font-mono">{e.available_after}</Table.Cell>
              <Table.Cell className="min-w-[200px] whitespace-normal">
                <Text size="small" leading="compact" data-testid="threepay-wallet-entry-reason">
                  {e.reason}
                </Text>
                <div className="txt-compact-xsmall text-ui-fg-subtle flex flex-wrap items-center gap-x-2">
                  <span>by {actorLabel(e.actor)}</span>
                  <TxCell e={e} />
                  {e.order_id && <OrderLink orderId={e.order_id} testId="threepay-wallet-entry-order" />}
                </div>
              </Table.Cell>
            </Table.Row>
          )
        })}
      </Table.Body>
    </Table>
  </div>
)
