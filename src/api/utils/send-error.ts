/**
 * Our routes' error answer: `{ type, code, message, retry_after? }` with an
 * HTTP status that says what happened (429 busy, 503 down, 400 bad input) and
 * a `Retry-After` header when waiting helps. Messages are written for
 * shoppers and never carry a key, secret or 3PAY's raw answer.
 */
import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { describeThreePayError } from "../../lib/medusa-errors"

export function sendThreePayError(req: MedusaRequest, res: MedusaResponse, e: unknown) {
  const d = describeThreePayError(e)
  if (d.httpStatus >= 500 || d.code === "threepay_busy") {
    const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER)
    logger.warn(`[3pay] ${req.method} ${req.path} -> ${d.httpStatus} ${d.code}: ${(e as Error)?.message ?? e}`)
  }
  if (d.retryAfterSeconds) res.setHeader("Retry-After", String(d.retryAfterSeconds))
  res.status(d.httpStatus).json({
    type: d.type,
    code: d.code,
    message: d.message,
    ...(d.retryAfterSeconds ? { retry_after: d.retryAfterSeconds } : {}),
  })
}
