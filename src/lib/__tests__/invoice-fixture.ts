import { normalizeInvoiceStatus } from "medusa-payment-3pay-client"
import type { InvoiceDetails } from "medusa-payment-3pay-client"

/** A 100 USDT TRC20 deposit as 3PAY reports it, with `status` and any overrides. */
export function invoiceDetails(status: string, over: Partial<InvoiceDetails> = {}): InvoiceDetails {
  return {
    transactionId: "tx",
    invoiceNo: null,
    type: "deposit",
    status: normalizeInvoiceStatus(status),
    rawStatus: status,
    currencyType: "USDT-TRC20",
    network: "TRC20",
    amount: "100",
    actualBalance: null,
    fee: null,
    netAmount: null,
    walletAddress: null,
    blockchainTxHash: null,
    paymentUrl: null,
    referenceId: null,
    createdAt: null,
    confirmedAt: null,
    expiresAt: null,
    ...over,
  }
}
