import type {
  ActivityEvent,
  CallRecord,
  Delivery,
  Invoice,
  UserTransaction,
  WalletUser,
  Withdrawal,
} from "./types"

const MAX_LOG = 2000

export type StoreInit = { webhookUrl: string | null; webhookSecret: string; merchantBalance: bigint }

/** Everything the emulator remembers. In memory only; `reset()` empties it. */
export class Store {
  invoices = new Map<string, Invoice>()
  private byCode = new Map<string, string>()
  private byInvoiceNo = new Map<string, string>()
  users = new Map<string, WalletUser>()
  userTransactions: UserTransaction[] = []
  withdrawals = new Map<string, Withdrawal>()
  deliveries = new Map<string, Delivery>()
  activity: ActivityEvent[] = []
  calls = new Map<string, number>()
  callLog: CallRecord[] = []
  invoiceCounter = 0
  /** 3PAY's balance model: `totalAmt` available, `pendingAmt` locked by pending withdrawals. */
  merchant = { totalAmt: 0n, pendingAmt: 0n }
  webhookUrl: string | null = null
  webhookSecret = ""

  constructor(private readonly init: StoreInit) {
    this.reset()
  }

  reset(): void {
    this.invoices.clear()
    this.byCode.clear()
    this.byInvoiceNo.clear()
    this.users.clear()
    this.userTransactions = []
    this.withdrawals.clear()
    this.deliveries.clear()
    this.activity = []
    this.calls.clear()
    this.callLog = []
    this.invoiceCounter = 0
    this.merchant = { totalAmt: this.init.merchantBalance, pendingAmt: 0n }
    this.webhookUrl = this.init.webhookUrl
    this.webhookSecret = this.init.webhookSecret
  }

  addInvoice(invoice: Invoice): void {
    this.invoices.set(invoice.transactionId, invoice)
    this.byCode.set(invoice.code, invoice.transactionId)
    this.byInvoiceNo.set(invoice.invoiceNo, invoice.transactionId)
  }

  /** By transactionId, invoiceNo or page code. */
  findInvoice(id: string | null | undefined): Invoice | undefined {
    if (!id) return undefined
    const key = this.invoices.has(id) ? id : this.byInvoiceNo.get(id) ?? this.byCode.get(id)
    return key ? this.invoices.get(key) : undefined
  }

  pushActivity(event: ActivityEvent): void {
    this.activity.push(event)
    if (this.activity.length > MAX_LOG) this.activity.splice(0, this.activity.length - MAX_LOG)
  }

  countCall(record: CallRecord): void {
    this.calls.set(record.endpoint, (this.calls.get(record.endpoint) ?? 0) + 1)
    this.callLog.push(record)
    if (this.callLog.length > MAX_LOG) this.callLog.splice(0, this.callLog.length - MAX_LOG)
  }
}
