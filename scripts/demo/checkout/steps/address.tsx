import { useState, type FormEvent } from "react"
import { errorText, type Cart, type Sdk } from "../types"

// Prefilled so a click-through takes seconds; every field can be changed.
const DEFAULTS = {
  email: "shopper@example.com",
  first_name: "Ada",
  last_name: "Lovelace",
  address_1: "1 Main St",
  city: "Austin",
  postal_code: "73301",
  province: "TX",
  country_code: "us",
  phone: "+1 512 555 0100",
}
type Fields = typeof DEFAULTS

const LABELS: Array<[keyof Fields, string]> = [
  ["email", "Email"],
  ["first_name", "First name"],
  ["last_name", "Last name"],
  ["address_1", "Address"],
  ["city", "City"],
  ["postal_code", "Postal code"],
  ["province", "State"],
  ["phone", "Phone"],
]

export function AddressStep({ sdk, cart, onCart, onDone }: { sdk: Sdk; cart: Cart; onCart: (c: Cart) => void; onDone: () => void }) {
  const a = cart.shipping_address
  const [fields, setFields] = useState<Fields>({
    ...DEFAULTS,
    ...(cart.email ? { email: cart.email } : {}),
    ...(a?.address_1 ? (Object.fromEntries(Object.keys(DEFAULTS).map((k) => [k, (a as any)[k] ?? (DEFAULTS as any)[k]])) as Fields) : {}),
  })
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const submit = async (e: FormEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const { email, ...address } = fields
      const { cart: next } = await sdk.store.cart.update(cart.id, { email, shipping_address: address, billing_address: address })
      onCart(next)
      onDone()
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={submit} data-testid="step-address" className="form">
      <h2>Contact and shipping address</h2>
      {LABELS.map(([name, label]) => (
        <label key={name}>
          {label}
          <input name={name} value={fields[name]} required={name !== "phone" && name !== "province"} onChange={(e) => setFields({ ...fields, [name]: e.target.value })} />
        </label>
      ))}
      <label>
        Country
        <select name="country_code" value={fields.country_code} onChange={(e) => setFields({ ...fields, country_code: e.target.value })}>
          <option value="us">United States</option>
        </select>
      </label>
      {error && <p className="error">{error}</p>}
      <button className="primary" type="submit" disabled={busy} data-testid="address-submit">
        {busy ? "Saving…" : "Continue to shipping"}
      </button>
    </form>
  )
}
