import { useEffect, useState } from "react"
import { money } from "../money"
import { errorText, type Cart, type Product, type Sdk } from "../types"

type Props = {
  sdk: Sdk
  regionId: string | null
  cart: Cart | null
  onCart: (cart: Cart) => void
  onError: (message: string) => void
  onCheckout: () => void
}

export function ProductsStep({ sdk, regionId, cart, onCart, onError, onCheckout }: Props) {
  const [products, setProducts] = useState<Product[]>([])
  const [busy, setBusy] = useState<string | null>(null)

  useEffect(() => {
    if (!regionId) return
    sdk.store.product
      .list({ region_id: regionId, fields: "id,title,handle,description,*variants.calculated_price", limit: 20 })
      .then(({ products }) => setProducts(products))
      .catch((e) => onError(errorText(e)))
  }, [sdk, regionId, onError])

  const add = async (variantId: string) => {
    setBusy(variantId)
    try {
      const res = cart
        ? await sdk.store.cart.createLineItem(cart.id, { variant_id: variantId, quantity: 1 })
        : await sdk.store.cart.create({ region_id: regionId!, items: [{ variant_id: variantId, quantity: 1 }] })
      onCart(res.cart)
    } catch (e) {
      onError(errorText(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <div data-testid="step-products">
      <h2>Products</h2>
      <ul className="products">
        {products.map((p) => {
          const variant = p.variants?.[0]
          const price = variant?.calculated_price
          return (
            <li key={p.id} className="product" data-testid="product" data-handle={p.handle}>
              <div className="thumb" aria-hidden>
                {p.title?.[0]}
              </div>
              <h3>{p.title}</h3>
              <p className="muted">{p.description}</p>
              <p className="price">{money(price?.calculated_amount, price?.currency_code ?? "usd")}</p>
              <button disabled={!variant || busy !== null} onClick={() => variant && add(variant.id)} data-testid={`add-to-cart-${p.handle}`}>
                {busy === variant?.id ? "Adding…" : "Add to cart"}
              </button>
            </li>
          )
        })}
      </ul>
      <button className="primary" disabled={!cart?.items?.length} onClick={onCheckout} data-testid="go-to-checkout">
        Checkout
      </button>
    </div>
  )
}
