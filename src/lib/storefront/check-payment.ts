/**
 * "I have paid": the shopper gives the hash of the transaction they sent, and
 * the cart's invoice is re-checked with 3PAY at once instead of waiting for a
 * webhook that may be late, blocked by a firewall, or lost. The re-check runs
 * the same workflow as webhooks (one order, one capture, whatever arrives at
 * the same time). The hash only helps find the right invoice and is recorded
 * for the admin; what counts is what 3PAY says about the invoice.
 *
 * Guards: the hash must look like one of the invoice's network; a hash that
 * 3PAY attributed to another cart's invoice is refused (one order per
 * transaction); each cart gets a few checks per hour (3PAY's call budget is
 * shared by the whole store).
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, MedusaError, Modules } from "@medusajs/framework/utils"
import { ERROR_CODES } from "../error-codes"
import { THREEPAY_MODULE } from "../../modules/threepay"
import { noteOnInvoice } from "../../modules/threepay/ledger"
import type ThreePayModuleService from "../../modules/threepay/service"
import { syncInvoiceWorkflow } from "../../workflows/sync-invoice"
import { loadCartPayment, type CartPayment } from "./cart-payment"
import { StoreRouteError, tooMany } from "./errors"
import { CHECK_LIMIT, consumeCartLimit } from "./rate-limit"
import { checkTxHash, hashDigits } from "medusa-payment-3pay-client"

export type CheckOutcome = {
  payment: CartPayment
  check: { tx_hash: string; matched: boolean | null; message: string }
}

type Input = { cartId: string; txHash: string; sessionId?: string; salesChannelIds?: string[] }

/** Records the shopper's hash on the invoice's timeline, under the invoice's own lock (the sync workflow's). */
async function noteSubmittedHash(container: MedusaContainer, transactionId: string, hash: string): Promise<boolean> {
  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const locking = container.resolve(Modules.LOCKING)
  try {
    return await locking.execute(
      `threepay:invoice:${transactionId}`,
      async () => {
        const row = await threepay.retrieveInvoiceByTransaction(transactionId)
        if (!row) return false
        await noteOnInvoice(threepay, row, {
          source: "storefront",
          tx_hash: hash,
          note: `the shopper reported paying with transaction ${hash} and asked for a re-check`,
        })
        return true
      },
      { timeout: 10 }
    )
  } catch (e) {
    // The note helps the admin; the re-check itself matters more.
    container
      .resolve(ContainerRegistrationKeys.LOGGER)
      .warn(`[3pay] could not note the shopper's tx hash on invoice ${transactionId}: ${(e as Error).message}`)
    return false
  }
}

function verdict(p: CartPayment, digits: string): CheckOutcome["check"]["matched"] {
  const reported = hashDigits(p.invoice?.tx_hash ?? null)
  return reported ? reported === digits : null
}

function messageFor(p: CartPayment, matched: boolean | null): string {
  const state = p.invoice?.state ?? p.stored.status ?? "awaiting_payment"
  if (state === "paid" || state === "overpaid") return "Your payment is confirmed."
  if (state === "confirming") return "Your payment was detected and is being confirmed on the blockchain."
  if (state === "underpaid") {
    return `Your payment arrived, but ${p.invoice?.amount_missing ?? "part of the amount"} USDT is missing.`
  }
  if (matched === false) {
    return "3PAY reports a different transaction for this invoice. Check that you sent it to the address shown, on the network shown."
  }
  return "3PAY has not seen this payment on your invoice yet. Confirmations can take a few minutes: we keep checking, and your order is created as soon as it arrives."
}

export async function checkPayment(container: MedusaContainer, input: Input): Promise<CheckOutcome> {
  const before = await loadCartPayment(container, input.cartId, {
    sessionId: input.sessionId,
    salesChannelIds: input.salesChannelIds,
  })
  const parsed = checkTxHash(before.stored.network, input.txHash)
  if (!parsed.ok) {
    throw new StoreRouteError(400, MedusaError.Types.INVALID_DATA, ERROR_CODES.TX_HASH_INVALID, parsed.message)
  }
  const digits = hashDigits(parsed.hash)!

  // Already applied to an order: nothing to check, and nothing to spend.
  // (In order_first the order exists before payment: that alone is no reason to skip.)
  if (before.invoice?.applied_at) {
    const matched = verdict(before, digits)
    return { payment: before, check: { tx_hash: parsed.hash, matched, message: messageFor(before, matched) } }
  }

  const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
  // Hashes are hex: `%<64 hex>` matches the hash with or without its 0x, and nothing else.
  const holders = await threepay.listThreePayInvoices({ tx_hash: { $ilike: `%${digits}` } } as never, { take: 10 })
  if (holders.some((r) => r.cart_id !== before.cart.id)) {
    throw new StoreRouteError(
      409,
      MedusaError.Types.CONFLICT,
      ERROR_CODES.TX_HASH_USED,
      "This transaction already paid another order. If you think this is a mistake, contact the store with the transaction hash."
    )
  }
  // The hash may belong to an older invoice of this same cart (the shopper
  // switched network after paying): re-check that one, it can still complete the cart.
  const target =
    holders.find((r) => r.cart_id === before.cart.id && r.transaction_id !== before.stored.transaction_id)?.transaction_id ??
    before.stored.transaction_id

  const limit = await consumeCartLimit(container, "check", before.cart.id, CHECK_LIMIT)
  if (!limit.allowed) {
    throw tooMany(ERROR_CODES.TOO_MANY_CHECKS, "Your payment was checked moments ago.", limit.retryAfterSeconds)
  }

  const noted = await noteSubmittedHash(container, target, parsed.hash)
  await syncInvoiceWorkflow(container).run({ input: { transaction_id: target, source: "storefront" } })
  // A session the provider made on its own enters the ledger during the sync.
  if (!noted) await noteSubmittedHash(container, target, parsed.hash)

  // The sync may have moved the payment to a new session (see apply-invoice-to-medusa): read the cart's current one.
  const after = await loadCartPayment(container, input.cartId, { salesChannelIds: input.salesChannelIds })
  const matched = verdict(after, digits)
  return { payment: after, check: { tx_hash: parsed.hash, matched, message: messageFor(after, matched) } }
}
