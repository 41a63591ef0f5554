import { money } from "../money"
import type { Order } from "../types"

const PAYMENT_WORDS: Record<string, string> = {
  captured: "paid",
  authorized: "authorized",
  awaiting: "awaiting payment",
  not_paid: "not paid",
}

export function Confirmation({ order, adminUrl, onNew }: { order: Order; adminUrl: string; onNew: () => void }) {
  const payment = PAYMENT_WORDS[order.payment_status] ?? order.payment_status
  return (
    <div className="confirmation" data-testid="order-confirmation" data-order-id={order.id} data-payment-status={order.payment_status}>
      <h2>Thank you! Your order is placed.</h2>
      <dl>
        <dt>Order</dt>
        <dd data-testid="order-display-id">#{order.display_id}</dd>
        <dt>Total</dt>
        <dd data-testid="order-total">{money(order.total, order.currency_code)}</dd>
        <dt>Payment</dt>
        <dd data-testid="order-payment-status" className={payment === "paid" ? "paid" : ""}>
          {payment} (USDT via 3PAY)
        </dd>
        <dt>Email</dt>
        <dd>{order.email}</dd>
      </dl>
      <ul className="lines">
        {order.items?.map((i) => (
          <li key={i.id}>
            {i.quantity} × {i.product_title ?? i.title} <span>{money(i.unit_price * i.quantity, order.currency_code)}</span>
          </li>
        ))}
      </ul>
      <p>
        <a href={`${adminUrl}/orders/${order.id}`} target="_blank" rel="noreferrer" data-testid="admin-order-link">
          See this order in the Medusa admin
        </a>
      </p>
      <button onClick={onNew}>Shop again</button>
    </div>
  )
}
