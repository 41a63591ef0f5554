import { defineMiddlewares } from "@medusajs/framework/http"
import { prepareThreePayInvoice } from "./store/_3pay/prepare-invoice-middleware"

export default defineMiddlewares({
  routes: [
    {
      // The raw bytes are read by the route itself, with a size limit.
      matcher: "/hooks/3pay",
      method: ["POST"],
      bodyParser: false,
    },
    {
      // Medusa's own route; we only act when the provider is 3PAY.
      matcher: "/store/payment-collections/:id/payment-sessions",
      method: ["POST"],
      middlewares: [prepareThreePayInvoice],
    },
  ],
})
