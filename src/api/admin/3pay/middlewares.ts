import { validateAndTransformBody, validateAndTransformQuery, type MiddlewareRoute } from "@medusajs/framework/http"
import {
  AdminAddressCheckSchema,
  AdminAttentionQuerySchema,
  AdminCreateRefundSchema,
  AdminResolveSchema,
  AdminSaveSettingsSchema,
  AdminWalletAdjustmentSchema,
  AdminWalletQuerySchema,
  AdminWebhookTestSchema,
} from "./validators"

/**
 * Validation of the /admin/3pay routes. Authentication is Medusa's own for
 * everything under /admin (admin users by session or bearer, and secret API
 * keys): no route here requires a particular actor type.
 */
export const adminThreePayMiddlewares: MiddlewareRoute[] = [
  {
    matcher: "/admin/3pay/settings",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminSaveSettingsSchema)],
  },
  {
    matcher: "/admin/3pay/webhook-test",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminWebhookTestSchema)],
  },
  {
    matcher: "/admin/3pay/invoices/:transaction_id/resolve",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminResolveSchema)],
  },
  {
    matcher: "/admin/3pay/attention",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(AdminAttentionQuerySchema, { isList: true, defaultLimit: 50 })],
  },
  {
    matcher: "/admin/3pay/customers/:id/wallet",
    method: ["GET"],
    middlewares: [validateAndTransformQuery(AdminWalletQuerySchema, {})],
  },
  {
    matcher: "/admin/3pay/customers/:id/wallet/adjustments",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminWalletAdjustmentSchema)],
  },
  {
    matcher: "/admin/3pay/addresses/check",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminAddressCheckSchema)],
  },
  {
    matcher: "/admin/3pay/orders/:id/refunds",
    method: ["POST"],
    middlewares: [validateAndTransformBody(AdminCreateRefundSchema)],
  },
]
