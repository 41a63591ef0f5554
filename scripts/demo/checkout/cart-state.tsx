import type { Cart, Order, Sdk } from "./types"

// The cart id survives reloads and the round trip through 3PAY's payment
// page (whose return URL carries ?cart_id=…).
const KEY = "threepay_demo_cart_id"

export const savedCartId = () => new URLSearchParams(location.search).get("cart_id") ?? localStorage.getItem(KEY)
export const saveCartId = (id: string) => localStorage.setItem(KEY, id)
export const forgetCart = () => localStorage.removeItem(KEY)

export const ORDER_FIELDS = "id,display_id,email,total,currency_code,payment_status,status,created_at,*items"

/**
 * The order of a cart that is already complete (the webhook placed it):
 * completing again returns it. A 409 means another tab is completing it
 * right now (the payment page's return tab and the polling tab), so retry.
 */
export async function orderOfCompletedCart(sdk: Sdk, cartId: string): Promise<Order | null> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await sdk.store.cart.complete(cartId)
      return res.type === "order" ? res.order : null
    } catch (e) {
      if (attempt >= 5 || (e as { status?: number }).status !== 409) throw e
      await new Promise((r) => setTimeout(r, 1000))
    }
  }
}

export async function retrieveCart(sdk: Sdk, id: string): Promise<Cart | null> {
  try {
    const { cart } = await sdk.store.cart.retrieve(id, { fields: "*items,*shipping_methods,*shipping_address" })
    return cart
  } catch {
    return null
  }
}
