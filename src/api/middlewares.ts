import { defineMiddlewares } from "@medusajs/framework/http"
import { adminThreePayMiddlewares } from "./admin/3pay/middlewares"
import { refundThroughThreePay } from "./admin/payments/refund-3pay-payment"
import { storeThreePayMiddlewares } from "./store/3pay/middlewares"
import { openThreePaySession } from "./store/payment-collections/open-3pay-session"

export default defineMiddlewares({
  routes: [
    {
      // The raw bytes are read by the route itself, with a size limit.
      matcher: "/hooks/3pay",
      method: ["POST"],
      bodyParser: false,
    },
    {
      // Medusa's own routes; we act only when the provider is 3PAY.
      matcher: "/store/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [openThreePaySession],
    },
    {
      matcher: "/admin/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [openThreePaySession],
    },
    {
      // Medusa's Refund button: a 3PAY payment is refunded through the plugin's refund workflow, or refused.
      matcher: "/admin/payments/:id/refund",
      method: ["POST"],
      middlewares: [refundThroughThreePay],
    },
    ...storeThreePayMiddlewares,
    ...adminThreePayMiddlewares,
  ],
})
