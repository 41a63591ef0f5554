/**
 * "I have paid": the shopper gives the hash of the transaction they sent, and
 * the cart's invoice is re-checked with 3PAY at once instead of waiting for a
 * webhook that may be late, blocked by a firewall, or lost. Read top-down:
 *
 * 1. find the cart's invoice and check the hash's format for its network
 *    (nothing else happens for a malformed hash);
 * 2. nothing to spend if the cart is already paid;
 * 3. count the check against the cart's limit (before any lookup or call);
 * 4. a hash 3PAY attributed to another cart's invoice is refused (one order
 *    per transaction); one of this cart's older invoices is re-checked
 *    instead if it holds the hash;
 * 5. note the hash on the invoice's timeline, and run the sync workflow (the
 *    same one as webhooks: one order, one capture, whatever arrives at once).
 *
 * The hash only helps find the invoice and is recorded for the admin; what
 * counts is what 3PAY says about the invoice.
 */
import { createStep, createWorkflow, StepResponse, transform, when, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { checkTxHash, hashDigits } from "medusa-payment-3pay-client"
import { loadCartPayment } from "../lib/cart-payment"
import { ThreePayError } from "../lib/errors"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import { consumeCartLimitStep } from "./steps/consume-cart-limit"
import { syncInvoiceWorkflow } from "./sync-invoice"

export type CheckPaymentInput = { cart_id: string; tx_hash: string; session_id?: string; sales_channel_ids?: string[] }

type CheckTarget = { cart_id: string; hash: string; digits: string; transaction_id: string; paid: boolean }

const findCheckTargetStep = createStep("threepay-find-check-target", async (input: CheckPaymentInput, { container }) => {
  const p = await loadCartPayment(container, input.cart_id, { sessionId: input.session_id, salesChannelIds: input.sales_channel_ids })
  const parsed = checkTxHash(p.stored.network, input.tx_hash)
  if (!parsed.ok) throw new ThreePayError("threepay_tx_hash_invalid", parsed.message)
  return new StepResponse<CheckTarget>({
    cart_id: p.cart.id,
    hash: parsed.hash,
    digits: hashDigits(parsed.hash)!,
    transaction_id: p.invoice.transaction_id,
    // Already applied to an order: nothing to check, and nothing to spend.
    paid: p.invoices.some((i) => !!i.applied_at),
  })
})

/** One order per transaction: the invoice of this cart that holds the hash, or a refusal if another cart's does. */
const resolveHashHolderStep = createStep("threepay-resolve-hash-holder", async (t: CheckTarget, { container }) => {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  // Hashes are kept in lower case, with or without 0x: an exact, indexed match.
  const holders = await threepay.listThreePayInvoices({ tx_hash: [t.digits, `0x${t.digits}`] }, { take: 10, select: ["transaction_id", "cart_id"] })
  if (holders.some((r) => r.cart_id !== t.cart_id)) {
    throw new ThreePayError(
      "threepay_tx_hash_used",
      "This transaction already paid another order. If you think this is a mistake, contact the store with the transaction hash."
    )
  }
  // The hash may be on an older invoice of this same cart (the shopper switched network after paying).
  return new StepResponse(holders.find((r) => r.transaction_id !== t.transaction_id)?.transaction_id ?? t.transaction_id)
})

const noteSubmittedHashStep = createStep(
  "threepay-note-submitted-hash",
  async (input: { transaction_id: string; hash: string }, { container }) => {
    await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).noteOnInvoice(input.transaction_id, {
      source: "storefront",
      tx_hash: input.hash,
      note: `the shopper reported paying with transaction ${input.hash} and asked for a re-check`,
    })
    return new StepResponse(true)
  }
)

export const checkPaymentWorkflow = createWorkflow("threepay-check-payment", (input: CheckPaymentInput) => {
  const target = findCheckTargetStep(input)
  when("threepay-check-unpaid", { target }, ({ target }) => !target.paid).then(() => {
    consumeCartLimitStep(transform({ target }, ({ target }) => ({ action: "check" as const, cart_id: target.cart_id })))
    const holder = resolveHashHolderStep(target)
    noteSubmittedHashStep(transform({ holder, target }, ({ holder, target }) => ({ transaction_id: holder, hash: target.hash })))
    syncInvoiceWorkflow.runAsStep({
      input: transform({ holder }, ({ holder }) => ({ transaction_id: holder, source: "storefront" as const })),
    })
  })
  return new WorkflowResponse(transform({ target }, ({ target }) => ({ tx_hash: target.hash, digits: target.digits })))
})
