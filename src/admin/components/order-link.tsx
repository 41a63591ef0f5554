import { Link } from "react-router-dom"

/** "Open order": a link inside the dashboard to an order's page. */
export const OrderLink = ({ orderId, testId, className = "", children = "Open order" }: { orderId: string; testId?: string; className?: string; children?: string }) => (
  <Link to={`/orders/${orderId}`} className={`text-ui-fg-interactive hover:text-ui-fg-interactive-hover ${className}`} data-testid={testId}>
    {children}
  </Link>
)
