import { useEffect, useState } from "react"
import type { HttpTypes } from "@medusajs/types"
import { money } from "../money"
import { errorText, type Cart, type Sdk } from "../types"

export function ShippingStep({ sdk, cart, onCart, onDone }: { sdk: Sdk; cart: Cart; onCart: (c: Cart) => void; onDone: () => void }) {
  const [options, setOptions] = useState<HttpTypes.StoreCartShippingOption[]>([])
  const [picked, setPicked] = useState<string | null>(cart.shipping_methods?.[0]?.shipping_option_id ?? null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    sdk.store.fulfillment
      .listCartOptions({ cart_id: cart.id })
      .then(({ shipping_options }) => {
        const cheapestFirst = [...shipping_options].sort((a, b) => (a.amount ?? 0) - (b.amount ?? 0))
        setOptions(cheapestFirst)
        setPicked((p) => p ?? cheapestFirst[0]?.id ?? null)
      })
      .catch((e) => setError(errorText(e)))
  }, [sdk, cart.id])

  const submit = async () => {
    if (!picked) return
    setBusy(true)
    try {
      const { cart: next } = await sdk.store.cart.addShippingMethod(cart.id, { option_id: picked })
      onCart(next)
      onDone()
    } catch (e) {
      setError(errorText(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <div data-testid="step-shipping">
      <h2>Shipping</h2>
      <ul className="options">
        {options.map((o) => (
          <li key={o.id}>
            <label>
              <input type="radio" name="shipping" checked={picked === o.id} onChange={() => setPicked(o.id)} data-testid={`shipping-option-${o.type?.code ?? o.id}`} />
              {o.name} <span className="muted">{o.type?.description}</span> <b>{money(o.amount, cart.currency_code)}</b>
            </label>
          </li>
        ))}
      </ul>
      {error && <p className="error">{error}</p>}
      <button className="primary" disabled={!picked || busy} onClick={submit} data-testid="shipping-submit">
        {busy ? "Saving…" : "Continue to payment"}
      </button>
    </div>
  )
}
