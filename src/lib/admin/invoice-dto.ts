/**
 * A ledger row as the admin API's invoice. The typed assignment (no cast on
 * the result) makes the compiler report any drift between invoiceView() and
 * the shape the admin UI reads (api-types.ts).
 */
import { invoiceView, type LedgerRow } from "../invoice-view"
import type { InvoiceViewDto } from "./api-types"

export function invoiceDto(row: object): InvoiceViewDto {
  // Rows come from MedusaService's generated list methods, whose inferred
  // type is wider than LedgerRow (dates as Date, json as unknown).
  const view: InvoiceViewDto = invoiceView(row as LedgerRow)
  return view
}
