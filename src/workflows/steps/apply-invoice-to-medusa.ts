/**
 * Turns what 3PAY says about an invoice into Medusa state, through Medusa's
 * own workflows:
 * - paid: `processPaymentWorkflow` (SUCCESSFUL) completes the cart or
 *   captures the waiting order, even if the shopper never comes back. A paid
 *   invoice whose session was deleted completes the cart with a new session
 *   when it covers the cart, else it is recorded as an orphan for the admin.
 * - expired / cancelled: pay_first marks the session canceled (the storefront
 *   offers a new invoice); order_first cancels the waiting order and releases
 *   its stock, unless money arrived.
 * - anything else: the session shows it (detected, underpaid and by how much).
 * A paid and applied invoice is never touched again ("protect status").
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, PaymentActions } from "@medusajs/framework/utils"
import { cancelOrderWorkflow, processPaymentWorkflow } from "@medusajs/medusa/core-flows"
import { createStep, StepResponse } from "@medusajs/framework/workflows-sdk"
import type { InvoiceDetails } from "medusa-payment-3pay-client"
import { toMicro } from "medusa-payment-3pay-client"
import { quoteUsdt } from "../../lib/amounts"
import { signHandoff } from "../../lib/checkout-handoff"
import { createHandoffSession } from "../../lib/handoff-session"
import { loadCollectionState, sessionHolding, type CollectionState } from "../../lib/medusa-state"
import type { Assessment } from "../../lib/payment-state"
import { signSnapshot, SNAPSHOT_FIELD } from "../../lib/session-snapshot"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { noteOnInvoice, type LedgerInvoice, type LedgerSource } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"
import { supersedeInvoices } from "./supersede-stale-invoices"
import type { RefreshedInvoice } from "./refresh-invoice"

export type ApplyOutcome = { outcome: string; order_id?: string | null; orphan?: boolean }

type Ctx = {
  source: LedgerSource
  container: MedusaContainer
  threepay: ThreePayModuleService
  invoice: LedgerInvoice
  assessment: Assessment
  details: InvoiceDetails
}

/** Saves fields and a timeline note; re-reads the row so notes never overwrite each other. */
async function note(ctx: Ctx, values: Record<string, unknown>, text?: string) {
  if (!text) {
    await ctx.threepay.updateThreePayInvoices({ id: ctx.invoice.id, ...values })
    return
  }
  const row = (await ctx.threepay.retrieveInvoiceByTransaction(ctx.invoice.transaction_id)) ?? ctx.invoice
  await noteOnInvoice(ctx.threepay, row, { source: ctx.source, note: text }, values)
}

async function markOrphan(ctx: Ctx, reason: string): Promise<ApplyOutcome> {
  const reasons = new Set((ctx.invoice.attention ?? "").split(",").filter(Boolean))
  reasons.add("orphan")
  await note(ctx, { orphan: true, attention: [...reasons].join(",") }, `orphan payment: ${reason}`)
  ctx.container
    .resolve(ContainerRegistrationKeys.LOGGER)
    .warn(`[3pay] invoice ${ctx.invoice.transaction_id} is paid but ${reason}: it needs the admin's attention`)
  return { outcome: `orphan: ${reason}`, orphan: true }
}

/** A new session on the collection that takes over this (paid) invoice. */
async function adoptInvoiceInNewSession(ctx: Ctx, state: CollectionState, dueUsdt: string, rate: string) {
  const token = signHandoff(
    {
      v: 1,
      iat: Date.now(),
      cart_id: state.cart?.id ?? null,
      payment_collection_id: state.id,
      network: ctx.invoice.network as "TRC20" | "ERC20",
      amount_usdt: dueUsdt,
      currency_code: state.currency_code,
      exchange_rate: rate,
      flow: ctx.invoice.flow as "pay_first" | "order_first",
      tolerance: ctx.invoice.tolerance ?? "0",
      invoice: {
        transaction_id: ctx.invoice.transaction_id,
        invoice_no: ctx.invoice.invoice_no ?? null,
        payment_url: ctx.invoice.payment_url ?? "",
        wallet_address: ctx.invoice.wallet_address ?? null,
        expires_at: ctx.invoice.expires_at ? new Date(ctx.invoice.expires_at).toISOString() : null,
        reused: true,
      },
    },
    ctx.threepay.getOptions().apiKey
  )
  return createHandoffSession(ctx.container, state.id, ctx.invoice.network, token)
}

async function settlePaid(ctx: Ctx): Promise<ApplyOutcome> {
  const { invoice } = ctx
  if (invoice.applied_at) return { outcome: `already applied (order ${invoice.order_id ?? "?"})`, order_id: invoice.order_id }
  if (!invoice.payment_collection_id) return markOrphan(ctx, "it belongs to no payment collection")
  const state = await loadCollectionState(ctx.container, invoice.payment_collection_id)
  if (!state) return markOrphan(ctx, "its payment collection no longer exists")
  if (state.order?.status === "canceled") return markOrphan(ctx, `its order ${state.order.id} was canceled`)

  let session: { id: string; amount: unknown } | null = sessionHolding(state, invoice.transaction_id)
  if (!session) {
    if (state.order || state.cart?.completed_at) {
      return markOrphan(ctx, `its cart was already completed with another payment (order ${state.order?.id ?? "?"})`)
    }
    const quote = quoteUsdt(state.amount, state.currency_code, ctx.threepay.getOptions().exchangeRates)
    const covers = toMicro(ctx.assessment.received) + toMicro(invoice.tolerance ?? "0") >= toMicro(quote.usdt)
    if (!covers) {
      return markOrphan(ctx, `${ctx.assessment.received} USDT arrived but the cart now costs ${quote.usdt} USDT`)
    }
    session = await adoptInvoiceInNewSession(ctx, state, quote.usdt, quote.rate)
    await note(ctx, { payment_session_id: session.id }, "its session was gone: a new session took the payment over")
  }

  await processPaymentWorkflow(ctx.container).run({
    input: { action: PaymentActions.SUCCESSFUL, data: { session_id: session.id, amount: session.amount as number } },
  })

  const after = await loadCollectionState(ctx.container, invoice.payment_collection_id)
  if (!after?.order || !after.captured.length) {
    // Cart completion or capture failed (stock, lock contention...). Throwing
    // lets the pipeline retry with backoff and, if it keeps failing, show it
    // to the admin.
    throw new Error(
      after?.order
        ? `order ${after.order.id} exists but its payment is not captured yet`
        : `the payment was taken but cart ${after?.cart?.id ?? "?"} could not be completed into an order yet`
    )
  }
  await note(
    ctx,
    { order_id: after.order.id, applied_at: new Date(), payment_session_id: session.id, orphan: false },
    `applied to order ${after.order.id}`
  )
  if (after.cart?.id) {
    const others = await ctx.threepay.listThreePayInvoices(
      { cart_id: after.cart.id, status: ["initiated"], superseded_at: null },
      { take: 50 }
    )
    const logger = ctx.container.resolve(ContainerRegistrationKeys.LOGGER)
    await supersedeInvoices(
      ctx.threepay,
      others.filter((o) => o.transaction_id !== invoice.transaction_id),
      "cart_completed",
      (m) => logger.warn(m)
    )
  }
  return { outcome: `order ${after.order.id}`, order_id: after.order.id }
}

/** Updates the session's data (and status) from the invoice we just read. */
async function reflectOnSession(ctx: Ctx, state: CollectionState | null, explicitStatus?: "canceled"): Promise<boolean> {
  if (!state) return false
  const session = sessionHolding(state, ctx.invoice.transaction_id)
  if (!session || session.status === "authorized" || session.status === "captured") return false
  const payment = ctx.container.resolve(Modules.PAYMENT)
  await payment.updatePaymentSession({
    id: session.id,
    amount: session.amount,
    currency_code: session.currency_code,
    data: { ...(session.data ?? {}), [SNAPSHOT_FIELD]: signSnapshot(ctx.details, ctx.threepay.getOptions().apiKey) },
    ...(explicitStatus ? { status: explicitStatus } : {}),
  })
  return true
}

async function closeUnpaid(ctx: Ctx): Promise<ApplyOutcome> {
  const { invoice } = ctx
  if (invoice.applied_at) return { outcome: "ignored: the invoice was already paid and applied" }
  const state = invoice.payment_collection_id
    ? await loadCollectionState(ctx.container, invoice.payment_collection_id)
    : null
  const session = state ? sessionHolding(state, invoice.transaction_id) : null
  if (invoice.flow === "order_first" && state?.order && session && state.order.status !== "canceled") {
    if (toMicro(ctx.assessment.received) > 0n) {
      await note(
        ctx,
        { attention: "underpaid" },
        `invoice ${ctx.assessment.state} with ${ctx.assessment.received} USDT received: order ${state.order.id} kept for the admin`
      )
      return { outcome: `order ${state.order.id} kept: part of the money arrived` }
    }
    await cancelOrderWorkflow(ctx.container).run({ input: { order_id: state.order.id, no_notification: false } })
    await note(ctx, {}, `order ${state.order.id} canceled: invoice ${ctx.assessment.state}, stock released`)
    return { outcome: `order ${state.order.id} canceled`, order_id: state.order.id }
  }
  if (!state?.order && (await reflectOnSession(ctx, state, "canceled"))) {
    return { outcome: "session canceled; the storefront can offer a new invoice" }
  }
  return { outcome: `recorded ${ctx.assessment.state}` }
}

export const applyInvoiceToMedusaStep = createStep(
  "threepay-apply-invoice-to-medusa",
  async (r: RefreshedInvoice, { container }) => {
    if (!r.known) {
      return new StepResponse<ApplyOutcome>({ outcome: "ignored: this invoice was not created by this store" })
    }
    const ctx: Ctx = {
      source: r.source,
      container,
      threepay: container.resolve<ThreePayModuleService>(THREEPAY_MODULE),
      invoice: r.invoice,
      assessment: r.assessment,
      details: r.details,
    }
    if (r.assessment.paid) return new StepResponse(await settlePaid(ctx))
    if (r.assessment.state === "expired" || r.assessment.state === "cancelled") {
      return new StepResponse(await closeUnpaid(ctx))
    }
    if (r.invoice.applied_at) return new StepResponse<ApplyOutcome>({ outcome: "ignored: already applied" })
    if (r.changed && r.invoice.payment_collection_id) {
      const state = await loadCollectionState(container, r.invoice.payment_collection_id)
      await reflectOnSession(ctx, state)
    }
    return new StepResponse<ApplyOutcome>({
      outcome:
        r.assessment.state === "underpaid"
          ? `underpaid: ${r.assessment.missing} USDT missing`
          : `recorded ${r.assessment.state}`,
    })
  }
)

