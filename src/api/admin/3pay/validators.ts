/**
 * zod schemas of the /admin/3pay/* inputs. They check types, shape and size;
 * the rules that depend on the store's options (allowed networks, default
 * network enabled, timer and tolerance bounds) are the module's
 * (settings-rules.ts), so there is one judge and its messages name the field.
 */
import { z } from "@medusajs/framework/zod"
import { NETWORKS } from "medusa-payment-3pay-client"

const networkName = z.string().trim().min(1).max(32)

export const AdminSaveSettingsSchema = z
  .object({
    networks: z.array(networkName).max(10).optional(),
    default_network: networkName.optional(),
    invoice_timer_minutes: z.number().int().optional(),
    // A decimal string ("0.5") is preferred; a number is accepted and read exactly by the module.
    underpayment_tolerance: z.union([z.string().trim().min(1).max(32), z.number().finite()]).optional(),
    underpayment_tolerance_bps: z.number().int().optional(),
    flow: z.string().trim().min(1).max(32).optional(),
  })
  .strict()
export type AdminSaveSettingsBody = z.infer<typeof AdminSaveSettingsSchema>

export const AdminWebhookTestSchema = z
  .object({
    /** How long to watch the ledger for the delivery. */
    wait_ms: z.number().int().min(0).max(15_000).optional(),
  })
  .strict()
export type AdminWebhookTestBody = z.infer<typeof AdminWebhookTestSchema>

export const AdminResolveSchema = z
  .object({
    /** What was done: "refunded 3 USDT from the 3PAY wallet", "customer topped up". */
    note: z.string().max(500).optional(),
  })
  .strict()
export type AdminResolveBody = z.infer<typeof AdminResolveSchema>

export const AdminAttentionQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminAttentionQuery = z.infer<typeof AdminAttentionQuerySchema>

/** Path parameters (Medusa validates bodies and queries, not params). */
export const OrderIdParamSchema = z.object({ id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/) })
export const TransactionIdParamSchema = z.object({
  transaction_id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/),
})

/** A customer id in a path: the same shape as an order id. */
export const CustomerIdParamSchema = OrderIdParamSchema

export const AdminWalletQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
})
export type AdminWalletQuery = z.infer<typeof AdminWalletQuerySchema>

export const AdminWalletAdjustmentSchema = z
  .object({
    /** Signed USDT ("5", "-2.5"): a decimal string, at most 6 decimals, not zero (the ledger checks the rest). */
    amount: z.string().trim().regex(/^-?\d+(\.\d{1,6})?$/, "must be a USDT amount such as \"5\" or \"-2.5\" (at most 6 decimals)"),
    /** Why: kept on the entry for good, shown to whoever reads the ledger. */
    reason: z.string().trim().min(3, "is required (at least 3 characters)").max(500),
  })
  .strict()
export type AdminWalletAdjustmentBodyType = z.infer<typeof AdminWalletAdjustmentSchema>

// ------------------------------------------------------------------ refunds

/** The two networks by their one set of names (medusa-payment-3pay-client's NETWORKS). */
const refundNetwork = z.enum(NETWORKS)
/** A destination as pasted; the checksum rules are the server's (lib/refund-address.ts). */
const destination = z.string().max(200)

export const AdminAddressCheckSchema = z.object({ network: refundNetwork, address: destination }).strict()
export type AdminAddressCheckBodyType = z.infer<typeof AdminAddressCheckSchema>

export const AdminCreateRefundSchema = z
  .object({
    payment_id: z.string().trim().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/),
    /** USDT, exact: a positive decimal string with at most 6 decimals. */
    amount: z.string().trim().regex(/^\d+(\.\d{1,6})?$/, "must be a USDT amount such as \"5\" or \"12.345678\" (at most 6 decimals)"),
    address: destination,
    network: refundNetwork,
    /** Made by the admin's form, one per opened form: the same key is the same refund, whatever happens to the answer. */
    idempotency_key: z.string().trim().min(8).max(100).regex(/^[A-Za-z0-9_:.-]+$/, "letters, digits and _ : . - only"),
    /** An all-lowercase Ethereum address carries no checksum: the admin compared it by hand. */
    confirm_lowercase: z.boolean().optional(),
    note: z.string().max(500).optional(),
  })
  .strict()
export type AdminCreateRefundBodyType = z.infer<typeof AdminCreateRefundSchema>
