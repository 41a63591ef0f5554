/**
 * The demo's customer login (Medusa's emailpass auth through the js-sdk, the
 * token kept by the sdk in localStorage): a logged-in customer's payment step
 * offers their USDT balance and own address (README, "Customer wallets"),
 * and "My USDT wallet" shows the storefront package's <ThreePayWallet>. A
 * cart made as a guest moves to the customer on login (transferCart).
 */
import { useEffect, useState, type FormEvent } from "react"
import { errorText, type Cart, type Sdk } from "./types"

export type Customer = { id: string; email: string }

/** The logged-in customer, read once on load (no request at all without a stored token: a guest gets no 401). */
export function useCustomer(sdk: Sdk) {
  const [customer, setCustomer] = useState<Customer | null>(null)
  useEffect(() => {
    if (!localStorage.getItem("medusa_auth_token")) return
    sdk.store.customer
      .retrieve({ fields: "id,email" })
      .then(({ customer }) => setCustomer(customer))
      .catch(() => void sdk.auth.logout().catch(() => undefined))
  }, [sdk])
  return [customer, setCustomer] as const
}

export function AccountBox(props: {
  sdk: Sdk
  customer: Customer | null
  cart: Cart | null
  onCustomer: (c: Customer | null) => void
  onCart: (c: Cart) => void
  onWallet: () => void
}) {
  const { sdk, customer } = props
  const [open, setOpen] = useState(false)
  const [email, setEmail] = useState("")
  const [password, setPassword] = useState("")
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const enter = async (register: boolean) => {
    setBusy(true)
    setError(null)
    try {
      if (register) {
        await sdk.auth.register("customer", "emailpass", { email, password })
        await sdk.store.customer.create({ email })
      }
      const r = await sdk.auth.login("customer", "emailpass", { email, password })
      if (typeof r !== "string") throw new Error("This login needs another step, which the demo does not do.")
      const { customer: c } = await sdk.store.customer.retrieve({ fields: "id,email" })
      // A cart started as a guest becomes the customer's: only their own cart can pay from their balance.
      if (props.cart) props.onCart((await sdk.store.cart.transferCart(props.cart.id)).cart)
      props.onCustomer(c)
      setOpen(false)
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }
  const submit = (e: FormEvent) => {
    e.preventDefault()
    void enter(false)
  }

  if (customer) {
    return (
      <div className="account" data-testid="account" data-customer-id={customer.id}>
        <span className="muted">Signed in as {customer.email}</span>
        <button className="link" onClick={props.onWallet} data-testid="account-wallet">
          My USDT wallet
        </button>
        <button
          className="link"
          onClick={() => void sdk.auth.logout().finally(() => props.onCustomer(null))}
          data-testid="account-logout"
        >
          Log out
        </button>
      </div>
    )
  }
  if (!open) {
    return (
      <div className="account">
        <button className="link" onClick={() => setOpen(true)} data-testid="account-open">
          Log in or create an account
        </button>
      </div>
    )
  }
  return (
    <form className="account form" onSubmit={submit} data-testid="account-form">
      <label>
        Email
        <input name="account-email" type="email" required value={email} onChange={(e) => setEmail(e.target.value)} data-testid="account-email" />
      </label>
      <label>
        Password
        <input name="account-password" type="password" required value={password} onChange={(e) => setPassword(e.target.value)} data-testid="account-password" />
      </label>
      {error && <p className="error">{error}</p>}
      <div className="account-actions">
        <button type="submit" disabled={busy} data-testid="account-login">
          Log in
        </button>
        <button type="button" disabled={busy || !email || !password} onClick={() => void enter(true)} data-testid="account-register">
          Create account
        </button>
      </div>
    </form>
  )
}
