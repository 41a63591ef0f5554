/**
 * "Mark as handled" for a payment that needs attention, with an optional note
 * of what was done. Shown on the order widget and in the "Needs attention"
 * list; the item leaves the list until a new flag appears on it.
 */
import { Button, Input, Text, toast } from "@medusajs/ui"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { useState } from "react"
import { errorMessage, threepayApi, threepayKeys } from "../lib/api"
import { formatDateTime } from "../lib/format"

type Resolved = { at: string; by: string | null; note: string | null } | null

export const ResolveAttention = ({ transactionId, resolved }: { transactionId: string; resolved: Resolved }) => {
  const queryClient = useQueryClient()
  const [note, setNote] = useState("")
  const [open, setOpen] = useState(false)
  const resolve = useMutation({
    mutationFn: () => threepayApi.resolve(transactionId, note.trim() || undefined),
    onSuccess: async () => {
      toast.success("Marked as handled")
      setOpen(false)
      await queryClient.invalidateQueries({ queryKey: threepayKeys.all })
    },
    onError: (e) => toast.error(errorMessage(e)),
  })

  if (resolved) {
    return (
      <Text size="xsmall" className="text-ui-fg-subtle" data-testid="threepay-resolved">
        Handled{resolved.by ? ` by ${resolved.by}` : ""} on {formatDateTime(resolved.at)}
        {resolved.note ? `: ${resolved.note}` : ""}
      </Text>
    )
  }
  if (!open) {
    return (
      <div>
        <Button size="small" variant="secondary" onClick={() => setOpen(true)} data-testid="threepay-resolve">
          Mark as handled
        </Button>
      </div>
    )
  }
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Input
        size="small"
        className="min-w-[240px] flex-1"
        placeholder="What was done (optional), e.g. refunded 3 USDT"
        value={note}
        maxLength={500}
        onChange={(e) => setNote(e.target.value)}
        data-testid="threepay-resolve-note"
      />
      <Button size="small" isLoading={resolve.isPending} onClick={() => resolve.mutate()} data-testid="threepay-resolve-confirm">
        Mark as handled
      </Button>
      <Button size="small" variant="transparent" onClick={() => setOpen(false)}>
        Cancel
      </Button>
    </div>
  )
}
