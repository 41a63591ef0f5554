import { money } from "./money"
import type { Cart } from "./types"

export function CartSummary({ cart }: { cart: Cart }) {
  const c = cart.currency_code
  const a = cart.shipping_address
  return (
    <aside className="summary" data-testid="cart-summary">
      <h2>Your cart</h2>
      <ul className="lines">
        {cart.items?.map((i) => (
          <li key={i.id}>
            {i.quantity} × {i.product_title ?? i.title} <span>{money(i.unit_price * i.quantity, c)}</span>
          </li>
        ))}
      </ul>
      <dl>
        <dt>Subtotal</dt>
        <dd>{money(cart.item_total, c)}</dd>
        <dt>Shipping</dt>
        <dd>{cart.shipping_methods?.length ? money(cart.shipping_total, c) : "–"}</dd>
        <dt>Total</dt>
        <dd data-testid="cart-total">
          <b>{money(cart.total, c)}</b>
        </dd>
      </dl>
      {a?.address_1 && (
        <p className="muted" data-testid="cart-address">
          Ship to {a.first_name} {a.last_name}, {a.address_1}, {a.postal_code} {a.city}, {a.country_code?.toUpperCase()}
          <br />
          {cart.email}
        </p>
      )}
    </aside>
  )
}
