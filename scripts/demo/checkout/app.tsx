import { useCallback, useEffect, useState } from "react"
import { AccountBox, useCustomer } from "./account"
import type { DemoConfig } from "./config"
import { ORDER_FIELDS, forgetCart, orderOfCompletedCart, retrieveCart, saveCartId, savedCartId } from "./cart-state"
import { CartSummary } from "./cart-summary"
import { ThreePayPayment, ThreePayWallet } from "./payment"
import { AddressStep } from "./steps/address"
import { Confirmation } from "./steps/confirmation"
import { ProductsStep } from "./steps/products"
import { ShippingStep } from "./steps/shipping"
import { errorText, type Cart, type Order, type Sdk, type Step } from "./types"

const STEPS: Array<[Step, string]> = [
  ["products", "Products"],
  ["address", "Address"],
  ["shipping", "Shipping"],
  ["payment", "Payment"],
  ["done", "Confirmation"],
]

export function App({ sdk, config }: { sdk: Sdk; config: DemoConfig }) {
  const [step, setStep] = useState<Step>("products")
  const [cart, setCart] = useState<Cart | null>(null)
  const [order, setOrder] = useState<Order | null>(null)
  const [regionId, setRegionId] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(true)
  const [customer, setCustomer] = useCustomer(sdk)
  // "My USDT wallet": the storefront package's account view, over whichever step is open.
  const [walletOpen, setWalletOpen] = useState(false)

  const showOrder = useCallback(
    async (orderId: string) => {
      forgetCart()
      // Read with the fields the confirmation shows (payment status included).
      const { order } = await sdk.store.order.retrieve(orderId, { fields: ORDER_FIELDS })
      setOrder(order)
      setCart(null)
      setStep("done")
      history.replaceState(null, "", `/checkout/done?order_id=${order.id}`)
    },
    [sdk]
  )

  // First load: the USD region, then resume a cart or show a finished order.
  useEffect(() => {
    ;(async () => {
      const { regions } = await sdk.store.region.list({ fields: "id,currency_code" })
      setRegionId(regions.find((r) => r.currency_code === "usd")?.id ?? regions[0]?.id ?? null)
      const orderId = new URLSearchParams(location.search).get("order_id")
      if (orderId) {
        const { order } = await sdk.store.order.retrieve(orderId, { fields: ORDER_FIELDS })
        setOrder(order)
        setStep("done")
        return
      }
      const id = savedCartId()
      const found = id ? await retrieveCart(sdk, id) : null
      if (!found) return forgetCart()
      if (found.completed_at) {
        const placed = await orderOfCompletedCart(sdk, found.id)
        if (placed) return showOrder(placed.id)
        return forgetCart()
      }
      saveCartId(found.id)
      setCart(found)
      const back = new URLSearchParams(location.search).has("cart_id")
      if (found.email && found.shipping_methods?.length) setStep(back ? "payment" : "shipping")
      else if (found.email) setStep("shipping")
    })()
      .catch((e) => setError(errorText(e)))
      .finally(() => setLoading(false))
  }, [sdk, showOrder])

  const updateCart = (next: Cart) => {
    saveCartId(next.id)
    setCart(next)
  }

  if (loading) return <p className="loading">Loading the store…</p>

  return (
    <div className="page" data-testid="checkout-page" data-step={step}>
      <header>
        <h1>3PAY demo store</h1>
        <AccountBox sdk={sdk} customer={customer} cart={cart} onCustomer={setCustomer} onCart={updateCart} onWallet={() => setWalletOpen(true)} />
        <ol className="steps" data-testid="steps">
          {STEPS.map(([id, label]) => (
            <li key={id} className={id === step ? "current" : ""}>
              {label}
            </li>
          ))}
        </ol>
      </header>
      {error && (
        <p className="error" role="alert" data-testid="checkout-error">
          {error}
        </p>
      )}
      <main>
        <section className="content">
          {walletOpen && customer && (
            <div data-testid="account-wallet-view">
              <ThreePayWallet sdk={sdk} orderHref={(id: string) => `/checkout/done?order_id=${id}`} />
              <button className="link" onClick={() => setWalletOpen(false)} data-testid="account-wallet-close">
                ← Back to the shop
              </button>
            </div>
          )}
          {!walletOpen && step === "products" && (
            <ProductsStep sdk={sdk} regionId={regionId} cart={cart} onCart={updateCart} onError={setError} onCheckout={() => setStep("address")} />
          )}
          {!walletOpen && step === "address" && cart && <AddressStep sdk={sdk} cart={cart} onCart={updateCart} onDone={() => setStep("shipping")} />}
          {!walletOpen && step === "shipping" && cart && <ShippingStep sdk={sdk} cart={cart} onCart={updateCart} onDone={() => setStep("payment")} />}
          {!walletOpen && step === "payment" && cart && (
            <div data-testid="step-payment">
              <h2>Payment</h2>
              <p className="muted demo-hint">
                Demo store: no real USDT moves. Open the 3PAY payment page (the local emulator at {config.emulatorUrl}) and
                click <b>Pay in full</b>. Logged in, you can pay from your USDT balance or to your own address instead (the
                emulator's control API makes the deposit: <code>POST /_control/wallets/&lt;userId&gt;/deposit</code>).
              </p>
              <ThreePayPayment key={customer?.id ?? "guest"} sdk={sdk} cartId={cart.id} onOrderPlaced={(o: { id: string }) => void showOrder(o.id).catch((e) => setError(errorText(e)))} />
              <button className="link" onClick={() => setStep("shipping")}>
                ← Back to shipping
              </button>
            </div>
          )}
          {!walletOpen && step === "done" && order && <Confirmation order={order} adminUrl={config.adminUrl} onNew={() => (location.href = "/")} />}
        </section>
        {cart && step !== "done" && <CartSummary cart={cart} />}
      </main>
    </div>
  )
}
