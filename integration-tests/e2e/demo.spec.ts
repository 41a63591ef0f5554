/**
 * `npm run demo` end to end, in headless Chromium: a shopper buys through the
 * demo's checkout page (the plugin's payment component), pays on the 3PAY
 * emulator's hosted page, lands on the order confirmation, and the order is
 * captured in Medusa, on TRC20 and on ERC20; the shopper's emails (payment
 * instructions, receipt) are on the demo's "Sent emails" page. Then an admin
 * finds the order in the dashboard. Then, on the same demo store, the
 * plugin's admin pages (admin.cases.ts).
 */
import { adminCases } from "./admin.cases"
import { walletCases } from "./wallet.cases"
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

  it("shows the shopper's emails on the demo's own page: the payment instructions and the receipt of each order", async () => {
    expect(Object.keys(orders).length).toBeGreaterThan(0)
    const page = await store.page()
    try {
      await page.goto(store.demo.emailsUrl)
      const emails = page.getByTestId("email")
      await emails.first().waitFor()
      const kinds = await emails.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))
      const count = (k: string) => kinds.filter((x) => x === k).length
      expect(count("payment_instructions")).toBeGreaterThanOrEqual(Object.keys(orders).length)
      expect(count("payment_received")).toBe(Object.keys(orders).length)
      const receipts = await page.locator('[data-testid=email][data-kind=payment_received] h2').allInnerTexts()
      for (const o of Object.values(orders)) expect(receipts.some((t) => t.includes(`your order ${o.displayId}`))).toBe(true)
      // The instructions name the amount, network and address (the HTML is in a sandboxed frame; the text beside it).
      const text = await page.locator('[data-testid=email][data-kind=payment_instructions] [data-testid=email-text]').first().textContent()
      expect(text).toMatch(/Amount: +\d+(\.\d+)? USDT \(exactly\)/)
      expect(text).toMatch(/Network: +USDT on (TRON|Ethereum)/)
      expect(text).toMatch(/Address: +(T|0x)\w+/)
      expect(text).toMatch(/Pay before: .+ UTC/)
    } catch (e) {
      console.warn(`screenshot of the failure: ${await snap(page, "demo-emails")}`)
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

// A customer paying to their own address, then from their balance (TRC20).
walletCases(store)

// The plugin's admin pages, after the purchases (they switch ERC20 off).
adminCases(store)
