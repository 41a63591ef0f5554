/**
 * A signed copy of an invoice as 3PAY just reported it, handed by the webhook
 * pipeline to the provider when it refreshes a session's data (expired,
 * underpaid, detected). The pipeline re-read the invoice moments before; this
 * spares the provider a second identical call within 3PAY's rate budget.
 * Authorisation never uses it: authorizePayment always asks 3PAY itself.
 */
import { z } from "zod"
import { INVOICE_STATUSES } from "medusa-payment-3pay-client"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { signNote, verifyNote } from "./checkout-handoff"

export const SNAPSHOT_FIELD = "snapshot"
const PURPOSE = "session-snapshot"

const nullableString = z.string().nullable()
const detailsSchema = z.object({
  transactionId: z.string(),
  invoiceNo: nullableString,
  type: nullableString,
  status: z.enum(INVOICE_STATUSES),
  rawStatus: z.string(),
  currencyType: z.enum(["USDT-TRC20", "USDT-ERC20"]).nullable(),
  network: z.enum(["TRC20", "ERC20"]).nullable(),
  amount: nullableString,
  actualBalance: nullableString,
  fee: nullableString,
  netAmount: nullableString,
  walletAddress: nullableString,
  blockchainTxHash: nullableString,
  paymentUrl: nullableString,
  referenceId: nullableString,
  createdAt: nullableString,
  confirmedAt: nullableString,
  expiresAt: nullableString,
})

const snapshotSchema = z.object({ v: z.literal(1), iat: z.number(), details: detailsSchema })

export function signSnapshot(details: InvoiceDetails, apiKey: string): string {
  return signNote({ v: 1, iat: Date.now(), details }, apiKey, PURPOSE)
}

export function readSnapshot(token: unknown, apiKey: string, transactionId: string): InvoiceDetails | null {
  const r = verifyNote(token, apiKey, PURPOSE, snapshotSchema)
  if (!r.ok || r.value.details.transactionId !== transactionId) return null
  return r.value.details as InvoiceDetails
}
