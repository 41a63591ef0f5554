/**
 * POST /admin/3pay/addresses/check `{ network, address }`: the refund form's
 * live check of a destination address. Always 200 with the verdict (a
 * refused address is an answer, not an error); the checksum code runs here,
 * so the admin bundle carries none of it. The refund create checks again.
 */
import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { threepayRoute } from "../../../../../lib/errors"
import { checkRefundAddress } from "../../../../../lib/refund-address"
import type { AdminAddressCheckResponse } from "../../api-types"
import type { AdminAddressCheckBodyType } from "../../validators"

export const POST = threepayRoute(async (req: AuthenticatedMedusaRequest<AdminAddressCheckBodyType>, res: MedusaResponse) => {
  const { network, address } = req.validatedBody
  const body: AdminAddressCheckResponse = checkRefundAddress(network, address)
  res.setHeader("Cache-Control", "no-store")
  res.json(body)
})
