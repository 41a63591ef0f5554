/**
 * The customer widget's card: the customer's USDT addresses, the balance,
 * 3PAY's balance beside the ledger's, flags, the ledger's entries (newest
 * first, paged), "Re-check at 3PAY" and a manual adjustment.
 */
import { ArrowPath } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Table, Text, toast } from "@medusajs/ui"
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import type { AdminWalletDto } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { timeAgo } from "../../lib/format"
import { InvoiceWarnings } from "../order/invoice-warnings"
import { WalletAddresses } from "./wallet-addresses"
import { WalletAdjustmentForm } from "./wallet-adjustment-form"
import { WalletBalance } from "./wallet-balance"
import { WalletEntriesTable } from "./wallet-entries-table"

const PAGE = 20

const Header = ({ wallet }: { wallet?: AdminWalletDto | null }) => (
  <div className="flex items-center justify-between gap-x-2 px-6 py-4">
    <Heading level="h2">USDT balance</Heading>
    {wallet?.environment === "sandbox" && (
      <Badge size="2xsmall" color="orange">
        Sandbox
      </Badge>
    )}
  </div>
)

export const CustomerWalletCard = ({ customerId }: { customerId: string }) => {
  const queryClient = useQueryClient()
  const [page, setPage] = useState(0)
  const q = useQuery({
    queryKey: [...threepayKeys.customerWallet(customerId), PAGE, page * PAGE],
    queryFn: () => threepayApi.customerWallet(customerId, PAGE, page * PAGE),
    placeholderData: keepPreviousData,
    staleTime: 10_000,
  })
  const recheck = useMutation({
    mutationFn: () => threepayApi.recheckWallet(customerId),
    onSuccess: async (r) => {
      const { credited, difference, orders } = r.result
      toast.success("Re-checked at 3PAY", {
        description: [
          credited ? `${credited} deposit(s) credited` : "no new deposit",
          orders.length ? `${orders.length} order(s) paid` : null,
          difference !== null ? `3PAY differs by ${difference} USDT` : "3PAY agrees with the ledger",
        ]
          .filter(Boolean)
          .join(" · "),
      })
      await queryClient.invalidateQueries({ queryKey: threepayKeys.customerWallet(customerId) })
    },
    onError: (e) => toast.error("Re-check failed", { description: errorMessage(e) }),
  })

  if (q.isLoading) return null
  if (q.isError) {
    return (
      <Container className="divide-y p-0" data-testid="threepay-wallet-error">
        <Header />
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            The customer's USDT balance could not be loaded: {errorMessage(q.error)}
          </Text>
        </div>
      </Container>
    )
  }
  const wallet = q.data?.wallet
  // A store that offers no balances: nothing at all on its customers.
  if (!wallet && !q.data?.wallets_enabled) return null
  if (!wallet) {
    // Most customers never open one: a quiet line, nothing to do.
    return (
      <Container className="flex items-center justify-between gap-x-2 px-6 py-4" data-testid="threepay-wallet-none">
        <Text size="small" className="text-ui-fg-subtle">
          No USDT balance: this customer has not used a deposit address yet.
        </Text>
      </Container>
    )
  }

  const pageCount = Math.max(1, Math.ceil(wallet.entries_count / PAGE))
  return (
    <Container className="divide-y p-0" data-testid="threepay-wallet" data-customer-id={wallet.customer_id}>
      <Header wallet={wallet} />
      <InvoiceWarnings reasons={wallet.attention} />
      <WalletAddresses addresses={wallet.addresses} />
      <WalletBalance wallet={wallet} />

      <div className="flex flex-col" data-testid="threepay-wallet-ledger">
        <div className="flex items-center justify-between gap-x-2 px-6 py-4">
          <Text size="small" weight="plus" leading="compact" className="text-ui-fg-subtle">
            Ledger
          </Text>
          <Text size="xsmall" className="text-ui-fg-subtle" data-testid="threepay-wallet-entries-count">
            {wallet.entries_count} {wallet.entries_count === 1 ? "entry" : "entries"}
          </Text>
        </div>
        {wallet.entries.length ? (
          <>
            <WalletEntriesTable entries={wallet.entries} />
            {wallet.entries_count > PAGE && (
              <Table.Pagination
                count={wallet.entries_count}
                pageSize={PAGE}
                pageIndex={page}
                pageCount={pageCount}
                canPreviousPage={page > 0}
                canNextPage={page + 1 < pageCount}
                previousPage={() => setPage((p) => Math.max(0, p - 1))}
                nextPage={() => setPage((p) => Math.min(pageCount - 1, p + 1))}
                data-testid="threepay-wallet-entries-pages"
              />
            )}
          </>
        ) : (
          <div className="px-6 pb-4">
            <Text size="small" className="text-ui-fg-subtle">
              No entry yet: nothing deposited, held or adjusted.
            </Text>
          </div>
        )}
      </div>

      <WalletAdjustmentForm customerId={customerId} available={wallet.balance.available} />

      <div className="flex items-center justify-between gap-x-2 px-6 py-4">
        <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
          3PAY user <span className="font-mono">{wallet.user_id}</span> · checked with 3PAY {timeAgo(wallet.last_synced_at)}
        </Text>
        <Button size="small" variant="secondary" isLoading={recheck.isPending} onClick={() => recheck.mutate()} data-testid="threepay-wallet-recheck">
          <ArrowPath />
          Re-check at 3PAY
        </Button>
      </div>
    </Container>
  )
}
