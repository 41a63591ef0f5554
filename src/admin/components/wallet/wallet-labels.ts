/**
 * Words and colours for a customer's credit ledger: what each kind of entry
 * means to a merchant, and who wrote it.
 */
import type { AdminWalletEntryDto } from "../../../api/admin/3pay/api-types"
import type { BadgeColor } from "../../lib/format"

type Kind = AdminWalletEntryDto["kind"]

export const ENTRY_KIND: Record<Kind, { label: string; color: BadgeColor; meaning: string }> = {
  deposit: { label: "Deposit", color: "green", meaning: "USDT that arrived on chain, credited once" },
  hold: { label: "Hold", color: "blue", meaning: "an order's amount reserved (Medusa's authorization)" },
  debit: { label: "Debit", color: "purple", meaning: "the order took the held amount (the capture)" },
  release: { label: "Release", color: "orange", meaning: "a hold given back: the order could not be made" },
  adjustment: { label: "Adjustment", color: "grey", meaning: "a correction by an admin, with its reason" },
}

/** "webhook", "reconciliation"… as they are; "user:…" / "api-key:…" as who it was. */
export function actorLabel(actor: string): string {
  if (actor.startsWith("user:")) return `admin ${actor.slice(5)}`
  if (actor.startsWith("api-key:")) return `API key ${actor.slice(8)}`
  return actor
}

/** The sign of a change for colour only ("+5", "-2.5", "0"); the string itself is shown as sent. */
export const changeTone = (change: string) =>
  change.startsWith("-") ? "text-ui-fg-error" : change === "0" || !/[1-9]/.test(change) ? "text-ui-fg-subtle" : "text-ui-tag-green-text"
