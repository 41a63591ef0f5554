/** 3PAY answers as the docs (and their variants) show them. */
import { T0 } from "./helpers"

export const TX = "ad0af7f0-4098-433f-99ec-6ac177cb65c2"
export const TRON_ADDR = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"
export const ETH_ADDR = "0x52908400098527886E0F7030069857D2E4169EE7"

export function invoiceData(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    transactionId: TX,
    invoiceNo: "INV-68867691dc1638356730b2c6-0073",
    type: "deposit",
    status: "initiated",
    amount: 12.5,
    fee: 0,
    netAmount: 12.5,
    actualBalance: 0,
    currencyType: "USDT-TRC20",
    walletAddress: TRON_ADDR,
    blockchainTxHash: null,
    createdAt: new Date(T0).toISOString(),
    paymentUrl: "https://sandbox.pay.3pa-y.com/s/ovU45L84",
    ...overrides,
  }
}

export function createAnswer(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    success: true,
    url: "https://sandbox.pay.3pa-y.com/s/abc123",
    transactionId: TX,
    invoiceNo: "INV-67890-0001",
    ...overrides,
  }
}

export function listAnswer(docs: unknown[], meta: Record<string, unknown> = {}): Record<string, unknown> {
  return { success: true, data: { docs, page: 1, limit: 20, totalPages: 1, totalDocs: docs.length, ...meta } }
}
