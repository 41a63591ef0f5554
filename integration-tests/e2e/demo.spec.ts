/**
 * `npm run demo` end to end, in headless Chromium: a shopper buys through the
 * demo's checkout page (the plugin's payment component), pays on the 3PAY
 * emulator's hosted page, lands on the order confirmation, and the order is
 * captured in Medusa, on TRC20 and on ERC20. Then an admin finds it in the
 * dashboard.
 */
import { adminApi, buyWithUsdt, loginToAdmin, snap, useDemoStore, type Network } from "./harness"

const store = useDemoStore()

type EmulatorInvoice = { transactionId: string; code: string; status: string; network: string; amount: string; callbackUrl: string | null }

async function emulatorInvoices(): Promise<EmulatorInvoice[]> {
  const res = await fetch(`${store.demo.emulator.controlUrl}/invoices`)
  return ((await res.json()) as { invoices: EmulatorInvoice[] }).invoices
}

const orders: Record<string, { orderId: string; displayId: string }> = {}

describe("the demo store in a browser", () => {
  const cases: Array<[Network, string]> = [
    ["TRC20", "medusa-tee"],
    ["ERC20", "hoodie"],
  ]
  it.each(cases)("sells a product paid with USDT on %s, captured in Medusa", async (network, product) => {
    const page = await store.page()
    try {
      const bought = await buyWithUsdt(page, store.demo, network, { product })

      expect(bought.displayId).toMatch(/^#\d+$/)
      expect(bought.paymentStatus).toMatch(/^paid\b/)
      // The emulator's page asked for what the checkout showed.
      expect(parseFloat(bought.emulatorAmount)).toBe(parseFloat(bought.amount))

      const invoice = (await emulatorInvoices()).find((i) => bought.paymentPageUrl.endsWith(`/s/${i.code}`))
      expect(invoice).toMatchObject({ network, status: "confirmed" })

      const token = await store.adminToken()
      const { body } = await adminApi(store.demo, token, `/admin/orders/${bought.orderId}?fields=+payment_status,+total`)
      expect(body.order.payment_status).toBe("captured")
      expect(`$${Number(body.order.total).toFixed(2)}`).toBe(bought.total)
      expect(parseFloat(invoice!.amount)).toBe(Number(body.order.total))
      orders[network] = bought
    } catch (e) {
      console.warn(`screenshot of the failure: ${await snap(page, `demo-${network}`)}`)
      throw e
    } finally {
      await page.context().close()
    }
  })

  it("shows the order in the Medusa admin", async () => {
    const placed = orders.TRC20 ?? orders.ERC20
    expect(placed).toBeDefined()
    const page = await store.page()
    try {
      await loginToAdmin(page, store.demo)
      await page.goto(`${store.demo.adminUrl}/orders/${placed.orderId}`)
      await page.getByText(placed.displayId).first().waitFor()
    } catch (e) {
      console.warn(`screenshot of the failure: ${await snap(page, "demo-admin")}`)
      throw e
    } finally {
      await page.context().close()
    }
  })
})
