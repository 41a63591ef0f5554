/**
 * "Refund in USDT": amount, the payment's network (fixed), the destination
 * address, then a confirmation step, then one request. The form makes its
 * idempotency key once, when it opens: a double click, a retry after a lost
 * answer or a second submit all name the same refund, so the server makes
 * one withdrawal. A refusal (4xx: the address, the amount, or 3PAY saying
 * no at once, which the list then shows) settles that key: the next submit,
 * with whatever the admin changed, is a new refund with a new key. Closing
 * the drawer discards the form (and its key).
 */
import { Alert, Badge, Button, Drawer, Input, Label, Text, Textarea, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import type { RefundableDto } from "../../../api/admin/3pay/api-types"
import { errorMessage, threepayApi, threepayKeys } from "../../lib/api"
import { isPositive, usdt } from "../../lib/format"
import { newIdempotencyKey, wasRefused } from "../../lib/idempotency-key"
import { checkRefundAmount } from "../../lib/refund-amount"
import { refundStatus } from "../../lib/refund-status"
import { RefundAddressField } from "./refund-address-field"
import { RefundReview } from "./refund-review"
import { useAddressCheck } from "./use-address-check"

type Props = { orderId: string; refundable: RefundableDto; open: boolean; onOpenChange: (open: boolean) => void }

export const RefundDrawer = ({ orderId, refundable, open, onOpenChange }: Props) => (
  <Drawer open={open} onOpenChange={onOpenChange}>
    <Drawer.Content data-testid="threepay-refund-drawer">
      <Drawer.Header>
        <Drawer.Title>Refund in USDT</Drawer.Title>
      </Drawer.Header>
      {/* Mounted only while open: each opening is a new form with a new key. */}
      {open && <RefundForm orderId={orderId} refundable={refundable} onDone={() => onOpenChange(false)} />}
    </Drawer.Content>
  </Drawer>
)

const RefundForm = ({ orderId, refundable, onDone }: { orderId: string; refundable: RefundableDto; onDone: () => void }) => {
  const queryClient = useQueryClient()
  const [idempotencyKey, setIdempotencyKey] = useState(newIdempotencyKey)
  const [step, setStep] = useState<"edit" | "review">("edit")
  const [amount, setAmount] = useState("")
  const [address, setAddress] = useState("")
  const [lowercaseConfirmed, setLowercaseConfirmed] = useState(false)
  const [note, setNote] = useState("")
  const [serverError, setServerError] = useState<string | null>(null)

  const network = refundable.network
  const amountCheck = checkRefundAmount(amount, refundable.amount)
  const check = useAddressCheck(network, address)
  const lowercase = check.state === "valid" && check.result.checksum === "lowercase"
  // What is sent and shown back: the server's normalized form (trimmed; Ethereum in its EIP-55 case).
  const destination = check.state === "valid" ? check.result.address : address.trim()
  const ready = amountCheck.ok && check.state === "valid" && (!lowercase || lowercaseConfirmed)

  const submit = useMutation({
    mutationFn: () => {
      if (!amountCheck.ok) throw new Error(amountCheck.message)
      return threepayApi.createRefund(orderId, {
        payment_id: refundable.payment_id,
        amount: amountCheck.amount,
        address: destination,
        network,
        idempotency_key: idempotencyKey,
        ...(lowercase ? { confirm_lowercase: true } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      })
    },
    onSuccess: async ({ refund }) => {
      // 201 answers with the refund as it stands: 3PAY may already have refused it (flagged in the list).
      const status = refundStatus(refund.status)
      const description = `${usdt(refund.amount)} on ${refund.network}: ${status.label}`
      if (refund.status === "rejected" || refund.status === "failed") toast.error("Refund not sent", { description })
      else if (status.problem) toast.warning("Refund requested, outcome not known yet", { description })
      else toast.success("Refund requested", { description })
      onDone()
      await queryClient.invalidateQueries({ queryKey: threepayKeys.refunds(orderId) })
      await queryClient.invalidateQueries({ queryKey: threepayKeys.order(orderId) })
      // The refund is recorded on Medusa's payment too: refresh the dashboard's order views.
      await queryClient.invalidateQueries({ queryKey: ["orders"] })
    },
    onError: async (e) => {
      setServerError(errorMessage(e))
      if (!wasRefused(e)) return
      setIdempotencyKey(newIdempotencyKey())
      // 3PAY may have refused it at once: the refund is recorded, and listed.
      await queryClient.invalidateQueries({ queryKey: threepayKeys.refunds(orderId) })
    },
  })

  const changeAddress = (value: string) => {
    setAddress(value)
    setLowercaseConfirmed(false)
    setServerError(null)
  }

  return (
    <>
      <Drawer.Body className="flex flex-col gap-y-6 overflow-y-auto">
        {step === "edit" ? (
          <>
            <div className="flex items-center justify-between gap-x-2" data-testid="threepay-refund-network">
              <Text size="small" weight="plus">
                Network
              </Text>
              <Badge color="blue" size="large">
                USDT on {network}
              </Badge>
            </div>
            <Text size="xsmall" className="text-ui-fg-subtle -mt-4">
              A refund goes back on the network the customer paid on.
            </Text>

            <div className="bg-ui-bg-subtle grid grid-cols-2 gap-1 rounded-md p-3 txt-compact-small" data-testid="threepay-refund-limits">
              <span className="text-ui-fg-subtle">Captured</span>
              <span>{usdt(refundable.captured)}</span>
              <span className="text-ui-fg-subtle">Already refunded</span>
              <span>{usdt(refundable.refunded)}</span>
              {isPositive(refundable.excess) && (
                <>
                  <span className="text-ui-fg-subtle">Overpaid (excess)</span>
                  <span>{usdt(refundable.excess)}</span>
                </>
              )}
              <span className="text-ui-fg-subtle font-medium">Refundable</span>
              <span className="font-medium" data-testid="threepay-refund-refundable">
                {usdt(refundable.amount)}
              </span>
            </div>

            <div className="flex flex-col gap-y-2">
              <Label htmlFor="threepay-refund-amount" size="small" weight="plus">
                Amount (USDT)
              </Label>
              <div className="flex gap-x-2">
                <Input
                  id="threepay-refund-amount"
                  data-testid="threepay-refund-amount"
                  inputMode="decimal"
                  autoComplete="off"
                  placeholder="0.00"
                  className="flex-1"
                  value={amount}
                  onChange={(e) => {
                    setAmount(e.target.value)
                    setServerError(null)
                  }}
                  aria-invalid={amount.trim() !== "" && !amountCheck.ok}
                />
                <Button size="small" variant="secondary" type="button" onClick={() => setAmount(refundable.amount)} data-testid="threepay-refund-max">
                  All {usdt(refundable.amount)}
                </Button>
              </div>
              {amount.trim() !== "" && !amountCheck.ok && (
                <Text size="xsmall" className="text-ui-fg-error" data-testid="threepay-refund-amount-error">
                  {amountCheck.message}
                </Text>
              )}
            </div>

            <RefundAddressField
              network={network}
              value={address}
              onChange={changeAddress}
              check={check}
              lowercaseConfirmed={lowercaseConfirmed}
              onLowercaseConfirmed={setLowercaseConfirmed}
            />

            <div className="flex flex-col gap-y-2">
              <Label htmlFor="threepay-refund-note" size="small" weight="plus">
                Note (optional)
              </Label>
              <Textarea
                id="threepay-refund-note"
                data-testid="threepay-refund-note"
                maxLength={500}
                placeholder="Why, e.g. item returned"
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
          </>
        ) : (
          amountCheck.ok && <RefundReview amount={amountCheck.amount} network={network} address={destination} recased={destination !== address.trim()} lowercase={lowercase} note={note.trim()} />
        )}
        {serverError && (
          <Alert variant="error" data-testid="threepay-refund-error">
            {serverError}
          </Alert>
        )}
      </Drawer.Body>
      <Drawer.Footer>
        {step === "edit" ? (
          <>
            <Drawer.Close asChild>
              <Button size="small" variant="secondary">
                Cancel
              </Button>
            </Drawer.Close>
            <Button size="small" disabled={!ready} onClick={() => setStep("review")} data-testid="threepay-refund-continue">
              Review refund
            </Button>
          </>
        ) : (
          <>
            <Button size="small" variant="secondary" disabled={submit.isPending} onClick={() => setStep("edit")} data-testid="threepay-refund-back">
              Back
            </Button>
            <Button
              size="small"
              isLoading={submit.isPending}
              disabled={!ready || submit.isPending}
              onClick={() => submit.mutate()}
              data-testid="threepay-refund-submit"
            >
              Send {amountCheck.ok ? usdt(amountCheck.amount) : "refund"}
            </Button>
          </>
        )}
      </Drawer.Footer>
    </>
  )
}
