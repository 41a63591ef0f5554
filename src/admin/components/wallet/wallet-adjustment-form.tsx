/**
 * A manual correction of a customer's balance: a signed USDT amount as an
 * exact decimal string, a required reason, then a confirmation step that
 * says in words what will happen. The server's adjustment workflow writes
 * one ledger entry with the reason and who made it, or refuses with a code.
 */
import { Alert, Button, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { usdt } from "../../lib/format"

/** The server's rule (validators.ts, AdminWalletAdjustmentSchema), checked here first so a typo never leaves the page. */
const AMOUNT_RE = /^-?\d+(\.\d{1,6})?$/
const REASON_MIN = 3
const REASON_MAX = 500

/**
 * js-sdk's FetchError keeps the status and message but drops the body's
 * `code`; on this route each status has one code (README, "Customer wallets",
 * Admin API), so the code is named from it.
 */
const CODE_BY_STATUS: Record<number, string> = {
  404: "threepay_wallet_not_found",
  409: "threepay_balance_short",
}

function failure(e: unknown): { code: string | null; message: string } {
  const status = (e as { status?: number } | null)?.status
  const code = status ? CODE_BY_STATUS[status] ?? (status === 400 ? "invalid_data" : null) : null
  return { code, message: errorMessage(e) }
}

/** "+5" and " 5 " are "5"; the sign is kept for a take. */
const normalize = (raw: string) => raw.trim().replace(/^\+/, "")

export const WalletAdjustmentForm = ({ customerId, available }: { customerId: string; available: string }) => {
  const queryClient = useQueryClient()
  const [amount, setAmount] = useState("")
  const [reason, setReason] = useState("")
  const [reviewing, setReviewing] = useState(false)
  const value = normalize(amount)
  const amountError = !value ? null : !AMOUNT_RE.test(value) ? 'A USDT amount such as "5" or "-2.5", at most 6 decimals.' : !/[1-9]/.test(value) ? "Not zero." : null
  const reasonOk = reason.trim().length >= REASON_MIN
  const ready = !!value && !amountError && reasonOk
  const taking = value.startsWith("-")

  const adjust = useMutation({
    mutationFn: () => threepayApi.adjustWallet(customerId, { amount: value, reason: reason.trim() }),
    onSuccess: async (r) => {
      toast.success("Balance adjusted", { description: `${r.entry.change} USDT · available ${usdt(r.wallet.balance.available)}` })
      setAmount("")
      setReason("")
      setReviewing(false)
      await queryClient.invalidateQueries({ queryKey: threepayKeys.customerWallet(customerId) })
    },
  })
  const err = adjust.isError ? failure(adjust.error) : null

  return (
    <div className="flex flex-col gap-y-3 px-6 py-4" data-testid="threepay-wallet-adjust">
      <Text size="small" weight="plus" leading="compact" className="text-ui-fg-subtle">
        Adjust the balance
      </Text>
      {!reviewing ? (
        <>
          <div className="grid grid-cols-1 gap-3 md:grid-cols-[160px_1fr]">
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall" htmlFor="threepay-adjust-amount">
                Amount (USDT)
              </Label>
              <Input
                id="threepay-adjust-amount"
                size="small"
                inputMode="decimal"
                placeholder="5 or -2.5"
                value={amount}
                aria-invalid={!!amountError}
                onChange={(e) => setAmount(e.target.value)}
                data-testid="threepay-wallet-adjust-amount"
              />
              {amountError && (
                <Text size="xsmall" className="text-ui-fg-error" data-testid="threepay-wallet-adjust-amount-error">
                  {amountError}
                </Text>
              )}
            </div>
            <div className="flex flex-col gap-y-1">
              <Label size="xsmall" htmlFor="threepay-adjust-reason">
                Reason (required, kept on the entry for good)
              </Label>
              <Textarea
                id="threepay-adjust-reason"
                rows={2}
                maxLength={REASON_MAX}
                placeholder="e.g. refund of order #1042 to the balance"
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                data-testid="threepay-wallet-adjust-reason"
              />
            </div>
          </div>
          <div className="flex items-center justify-end">
            <Button size="small" variant="secondary" disabled={!ready} onClick={() => (adjust.reset(), setReviewing(true))} data-testid="threepay-wallet-adjust-review">
              Review adjustment
            </Button>
          </div>
        </>
      ) : (
        <div className="flex flex-col gap-y-3" data-testid="threepay-wallet-adjust-confirmation">
          <Alert variant={taking ? "warning" : "info"}>
            <Text size="small" weight="plus" leading="compact">
              {taking ? `Take ${value.slice(1)} USDT from` : `Add ${value} USDT to`} this customer's available balance (now {usdt(available)}).
            </Text>
            <Text size="small" leading="compact" className="mt-1">
              Reason: {reason.trim()}
            </Text>
            <Text size="xsmall" leading="compact" className="text-ui-fg-subtle mt-1">
              The entry cannot be deleted; a mistake is corrected by another adjustment.
            </Text>
          </Alert>
          {err && (
            <Alert variant="error" data-testid="threepay-wallet-adjust-error" data-code={err.code ?? ""}>
              <Text size="small" weight="plus" leading="compact">
                {err.code ? <span className="font-mono">{err.code}</span> : "Refused"}
              </Text>
              <Text size="small" leading="compact" className="mt-1">
                {err.message}
              </Text>
            </Alert>
          )}
          <div className="flex items-center justify-end gap-x-2">
            <Button size="small" variant="transparent" disabled={adjust.isPending} onClick={() => setReviewing(false)} data-testid="threepay-wallet-adjust-back">
              Back
            </Button>
            <Button size="small" isLoading={adjust.isPending} onClick={() => adjust.mutate()} data-testid="threepay-wallet-adjust-confirm">
              Confirm adjustment
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
