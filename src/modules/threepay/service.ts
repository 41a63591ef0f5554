/**
 * The plugin's data: the invoice ledger, the webhook ledger and the settings.
 * CRUD comes from MedusaService; this class adds the few operations that must
 * be atomic or that encode a rule (forward-only statuses, dedupe by content,
 * settings bounded by the options).
 */
import { generateEntityId, InjectManager, InjectTransactionManager, MedusaContext, MedusaService } from "@medusajs/framework/utils"
import type { Context, Logger } from "@medusajs/framework/types"
import type { EntityManager } from "@medusajs/framework/mikro-orm/knex"
import { fromMicro, toMicro, type InvoiceDetails, type Network, type ThreePayClient } from "medusa-payment-3pay-client"
import { PostgresRateBudgetStore, type SqlClient } from "../../lib/budget-store"
import { createThreePayClient } from "../../lib/make-client"
import { parseOptions, type ThreePayOptions } from "../../lib/options"
import { ThreePayInvoice } from "./models/invoice"
import { ThreePayJobState } from "./models/job-state"
import { ThreePayRateBlock } from "./models/rate-block"
import { ThreePayRateCall } from "./models/rate-call"
import { ThreePayRefund } from "./models/refund"
import { ThreePaySettings } from "./models/settings"
import { ThreePayWebhookDelivery } from "./models/webhook-delivery"
import { ThreePayWebhookEvent } from "./models/webhook-event"
import { ThreePayWalletCheckout } from "./models/wallet-checkout"
import { ThreePayWalletEntry } from "./models/wallet-entry"
import { ThreePayWalletUser } from "./models/wallet-user"
import type { AttentionCode } from "./attention"
import { ThreePayError } from "../../lib/errors"
import { refundableOf, type Refundable } from "./refund-rules"
import { refundHistoryPatch, type NewRefund, type RefundRow } from "./refund-rows"
import { attentionPatch, notePatch, snapshotPatch, type InvoicePatch, type LedgerInvoice, type LedgerSource, type SnapshotOutcome } from "./ledger"
import { effectiveSettings, validateSettingsInput, type EffectiveSettings, type SettingsInput } from "./settings-rules"
import { foldWallet, planEntries, type FoldableEntry } from "./wallet-ledger"
import type { AppendResult, WalletCheckoutRow, WalletEntryInput, WalletEntryRow, WalletUserRow } from "./wallet-rows"
import { countDeliveries, DUPLICATE_UNRECORDED, ledgerFootprint, newTallyId, pruneLedger, recordRefused, TALLY_ROW, tallyUpsert, type Execute, type LedgerFootprint, type PruneReport, type RefusedDelivery } from "./retention"

type InjectedDependencies = { logger?: Logger; __pg_connection__?: SqlClient }

/** What a new ledger row needs (see recordInvoice). */
export type NewInvoice = {
  transaction_id: string
  invoice_no: string | null
  reference: string
  kind: "checkout" | "top_up"
  network: Network
  flow: "pay_first" | "order_first"
  amount_usdt: string
  tolerance: string
  currency_code: string
  amount_fiat: string
  exchange_rate: string
  payment_url: string | null
  wallet_address: string | null
  customer_email: string | null
  requester_hash: string | null
  cart_id: string | null
  payment_collection_id: string
  expires_at: string | null
  note: string
}

export type RecordedEvent = {
  id: string
  duplicate: boolean
  delivery_count: number
  processing_status: string
}

class ThreePayModuleService extends MedusaService({
  ThreePayInvoice,
  ThreePayWebhookEvent,
  ThreePayWebhookDelivery,
  ThreePaySettings,
  ThreePayJobState,
  ThreePayRateCall,
  ThreePayRateBlock,
  ThreePayWalletUser,
  ThreePayWalletEntry,
  ThreePayWalletCheckout,
  ThreePayRefund,
}) {
  protected readonly options_: ThreePayOptions
  protected readonly logger_: Logger | Console
  protected client_?: ThreePayClient
  protected readonly container_: InjectedDependencies

  constructor(container: InjectedDependencies, options: Record<string, unknown>) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseOptions(options)
    this.logger_ = container.logger ?? console
    this.container_ = container
  }

  /** The database this module lives in, for the shared rate budget (lib/budget-store.ts). */
  protected db(): SqlClient | null {
    try {
      return this.container_.__pg_connection__ ?? null
    } catch {
      return null
    }
  }

  /** The shared budget's store: per-cart and per-client invoice quotas, and the admin's view. */
  budgetStore(): PostgresRateBudgetStore | null {
    const db = this.db()
    return db ? new PostgresRateBudgetStore(db) : null
  }

  getOptions(): ThreePayOptions {
    return this.options_
  }

  /** The 3PAY client, shared budget and all (see lib/make-client.ts). */
  getClient(): ThreePayClient {
    this.client_ ??= createThreePayClient(this.options_, this.logger_ as Logger, this.db())
    return this.client_
  }

  // ---------------------------------------------------------------- settings

  async getEffectiveSettings(): Promise<EffectiveSettings> {
    const [row] = await this.listThreePaySettings({}, { take: 1, order: { created_at: "ASC" } })
    return effectiveSettings(this.options_, row ?? null)
  }

  /** Validates against the options' bounds; throws INVALID_DATA naming the field. */
  async saveSettings(input: SettingsInput, actor?: string): Promise<EffectiveSettings> {
    const current = await this.getEffectiveSettings()
    const next = validateSettingsInput(this.options_, current, input)
    const [row] = await this.listThreePaySettings({}, { take: 1, order: { created_at: "ASC" } })
    const values = {
      enabled_networks: next.networks,
      default_network: next.defaultNetwork,
      invoice_timer_minutes: next.invoiceTimerMinutes,
      underpayment_tolerance: next.underpaymentTolerance,
      underpayment_tolerance_bps: next.underpaymentToleranceBps,
      flow: next.flow,
      updated_by: actor ?? null,
    }
    if (row) await this.updateThreePaySettings({ id: row.id, ...values })
    else await this.createThreePaySettings(values)
    return this.getEffectiveSettings()
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * Records a verified webhook body once, and its delivery, in one statement
   * (one round trip: the webhook answer is on the clock). A repeat of the same
   * bytes only raises the event's delivery count; two copies arriving at the
   * same instant still make one row. Beyond `retention.deliveriesPerEvent`
   * delivery rows, a repeat is only counted (retention.ts).
   */
  @InjectManager()
  async recordWebhookEvent(
    input: {
      id: string
      body_sha256: string
      raw_body: string
      headers: Record<string, string>
      transaction_id: string | null
      event_type: string | null
      status: string | null
      is_test: boolean
      /** When set, the event is recorded as "ignored" with this outcome. */
      ignored_reason: string | null
      secret: string | null
      received_at: Date
      /** The delivery row to write with it; its outcome is "test", or "recorded"/"duplicate". */
      delivery?: { id: string; body_size: number }
    },
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<RecordedEvent> {
    const manager = sharedContext.manager!
    const processing = input.ignored_reason ? "ignored" : "pending"
    const rows = await manager.execute(
      `with ev as (
         insert into threepay_webhook_event
           (id, body_sha256, raw_body, headers, transaction_id, event_type, status, is_test, secret,
            delivery_count, first_received_at, last_received_at, processing_status, attempts, outcome,
            created_at, updated_at)
         values (?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, 1, ?, ?, ?, 0, ?, now(), now())
         on conflict (body_sha256, is_test) where deleted_at is null do update
           set delivery_count = threepay_webhook_event.delivery_count + 1,
               last_received_at = excluded.last_received_at,
               updated_at = now()
         returning id, delivery_count, processing_status, (xmax = 0) as inserted
       ), dl as (
         insert into threepay_webhook_delivery
           (id, event_id, received_at, signature, http_status, outcome, body_sha256, body_size, headers, created_at, updated_at)
         select ?, ev.id, ?, 'valid', 200,
                case when ? then 'test' when ev.inserted then 'recorded' else 'duplicate' end,
                ?, ?, ?::jsonb, now(), now()
           from ev where ? and ev.delivery_count <= ?
       ), tl as (
         ${tallyUpsert(`select ${TALLY_ROW} from ev where ? and ev.delivery_count > ?`)}
       )
       select * from ev`,
      [
        input.id,
        input.body_sha256,
        input.raw_body,
        JSON.stringify(input.headers),
        input.transaction_id,
        input.event_type,
        input.status,
        input.is_test,
        input.secret,
        input.received_at,
        input.received_at,
        processing,
        input.ignored_reason,
        input.delivery?.id ?? null,
        input.received_at,
        input.is_test,
        input.body_sha256,
        input.delivery?.body_size ?? 0,
        JSON.stringify(input.headers),
        !!input.delivery,
        this.options_.retention.deliveriesPerEvent,
        newTallyId(),
        input.received_at,
        DUPLICATE_UNRECORDED,
        input.delivery?.body_size ?? 0,
        input.received_at,
        !!input.delivery,
        this.options_.retention.deliveriesPerEvent,
      ]
    )
    const r = rows[0] as { id: string; delivery_count: number; processing_status: string; inserted: boolean }
    return {
      id: r.id,
      duplicate: !r.inserted,
      delivery_count: Number(r.delivery_count),
      processing_status: r.processing_status,
    }
  }

  /**
   * A delivery we refused (signature, size, body): counted in the hour's
   * tally, and kept as a row (when, why, hash and size only) while the hour
   * holds fewer than `retention.rejectedRowsPerHour` of its kind (retention.ts).
   */
  @InjectManager()
  async recordRejectedDelivery(
    input: RefusedDelivery,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<void> {
    const execute: Execute = (sql, params) => sharedContext.manager!.execute(sql, params)
    await recordRefused(execute, { ...input, tally_id: newTallyId() }, this.options_.retention.rejectedRowsPerHour)
  }

  /**
   * Claims an event for processing so two workers never apply it at once.
   * Returns false when someone else holds it or it is already settled.
   */
  @InjectManager()
  async claimWebhookEvent(
    id: string,
    staleAfterMs: number,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<boolean> {
    const rows = await sharedContext.manager!.execute(
      `update threepay_webhook_event
          set processing_status = 'processing', attempts = attempts + 1, updated_at = now()
        where id = ? and deleted_at is null
          and (processing_status in ('pending', 'failed')
               or (processing_status = 'processing' and updated_at < now() - (? * interval '1 millisecond')))
        returning id`,
      [id, staleAfterMs]
    )
    return rows.length > 0
  }

  /**
   * Renews a claim its holder is still working on (lib/lease.ts), so the
   * claim can be short: only a holder that stopped renewing (a dead process)
   * loses it. `attempts` is the holder's: a claim taken over since (attempts
   * moved on) is not renewed by the old holder.
   */
  @InjectManager()
  async renewWebhookClaim(
    id: string,
    attempts: number,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<boolean> {
    const rows = await sharedContext.manager!.execute(
      `update threepay_webhook_event set updated_at = now()
        where id = ? and deleted_at is null and processing_status = 'processing' and attempts = ?
        returning id`,
      [id, attempts]
    )
    return rows.length > 0
  }

  /** Events due for (another) try: pending or failed whose time has come, or stuck in processing. */
  @InjectManager()
  async listDueWebhookEvents(
    limit: number,
    staleAfterMs: number,
    pendingGraceMs: number,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<Array<{ id: string }>> {
    return (await sharedContext.manager!.execute(
      `select id from threepay_webhook_event
        where deleted_at is null and (
              (processing_status = 'pending' and updated_at < now() - (? * interval '1 millisecond'))
           or (processing_status = 'failed' and (next_attempt_at is null or next_attempt_at <= now()))
           or (processing_status = 'processing' and updated_at < now() - (? * interval '1 millisecond')))
        order by first_received_at asc
        limit ?`,
      [pendingGraceMs, staleAfterMs, limit]
    )) as Array<{ id: string }>
  }

  // ---------------------------------------------------------------- invoices

  async retrieveInvoiceByTransaction(transactionId: string): Promise<LedgerInvoice | null> {
    const [row] = await this.listThreePayInvoices({ transaction_id: transactionId }, { take: 1 })
    return (row as LedgerInvoice | undefined) ?? null
  }

  /** Every invoice of a cart, oldest first (a checkout invoice, then any top-ups). */
  async listCartInvoices(cartId: string): Promise<LedgerInvoice[]> {
    return (await this.listThreePayInvoices({ cart_id: cartId }, { order: { created_at: "ASC" }, take: 100 })) as LedgerInvoice[]
  }

  /** The one place a ledger row is born: what 3PAY created, bound to its cart and payment collection. */
  async recordInvoice(input: NewInvoice): Promise<LedgerInvoice> {
    const row = await this.createThreePayInvoices({
      transaction_id: input.transaction_id,
      invoice_no: input.invoice_no,
      reference: input.reference,
      kind: input.kind,
      environment: this.options_.environment,
      network: input.network,
      flow: input.flow,
      status: "initiated",
      raw_status: "initiated",
      state: "awaiting_payment",
      amount_usdt: input.amount_usdt,
      amount_received: "0",
      amount_missing: input.amount_usdt,
      amount_excess: "0",
      tolerance: input.tolerance,
      currency_code: input.currency_code,
      amount_fiat: input.amount_fiat,
      exchange_rate: input.exchange_rate,
      payment_url: input.payment_url,
      wallet_address: input.wallet_address,
      customer_email: input.customer_email,
      requester_hash: input.requester_hash,
      cart_id: input.cart_id,
      payment_collection_id: input.payment_collection_id,
      expires_at: input.expires_at ? new Date(input.expires_at) : null,
      history: {
        entries: [
          {
            at: new Date().toISOString(),
            source: "checkout",
            status: "initiated",
            raw_status: "initiated",
            state: "awaiting_payment",
            note: input.note,
          },
        ],
      },
    })
    return row as LedgerInvoice
  }

  /**
   * Every change of an existing ledger row goes through here: the row is
   * locked (SELECT ... FOR UPDATE) for the read-modify-write, so a webhook,
   * the reconciliation job and a storefront check writing the same invoice
   * at once never lose each other's changes (history, flags, amounts).
   * `change` returns the patch, or null to leave the row as it is.
   */
  @InjectTransactionManager()
  async mutateInvoice(
    transactionId: string,
    change: (row: LedgerInvoice) => InvoicePatch | null,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<LedgerInvoice | null> {
    const manager = sharedContext.transactionManager!
    const locked = await manager.execute(
      `select id from threepay_invoice where transaction_id = ? and deleted_at is null for update`,
      [transactionId]
    )
    if (!locked.length) return null
    const [row] = await this.listThreePayInvoices({ transaction_id: transactionId }, { take: 1 }, sharedContext)
    const patch = change(row as LedgerInvoice)
    if (!patch || !Object.keys(patch).length) return row as LedgerInvoice
    const updated = await this.updateThreePayInvoices({ id: row.id, ...patch } as never, sharedContext)
    return updated as unknown as LedgerInvoice
  }

  /** Merges what 3PAY just said about an invoice (forward-only; received money only grows). */
  async applySnapshot(
    transactionId: string,
    details: InvoiceDetails,
    source: LedgerSource,
    note?: string
  ): Promise<(SnapshotOutcome & { row: LedgerInvoice }) | null> {
    let outcome: SnapshotOutcome | null = null
    const row = await this.mutateInvoice(transactionId, (r) => {
      outcome = snapshotPatch(r, details, source, note)
      return outcome.patch
    })
    return row && outcome ? { ...(outcome as SnapshotOutcome), row } : null
  }

  /** A note on the invoice's timeline, with any other fields changed in the same write. */
  async noteOnInvoice(
    transactionId: string,
    entry: { source: LedgerSource; note: string; tx_hash?: string | null },
    patch: InvoicePatch = {}
  ): Promise<LedgerInvoice | null> {
    return this.mutateInvoice(transactionId, (r) => ({ ...patch, ...notePatch(r, entry) }))
  }

  /** Raises attention flags (kept, never overwritten) and notes why on the timeline. */
  async raiseAttention(
    transactionId: string,
    flags: Array<{ code: AttentionCode; detail?: string | null }>,
    entry: { source: LedgerSource; note: string },
    patch: InvoicePatch = {}
  ): Promise<LedgerInvoice | null> {
    return this.mutateInvoice(transactionId, (r) => ({ ...patch, ...attentionPatch(r, flags), ...notePatch(r, entry) }))
  }

  /** An unexpired, unpaid invoice of this cart for exactly `amount_usdt` on `network` (the reuse rule). */
  async findReusableInvoice(q: {
    cart_id: string | null
    payment_collection_id: string
    network: string
    amount_usdt: string
    min_remaining_ms: number
  }): Promise<LedgerInvoice | null> {
    const filters: Record<string, unknown> = {
      network: q.network,
      amount_usdt: q.amount_usdt,
      status: ["initiated"],
      state: ["awaiting_payment"],
      superseded_at: null,
      expires_at: { $gt: new Date(Date.now() + q.min_remaining_ms) },
    }
    if (q.cart_id) filters.cart_id = q.cart_id
    else filters.payment_collection_id = q.payment_collection_id
    const [row] = await this.listThreePayInvoices(filters, { take: 1, order: { created_at: "DESC" } })
    return (row as LedgerInvoice | undefined) ?? null
  }

  /** Marks an invoice's attention flags handled, with who did it and why. */
  async resolveAttention(transactionId: string, actor: string | null, note: string | null): Promise<LedgerInvoice | null> {
    return this.noteOnInvoice(
      transactionId,
      { source: "admin", note: `marked handled${actor ? ` by ${actor}` : ""}${note ? `: ${note}` : ""}` },
      { attention_resolved_at: new Date(), attention_resolved_by: actor, attention_note: note }
    )
  }

  // ---------------------------------------------------------------- wallets

  async retrieveWalletUser(by: { customer_id?: string; user_id?: string; id?: string }): Promise<WalletUserRow | null> {
    const filters = Object.fromEntries(Object.entries(by).filter(([, v]) => v !== undefined))
    if (!Object.keys(filters).length) return null
    const [row] = await this.listThreePayWalletUsers(filters, { take: 1 })
    return (row as WalletUserRow | undefined) ?? null
  }

  /** The wallet user one of whose permanent addresses this is (a deposit webhook without `userId`). */
  @InjectManager()
  async findWalletUserByAddress(address: string, @MedusaContext() sharedContext: Context<EntityManager> = {}): Promise<WalletUserRow | null> {
    const rows = (await sharedContext.manager!.execute(
      `select id from threepay_wallet_user where deleted_at is null and (addresses->>'TRC20' = ? or lower(addresses->>'ERC20') = lower(?)) limit 1`,
      [address, address]
    )) as Array<{ id: string }>
    return rows[0] ? this.retrieveWalletUser({ id: rows[0].id }) : null
  }

  /** Records the 3PAY user of a customer once; a second call returns the first row (a double click, two instances). */
  @InjectManager()
  async recordWalletUser(
    input: { customer_id: string; user_id: string; email: string; addresses: Record<string, string> },
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{ row: WalletUserRow; created: boolean }> {
    const rows = (await sharedContext.manager!.execute(
      `insert into threepay_wallet_user (id, customer_id, user_id, environment, email, addresses, check_count, created_at, updated_at)
       values (?, ?, ?, ?, ?, ?::jsonb, 0, now(), now())
       on conflict (customer_id) where deleted_at is null do nothing
       returning id`,
      [generateEntityId(undefined, "tpwu"), input.customer_id, input.user_id, this.options_.environment, input.email, JSON.stringify(input.addresses)]
    )) as Array<{ id: string }>
    const row = await this.retrieveWalletUser({ customer_id: input.customer_id })
    return { row: row!, created: rows.length > 0 }
  }

  /** A customer's entries in the order they were written (the order the balance is folded in). */
  async listWalletEntries(walletUserId: string, sharedContext?: Context<EntityManager>): Promise<WalletEntryRow[]> {
    return (await this.listThreePayWalletEntries(
      { wallet_user_id: walletUserId },
      { order: { created_at: "ASC", id: "ASC" }, take: 100_000 },
      sharedContext
    )) as WalletEntryRow[]
  }

  /**
   * The one write path of the credit ledger: the wallet user's row is locked
   * (SELECT ... FOR UPDATE), the balance folded from every entry, and the
   * requests applied in order by the ledger's rules (wallet-ledger.ts):
   * duplicates change nothing, refusals are returned, the rest is written
   * with the balance after it. Two writers of one customer wait for each
   * other, so the balance they check is the one they write on.
   */
  @InjectTransactionManager()
  async appendWalletEntries(
    walletUserId: string,
    requests: WalletEntryInput[],
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<AppendResult> {
    const manager = sharedContext.transactionManager!
    const locked = (await manager.execute(`select id, customer_id from threepay_wallet_user where id = ? and deleted_at is null for update`, [
      walletUserId,
    ])) as Array<{ id: string; customer_id: string }>
    if (!locked.length) throw new Error(`wallet user ${walletUserId} not found`)
    const entries = await this.listWalletEntries(walletUserId, sharedContext)
    const plan = planEntries(foldWallet(entries as unknown as FoldableEntry[]), requests)
    const written: WalletEntryRow[] = []
    for (const w of plan.write) {
      const r = w as WalletEntryInput & { available_after: string; held_after: string }
      const row = await this.createThreePayWalletEntries(
        {
          id: r.id,
          wallet_user_id: walletUserId,
          customer_id: locked[0].customer_id,
          kind: r.kind,
          amount: r.amount,
          dedupe_key: r.dedupe_key,
          network: r.network ?? null,
          tx_hash: r.tx_hash ?? null,
          transaction_id: r.transaction_id ?? null,
          net_amount: r.net_amount ?? null,
          hold_id: r.hold_id ?? null,
          checkout_id: r.checkout_id ?? null,
          cart_id: r.cart_id ?? null,
          order_id: r.order_id ?? null,
          reason: r.reason,
          actor: r.actor,
          trigger_open: !!r.trigger_open,
          available_after: r.available_after,
          held_after: r.held_after,
        },
        sharedContext
      )
      written.push(row as WalletEntryRow)
    }
    const byKey = new Map(requests.map((q) => [q.dedupe_key, q]))
    return {
      written,
      duplicates: plan.duplicates.map((d) => byKey.get(d.dedupe_key)!),
      refused: plan.refused.map((f) => ({ ...byKey.get(f.dedupe_key)!, reason: f.reason })),
      available: fromMicro(plan.state.available),
      held: fromMicro(plan.state.held),
      deposited_net: fromMicro(plan.state.deposited_net),
    }
  }

  /** A wallet user's row changed under its row lock (flags, 3PAY's reported balance, the schedule). */
  @InjectTransactionManager()
  async mutateWalletUser(
    id: string,
    change: (row: WalletUserRow) => Partial<WalletUserRow> | null,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<WalletUserRow | null> {
    const manager = sharedContext.transactionManager!
    const locked = await manager.execute(`select id from threepay_wallet_user where id = ? and deleted_at is null for update`, [id])
    if (!locked.length) return null
    const [row] = await this.listThreePayWalletUsers({ id }, { take: 1 }, sharedContext)
    const patch = change(row as WalletUserRow)
    if (!patch || !Object.keys(patch).length) return row as WalletUserRow
    return (await this.updateThreePayWalletUsers({ id, ...patch } as never, sharedContext)) as unknown as WalletUserRow
  }

  /** A customer's carts waiting on the balance, oldest first. */
  async listWaitingCheckouts(customerId: string): Promise<WalletCheckoutRow[]> {
    return (await this.listThreePayWalletCheckouts(
      { customer_id: customerId, status: "waiting" },
      { order: { created_at: "ASC" }, take: 100 }
    )) as WalletCheckoutRow[]
  }

  /** Opens (or re-opens, for a new session) the wallet checkout of a payment collection: one row per collection. */
  async openWalletCheckout(
    input: Omit<WalletCheckoutRow, "id" | "created_at" | "updated_at" | "deleted_at" | "status" | "order_id" | "paid_at" | "hold_id" | "settled_by_entry_id" | "attempts" | "last_error">
  ): Promise<WalletCheckoutRow> {
    const [row] = await this.listThreePayWalletCheckouts({ payment_collection_id: input.payment_collection_id }, { take: 1 })
    const values = { ...input, status: "waiting" as const, last_error: null }
    if (row) return (await this.updateThreePayWalletCheckouts({ id: row.id, ...values })) as unknown as WalletCheckoutRow
    return (await this.createThreePayWalletCheckouts(values)) as unknown as WalletCheckoutRow
  }

  // ---------------------------------------------------------------- job state

  async getJobState<T extends Record<string, unknown>>(name: string): Promise<T | null> {
    const [row] = await this.listThreePayJobStates({ name }, { take: 1 })
    return (row?.value as T | undefined) ?? null
  }

  async setJobState(name: string, value: Record<string, unknown>): Promise<void> {
    const [row] = await this.listThreePayJobStates({ name }, { take: 1 })
    if (row) await this.updateThreePayJobStates({ id: row.id, value })
    else await this.createThreePayJobStates({ name, value })
  }

  /** Deletes job-state records named `<prefix>…` untouched for `olderThanMs` (per-cart counters). */
  @InjectManager()
  async pruneJobStates(
    prefix: string,
    olderThanMs: number,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<number> {
    const rows = await sharedContext.manager!.execute(
      `delete from threepay_job_state
        where name like ? and updated_at < now() - (? * interval '1 millisecond')
        returning id`,
      [`${prefix.replace(/[\\%_]/g, "\\$&")}%`, olderThanMs]
    )
    return rows.length
  }

  // ---------------------------------------------------------------- retention

  /** Deletes what the `retention` options no longer keep (src/jobs/prune-3pay-ledger.ts). */
  @InjectManager()
  async pruneWebhookLedger(
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<PruneReport> {
    return pruneLedger((sql, params) => sharedContext.manager!.execute(sql, params), this.options_.retention, now)
  }

  /** Deliveries per outcome since `since`, counted ones included (the admin's webhook health). */
  @InjectManager()
  async countWebhookDeliveries(
    since: Date,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<Record<string, number>> {
    return countDeliveries((sql, params) => sharedContext.manager!.execute(sql, params), since)
  }

  /** Rows and bytes of the webhook ledger's tables (the benchmark's growth figures). */
  @InjectManager()
  async webhookLedgerFootprint(@MedusaContext() sharedContext: Context<EntityManager> = {}): Promise<LedgerFootprint> {
    return ledgerFootprint((sql, params) => sharedContext.manager!.execute(sql, params))
  }

  // ---------------------------------------------------------------- refunds

  /** The refunds of a payment, oldest first. */
  async listPaymentRefunds(paymentId: string, sharedContext?: Context<EntityManager>): Promise<RefundRow[]> {
    return (await this.listThreePayRefunds({ payment_id: paymentId }, { order: { created_at: "ASC", id: "ASC" }, take: 1000 }, sharedContext)) as RefundRow[]
  }

  /** What the paying invoice still allows to refund, folded with the payment's refunds (refund-rules.ts). */
  refundableOfInvoice(invoice: Pick<LedgerInvoice, "captured_usdt" | "amount_excess">, refunds: RefundRow[]): Refundable {
    return refundableOf({ captured: invoice.captured_usdt ?? "0", excess: invoice.amount_excess ?? "0", refunds })
  }

  /**
   * Reserves a refund: under the paying invoice's row lock (every refund of
   * the order waits for the others), the same idempotency key returns its
   * refund (`created: false`), a key reused for another refund is refused, and
   * an amount above what is still refundable is refused. Nothing is written
   * unless it all holds: one row, status `requesting`.
   */
  @InjectTransactionManager()
  async reserveRefund(
    input: NewRefund,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<{ row: RefundRow; created: boolean; refundable: Refundable }> {
    const manager = sharedContext.transactionManager!
    const locked = await manager.execute(`select id from threepay_invoice where transaction_id = ? and deleted_at is null for update`, [input.transaction_id])
    if (!locked.length) throw new ThreePayError("threepay_invoice_not_found", "The USDT invoice that paid this order is not in the ledger.")
    const [same] = (await this.listThreePayRefunds({ idempotency_key: input.idempotency_key }, { take: 1 }, sharedContext)) as RefundRow[]
    const [invoice] = (await this.listThreePayInvoices({ transaction_id: input.transaction_id }, { take: 1 }, sharedContext)) as LedgerInvoice[]
    const refunds = await this.listPaymentRefunds(input.payment_id, sharedContext)
    if (same) {
      const matches = same.payment_id === input.payment_id && same.amount === input.amount && same.address === input.address && same.network === input.network
      if (!matches) {
        throw new ThreePayError(
          "threepay_refund_key_reused",
          "This refund form was already used for another refund (other amount, address or network). Open the refund form again."
        )
      }
      return { row: same, created: false, refundable: this.refundableOfInvoice(invoice, refunds) }
    }
    const refundable = this.refundableOfInvoice(invoice, refunds)
    if (toMicro(input.amount, "down") > toMicro(refundable.amount, "down")) {
      throw new ThreePayError(
        "threepay_refund_exceeds_refundable",
        `At most ${refundable.amount} USDT can still be refunded on this order (${refundable.captured} captured + ${refundable.excess} overpaid - ${refundable.refunded} already refunded or in progress).`
      )
    }
    const row = (await this.createThreePayRefunds(
      {
        ...input,
        status: "requesting",
        ...refundHistoryPatch({ history: null }, "requesting", `${input.amount} USDT to ${input.address} (${input.network})${input.created_by ? ` asked by ${input.created_by}` : ""}`),
        next_check_at: new Date(Date.now() + 60_000),
      } as never,
      sharedContext
    )) as unknown as RefundRow
    return { row, created: true, refundable: this.refundableOfInvoice(invoice, [...refunds, row]) }
  }

  /**
   * The refund a withdrawal (webhook, list item) is about: by its id; else the
   * one refund of that user, address and amount whose create was sent but
   * whose id is not known yet (its answer was lost or named none).
   */
  async findRefundOfWithdrawal(w: {
    id: string
    userId: string | null
    walletAddress: string | null
    amount: string | null
    network: Network | null
  }): Promise<RefundRow | null> {
    const [byId] = (await this.listThreePayRefunds({ withdrawal_id: w.id }, { take: 1 })) as RefundRow[]
    if (byId) return byId
    if (!w.userId || !w.walletAddress || !w.amount) return null
    const waiting = (await this.listThreePayRefunds(
      { user_id: w.userId, withdrawal_id: null, requested_at: { $ne: null }, status: ["requesting", "unknown"] },
      { take: 50 }
    )) as RefundRow[]
    const same = waiting.filter(
      (r) =>
        (!w.network || r.network === w.network) &&
        (r.network === "ERC20" ? r.address.toLowerCase() === w.walletAddress!.toLowerCase() : r.address === w.walletAddress) &&
        toMicro(r.amount, "down") === toMicro(w.amount!, "down")
    )
    return same.length === 1 ? same[0] : null
  }

  /** A refund changed under its row lock (status, 3PAY's answer, the Medusa refund). `change` returns the patch or null. */
  @InjectTransactionManager()
  async mutateRefund(
    id: string,
    change: (row: RefundRow) => Partial<RefundRow> | null,
    @MedusaContext() sharedContext: Context<EntityManager> = {}
  ): Promise<RefundRow | null> {
    const manager = sharedContext.transactionManager!
    const locked = await manager.execute(`select id from threepay_refund where id = ? and deleted_at is null for update`, [id])
    if (!locked.length) return null
    const [row] = (await this.listThreePayRefunds({ id }, { take: 1 }, sharedContext)) as RefundRow[]
    const patch = change(row)
    if (!patch || !Object.keys(patch).length) return row
    return (await this.updateThreePayRefunds({ id, ...patch } as never, sharedContext)) as unknown as RefundRow
  }
}

export default ThreePayModuleService
