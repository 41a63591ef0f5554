/**
 * A registered, logged-in store customer, as a storefront makes one with
 * @medusajs/js-sdk: register the email/password identity, create the
 * customer, log in again for a token that names the customer.
 */
import type { AxiosInstance } from "axios"
import { expectOk } from "./checkout"

export async function loginCustomer(api: AxiosInstance, publishableKey: string, email: string) {
  const password = "correct horse battery staple"
  const base = { "x-publishable-api-key": publishableKey }
  const reg = await api.post("/auth/customer/emailpass/register", { email, password }, { validateStatus: () => true })
  expectOk(reg)
  const created = await api.post(
    "/store/customers",
    { email, first_name: "Ada", last_name: "Lovelace" },
    { headers: { ...base, authorization: `Bearer ${reg.data.token}` }, validateStatus: () => true }
  )
  expectOk(created)
  const login = await api.post("/auth/customer/emailpass", { email, password }, { validateStatus: () => true })
  expectOk(login)
  return { id: created.data.customer.id as string, headers: { ...base, authorization: `Bearer ${login.data.token}` } }
}
