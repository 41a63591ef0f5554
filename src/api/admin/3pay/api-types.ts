/**
 * Shapes of the /admin/3pay/* answers, shared by the routes (which must
 * produce them) and the admin UI (which reads them). Plain types; the only
 * imports are type-only, so the admin bundle pulls no server code.
 * Money is always an exact decimal string in USDT.
 */

import type { Environment, Network } from "medusa-payment-3pay-client"
import type { Flow } from "../../../lib/options"

export type NetworkCode = Network
export type FlowCode = Flow
export type EnvironmentCode = Environment

// ------------------------------------------------------------------ invoices

export type TimelineEntryDto = {
  at: string
  source: string
  status: string
  state: string
  label: string
  received?: string
  tx_hash?: string | null
  note?: string
}

export type AttentionReasonDto = { code: string; label: string; advice: string; detail: string | null; raised_at: string }

/** One invoice as people see it (invoice-view.ts). */
export type InvoiceViewDto = {
  id: string
  transaction_id: string
  invoice_no: string | null
  /** `checkout`, or `top_up`: asks for what an earlier invoice of the cart left missing. */
  kind: "checkout" | "top_up"
  environment: EnvironmentCode
  network: NetworkCode
  network_label: string
  currency_type: string | null
  flow: string
  state: string
  status_label: string
  threepay_status: string
  amount_usdt: string
  amount_received: string
  amount_missing: string
  amount_excess: string
  fee: string | null
  net_amount: string | null
  currency_code: string
  amount: string
  exchange_rate: string
  payment_url: string | null
  wallet_address: string | null
  address_explorer_url: string | null
  tx_hash: string | null
  tx_explorer_url: string | null
  /** Every transaction 3PAY reported on this invoice. */
  transactions: Array<{ tx_hash: string; tx_explorer_url: string }>
  /** USDT captured in Medusa when this invoice completed the cart (the excess is measured against it). */
  captured_usdt: string | null
  customer_email: string | null
  cart_id: string | null
  payment_collection_id: string | null
  order_id: string | null
  created_at: string | null
  expires_at: string | null
  confirmed_at: string | null
  paid_at: string | null
  applied_at: string | null
  paid_via: string | null
  late: boolean
  orphan: boolean
  superseded_reason: string | null
  attention: AttentionReasonDto[]
  /** Set when someone marked the attention flags handled. */
  attention_resolved: { at: string; by: string | null; note: string | null } | null
  last_synced_at: string | null
  timeline: TimelineEntryDto[]
}

// ------------------------------------------------------------------ settings

export type ConnectionFactsDto = {
  environment: EnvironmentCode
  base_url: string
  backend_url: string | null
  api_key_set: boolean
  /** Null when the key is too short to show any of it safely. */
  api_key_last4: string | null
  api_secret_set: boolean
  webhook_secret_set: boolean
  previous_webhook_secret_set: boolean
}

export type WebhookUrlDto = {
  url: string
  /** "backend_url": from the `backendUrl` option; "request": guessed from this request's host. */
  source: "backend_url" | "request"
  warnings: string[]
}

export type SettingsValuesDto = {
  networks: NetworkCode[]
  default_network: NetworkCode
  invoice_timer_minutes: number
  /** Absolute cap, USDT. */
  underpayment_tolerance: string
  /** Basis points of the amount due; the smaller of the two wins. */
  underpayment_tolerance_bps: number
  flow: FlowCode
}

export type AdminSettingsResponse = {
  settings: SettingsValuesDto & { updated_by: string | null; updated_at: string | null }
  /** The options in medusa-config.ts: what a reset would give back. */
  defaults: SettingsValuesDto
  limits: {
    networks: Array<{ network: NetworkCode; label: string; allowed: boolean; reason: string | null }>
    invoice_timer_minutes: { min: number; max: number }
    underpayment_tolerance: { min: string; max: string }
    underpayment_tolerance_bps: { min: number; max: number }
    flows: Array<{ value: FlowCode; label: string; description: string }>
  }
  connection: ConnectionFactsDto
  webhook: WebhookUrlDto
}

/** Body of POST /admin/3pay/settings: every field optional (a partial update). */
export type AdminSettingsBody = Partial<{
  networks: string[]
  default_network: string
  invoice_timer_minutes: number
  underpayment_tolerance: string | number
  underpayment_tolerance_bps: number
  flow: string
}>

// ------------------------------------------------------------------ connection

export type ConnectionStatus =
  | "ok"
  | "wrong_key"
  | "wrong_environment"
  | "unreachable"
  | "threepay_error"
  | "busy"
  | "unexpected"

export type BudgetTierDto = {
  used: number
  limit: number
  remaining: number
  reset_at: string | null
  blocked_until: string | null
  /** Calls in the window by who spent them: checkout, webhook, storefront, settlement, admin, reconciliation. */
  by_purpose: Record<string, number>
  /** The moments in the window a call was refused or made to wait, newest first. */
  events: Array<{ at: string; kind: "refused" | "waited"; purpose: string; wait_ms: number }>
}

/** GET /admin/3pay/budget: 3PAY's call budget as every instance of the store shares it. */
export type AdminBudgetResponse = {
  at: string
  window_minutes: number
  tiers: Record<string, BudgetTierDto>
  /** Standard-tier calls each kind of caller must leave to the others (lib/budget.ts). */
  reserves: Record<string, number>
  /** Invoices one cart, and one shopper's client, may create per window. */
  quotas: { per_cart: number; per_client: number }
}

export type AdminConnectionResponse = {
  status: ConnectionStatus
  ok: boolean
  /** One sentence a store owner understands, with what to do. */
  message: string
  environment: EnvironmentCode
  base_url: string
  latency_ms: number | null
  checked_at: string
  /** Low-level facts for support: HTTP status from 3PAY, connection error code. */
  http_status: number | null
  cause_code: string | null
  retry_after_seconds: number | null
  rate_budget: Record<string, BudgetTierDto>
}

// ------------------------------------------------------------------ health

export type HealthStatus = "ok" | "never" | "warning" | "problem"

export type OutcomeCounts = {
  total: number
  recorded: number
  duplicate: number
  test: number
  rejected_signature: number
  malformed: number
  too_large: number
}

export type AdminHealthResponse = {
  status: HealthStatus
  messages: string[]
  last_delivery_at: string | null
  last_valid_delivery_at: string | null
  last_rejected_at: string | null
  deliveries: { last_24h: OutcomeCounts; last_7d: OutcomeCounts }
  events: {
    pending: number
    failed: number
    dead: number
    recent_dead: Array<{ id: string; transaction_id: string | null; attempts: number; last_error: string | null; at: string }>
  }
  paid_without_webhook: {
    total: number
    last_7d: number
    recent: Array<{ transaction_id: string; order_id: string | null; cart_id: string | null; paid_at: string | null }>
  }
  reconciliation: {
    started_at: string | null
    finished_at: string | null
    skipped: string | null
    open: number
    list_calls: number
    verify_calls: number
    changed: number
    paid_without_webhook: number
    errors: string[]
  } | null
  checked_at: string
}

// ------------------------------------------------------------------ webhook test

export type WebhookTestVerdict =
  | "arrived"
  | "secret_mismatch"
  | "no_secret"
  | "rejected"
  | "not_arrived"
  | "request_failed"

export type AdminWebhookTestResponse = {
  arrived: boolean
  verdict: WebhookTestVerdict
  message: string
  likely_causes: string[]
  webhook_url: string
  waited_ms: number
  /** What 3PAY said about its own attempt (null fields when it did not say). */
  threepay: { requested: boolean; delivered: boolean | null; status_code: number | null; error_code: string | null }
  /** The delivery our endpoint recorded in the test window, if any. */
  delivery: { received_at: string; outcome: string; signature: string; http_status: number } | null
}

// ------------------------------------------------------------------ attention

export type AttentionItemDto = {
  /** "invoice": a ledger invoice; "event": a webhook event that could not be applied and matches no invoice. */
  kind: "invoice" | "event"
  key: string
  reasons: Array<{ code: string; label: string; advice: string }>
  order_id: string | null
  cart_id: string | null
  transaction_id: string | null
  invoice: Omit<InvoiceViewDto, "timeline"> | null
  event: { id: string; attempts: number; last_error: string | null; first_received_at: string } | null
  updated_at: string | null
}

export type AdminAttentionResponse = {
  items: AttentionItemDto[]
  count: number
  limit: number
  offset: number
}

// ------------------------------------------------------------------ orders

export type AdminOrderInvoicesResponse = {
  order_id: string
  /** The invoice that paid (or is to pay) this order; null: not a 3PAY order, show nothing. */
  invoice: InvoiceViewDto | null
  /** Other invoices of the same cart (superseded, expired, or paid twice). */
  other_invoices: InvoiceViewDto[]
}

export type AdminRecheckResponse = {
  result: { state: string | null; changed: boolean; outcome: string | null; order_id: string | null }
  invoice: InvoiceViewDto
}

// ------------------------------------------------------------------ customer wallets

/** One entry of a customer's credit ledger (append-only; newest first in lists). */
export type AdminWalletEntryDto = {
  id: string
  /** deposit (credited once per network + tx hash), hold (an order's amount reserved), release, debit (the order took it), adjustment (by an admin). */
  kind: "deposit" | "hold" | "release" | "debit" | "adjustment"
  /** USDT as written; negative only on an adjustment that took money away. */
  amount: string
  /** Effect on the available balance: "+15.5", "-15.5", "0" (a debit of held money). */
  change: string
  network: NetworkCode | null
  tx_hash: string | null
  tx_explorer_url: string | null
  /** 3PAY's id of the deposit. */
  transaction_id: string | null
  /** What 3PAY says reached its balance of the user for this deposit (after its fee). */
  net_amount: string | null
  order_id: string | null
  cart_id: string | null
  hold_id: string | null
  reason: string
  /** "webhook", "reconciliation", "checkout", "storefront", or the admin who made it ("user:…", "api-key:…"). */
  actor: string
  available_after: string
  held_after: string
  created_at: string
}

export type AdminWalletCheckoutDto = {
  id: string
  cart_id: string
  payment_collection_id: string
  status: "waiting" | "paid" | "canceled" | "failed"
  network: NetworkCode
  amount_usdt: string
  order_id: string | null
  attempts: number
  last_error: string | null
  created_at: string | null
  paid_at: string | null
}

/** A customer's wallet for the admin's customer widget. */
export type AdminWalletDto = {
  customer_id: string
  /** The 3PAY user id (search for it in 3PAY's dashboard). */
  user_id: string
  email: string
  environment: EnvironmentCode
  addresses: Array<{ network: NetworkCode; network_label: string; address: string; address_explorer_url: string }>
  /** Folded from the entries, exact. */
  balance: { available: string; held: string; total: string; deposited: string; adjusted: string; debited: string }
  /**
   * 3PAY's own report of the user's balance, next to what the ledger expects it to be (the net of every
   * credited deposit). `difference` is set when they disagree under `balance_model`, and the wallet is flagged.
   */
  threepay: { balance_model: "running" | "swept"; reported: string | null; expected: string; difference: string | null; read_at: string | null }
  attention: AttentionReasonDto[]
  attention_resolved: { at: string; by: string | null; note: string | null } | null
  checkouts: AdminWalletCheckoutDto[]
  entries: AdminWalletEntryDto[]
  entries_count: number
  last_synced_at: string | null
  address_shown_at: string | null
  created_at: string | null
}

/**
 * GET /admin/3pay/customers/:id/wallet (`?limit=&offset=` page the entries). `wallet` is null for a customer without one;
 * `wallets_enabled` (the `wallets.enabled` option) lets the admin stay silent in a store that offers no balances.
 */
export type AdminCustomerWalletResponse = { customer_id: string; wallets_enabled: boolean; wallet: AdminWalletDto | null }

/** POST /admin/3pay/customers/:id/wallet/adjustments: `amount` signed ("5", "-2.5"), `reason` required. */
export type AdminWalletAdjustmentBody = { amount: string; reason: string }
export type AdminWalletAdjustmentResponse = { entry: AdminWalletEntryDto; wallet: AdminWalletDto }

/** POST /admin/3pay/customers/:id/wallet/recheck: 3PAY read now, deposits credited, balances compared. */
export type AdminWalletRecheckResponse = {
  result: { credited: number; difference: string | null; orders: string[] }
  wallet: AdminWalletDto
}

/** GET /admin/3pay/orders/:id/wallet: the order card's "paid from balance", with the entries that paid it. */
export type AdminOrderWalletResponse = {
  order_id: string
  paid_from_balance: boolean
  customer_id: string | null
  checkout: AdminWalletCheckoutDto | null
  entries: AdminWalletEntryDto[]
}

// ------------------------------------------------------------------ refunds

/** POST /admin/3pay/addresses/check: is this a destination a refund may be sent to? */
export type AdminAddressCheckBody = { network: NetworkCode; address: string }

/**
 * The server's verdict. `address` is the normalized form (trimmed; Ethereum in
 * EIP-55 case when valid): show it back in the confirmation step.
 * - `valid: false`: `code` (stable: threepay_address_invalid, threepay_address_wrong_network,
 *   threepay_address_bad_checksum, threepay_address_not_allowed) and `message` naming the mistake.
 * - `valid: true, checksum: "lowercase"`: an Ethereum address without case checksum; `message` asks the
 *   admin to compare it by hand, and the create needs `confirm_lowercase: true`.
 */
export type AdminAddressCheckResponse = {
  valid: boolean
  code?: string
  message?: string
  checksum?: "ok" | "lowercase"
  address: string
}

export type RefundStatusCode = "requesting" | "pending_review" | "approved" | "completed" | "rejected" | "failed" | "unknown"

/** One refund of an order (USDT sent back through a 3PAY withdrawal). Money: exact decimal strings. */
export type RefundDto = {
  id: string
  idempotency_key: string
  payment_id: string
  amount: string
  /** 3PAY's fee and what reached the address, as 3PAY said; null until it said. */
  fee: string | null
  net_amount: string | null
  network: NetworkCode
  address: string
  address_explorer_url: string
  status: RefundStatusCode
  withdrawal_id: string | null
  tx_hash: string | null
  tx_explorer_url: string | null
  medusa_refund_id: string | null
  note: string | null
  /** The admin who asked ("user:…", "api-key:…"), or "medusa" for Medusa's own refund button. */
  created_by: string | null
  created_at: string
  timeline: Array<{ status: string; at: string; note: string | null }>
}

/** What may still be refunded of the order's 3PAY payment (null: not a 3PAY order, or nothing captured). */
export type RefundableDto = {
  /** captured + excess - refunded (refunds that are not rejected or failed), never below 0. */
  amount: string
  captured: string
  refunded: string
  /** What the shopper paid above the amount due (an overpayment), refundable too. */
  excess: string
  network: NetworkCode
  payment_id: string
}

/** GET /admin/3pay/orders/:id/refunds */
export type AdminOrderRefundsResponse = {
  order_id: string
  refundable: RefundableDto | null
  refunds: RefundDto[]
}

/** POST /admin/3pay/orders/:id/refunds: 201 a new refund, 200 the one this idempotency_key already made. */
export type AdminCreateRefundBody = {
  payment_id: string
  amount: string
  address: string
  network: NetworkCode
  idempotency_key: string
  confirm_lowercase?: boolean
  note?: string
}
export type AdminCreateRefundResponse = { refund: RefundDto }
