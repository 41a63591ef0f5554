/**
 * A ledger row, as MedusaService's generated list methods return it, as the
 * admin API's invoice (invoice-view.ts).
 */
import type { LedgerInvoice } from "../../../modules/threepay/ledger"
import type { InvoiceViewDto } from "./api-types"
import { invoiceView } from "./invoice-view"

export function invoiceDto(row: object): InvoiceViewDto {
  return invoiceView(row as LedgerInvoice)
}
