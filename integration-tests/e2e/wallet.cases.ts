/**
 * Customer wallets (issue #15) in headless Chromium on the demo store: a
 * shopper creates an account on the demo's checkout page, pays a first order
 * to their own USDT address (the emulator delivers the deposit, more than
 * asked), pays a second order from what was left with no deposit, and sees
 * both orders and the deposit in the storefront package's account view
 * (<ThreePayWallet>); the admin's order page shows the order paid from the
 * balance with its entries. Run by demo.spec.ts on its demo store.
 */
import { fromMicro, toMicro } from "medusa-payment-3pay-client"
import type { Page } from "playwright-core"
import { adminApi, axeViolations, goToPayment, loginToAdmin, readConfirmation, snap, type DemoStore } from "./harness"

type EmulatorWallet = { userId: string; wallets: Record<string, { walletAddress: string }> }

export function walletCases(store: DemoStore) {
  const control = (path: string, body?: unknown) =>
    fetch(`${store.demo.emulator.controlUrl}${path}`, {
      method: body ? "POST" : "GET",
      headers: body ? { "content-type": "application/json" } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(async (r) => {
      if (!r.ok) throw new Error(`emulator ${path}: HTTP ${r.status} ${await r.text()}`)
      return r.json() as Promise<any>
    })

  /** The emulator's user whose TRC20 address the page showed. */
  async function userOf(address: string): Promise<string> {
    const { wallets } = (await control("/wallets")) as { wallets: EmulatorWallet[] }
    const user = wallets.find((w) => Object.values(w.wallets).some((a) => a.walletAddress === address))
    if (!user) throw new Error(`no emulator wallet has the address ${address}`)
    return user.userId
  }

  async function register(page: Page, email: string) {
    await page.goto(store.demo.checkoutUrl)
    await page.getByTestId("account-open").click()
    await page.getByTestId("account-email").fill(email)
    await page.getByTestId("account-password").fill("correct horse battery staple")
    await page.getByTestId("account-register").click()
    await page.getByTestId("account").waitFor()
  }

  /**
   * Chooses the balance on TRC20 and confirms: resolves once the cart pays
   * from it (waiting for a deposit, or paid at once: then the page may be on
   * the order confirmation already).
   */
  async function payFromBalance(page: Page) {
    await page.getByTestId("threepay-method-wallet").click()
    await page.getByTestId("threepay-network-TRC20").click()
    await page.getByTestId("threepay-wallet-start").click()
    await page
      .locator("[data-testid=threepay-payment][data-method=wallet]:is([data-status=waiting],[data-status=paid]), [data-testid=order-confirmation]")
      .first()
      .waitFor({ timeout: 30_000 })
  }

  describe("customer wallets in a browser", () => {
    it("a registered customer pays to their own address, overpays, then pays a second order from the balance alone; the account view lists it all", async () => {
      const page = await store.page()
      try {
        await register(page, `wallet-e2e-${Date.now()}@example.com`)

        // First order: the balance (0) is short, the customer's own TRC20 address is shown with what to send.
        const invoices = async () => ((await control("/invoices")) as { invoices: unknown[] }).invoices.length
        const invoicesBefore = await invoices()
        await goToPayment(page, store.demo, { product: "coffee-mug" })
        await page.getByTestId("threepay-methods").waitFor()
        await payFromBalance(page)
        // No invoice was made for this cart: the choice came first, and the balance needs none.
        expect(await invoices()).toBe(invoicesBefore)
        await page.locator("[data-testid=threepay-wallet-checkout][data-status=waiting]").waitFor()
        const address = (await page.getByTestId("threepay-wallet-address").innerText()).trim()
        expect(address).toMatch(/^T\w{33}$/)
        const toSend = (await page.getByTestId("threepay-wallet-amount").innerText()).replace(" USDT", "").trim()
        expect(toMicro(toSend)).toBeGreaterThan(0n)
        await expect(page.getByTestId("threepay-warning").innerText()).resolves.toContain("TRON network (TRC20)")
        expect(await page.getByTestId("threepay-wallet-qr").getAttribute("src")).toMatch(/^data:image\/png;base64,/)
        expect(await page.getByTestId("threepay-address-explorer").getAttribute("href")).toContain(address)
        expect(await axeViolations(page, "[data-testid=threepay-payment]")).toEqual([])
        await snap(page, "wallet-checkout-waiting")

        // The emulator delivers 40 USDT more than asked (its signed webhook goes to the store); "I have sent it" asks 3PAY now.
        const sent = fromMicro(toMicro(toSend) + toMicro("40"))
        await control(`/wallets/${encodeURIComponent(await userOf(address))}/deposit`, { amount: sent, currencyType: "USDT-TRC20" })
        await page.getByTestId("threepay-wallet-sent").click().catch(() => undefined)
        const first = await readConfirmation(page)
        expect(first.paymentStatus).toMatch(/^paid\b/)

        // Second order: the 40 USDT left covers it. Nothing to send: the order is made at once.
        await goToPayment(page, store.demo, { product: "sticker-pack" })
        await expect(page.getByTestId("threepay-method-wallet").innerText()).resolves.toContain("40 USDT available")
        await payFromBalance(page)
        const second = await readConfirmation(page)
        expect(second.paymentStatus).toMatch(/^paid\b/)
        expect(second.orderId).not.toBe(first.orderId)

        // Both orders were captured in Medusa and paid from the balance (hold, then debit).
        const token = await store.adminToken()
        for (const o of [first, second]) {
          const { body } = await adminApi(store.demo, token, `/admin/3pay/orders/${o.orderId}/wallet`)
          expect(body).toMatchObject({ order_id: o.orderId, paid_from_balance: true })
          expect(body.entries.map((e: { kind: string }) => e.kind)).toEqual(["hold", "debit"])
          const { body: order } = await adminApi(store.demo, token, `/admin/orders/${o.orderId}?fields=+payment_status,+total`)
          expect(order.order.payment_status).toBe("captured")
        }
        const secondTotal = (await adminApi(store.demo, token, `/admin/orders/${second.orderId}?fields=+total`)).body.order.total

        // The account view: what is left, the address, the deposit with its transaction, both orders.
        await page.getByTestId("account-wallet").click()
        await page.locator("[data-testid=threepay-wallet][data-phase=ready]").waitFor()
        await expect(page.getByTestId("threepay-wallet-available").innerText()).resolves.toBe(`${fromMicro(toMicro("40") - toMicro(String(secondTotal)))} USDT`)
        await expect(page.getByTestId("threepay-address-TRC20").innerText()).resolves.toBe(address)
        const entries = page.getByTestId("threepay-wallet-entry")
        expect(await entries.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))).toEqual(["debit", "hold", "debit", "hold", "deposit"])
        const deposit = entries.last()
        await expect(deposit.innerText()).resolves.toContain(`+${sent} USDT`)
        expect(await deposit.getByTestId("threepay-wallet-entry-tx").getAttribute("href")).toMatch(/^https:\/\/nile\.tronscan\.org\/#\/transaction\//)
        const orderLinks = await page.getByTestId("threepay-wallet-entry-order").evaluateAll((els) => els.map((e) => e.getAttribute("href")))
        expect(orderLinks).toEqual(expect.arrayContaining([`/checkout/done?order_id=${first.orderId}`, `/checkout/done?order_id=${second.orderId}`]))
        expect(await axeViolations(page, "[data-testid=threepay-wallet]")).toEqual([])
        await snap(page, "wallet-account-view")

        // The admin sees the order the component placed, paid from the balance, with its entries.
        const admin = await store.page({ width: 1440, height: 1000 })
        try {
          await loginToAdmin(admin, store.demo)
          await admin.goto(`${store.demo.adminUrl}/orders/${second.orderId}`)
          const card = admin.getByTestId("threepay-paid-from-balance")
          await card.waitFor({ timeout: 60_000 })
          await expect(card.innerText()).resolves.toContain("Paid from USDT balance")
          await expect(
            card.getByTestId("threepay-paid-from-balance-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))
          ).resolves.toEqual(["hold", "debit"])
        } finally {
          await admin.context().close()
        }
      } catch (e) {
        console.warn(`screenshot of the failure: ${await snap(page, "wallet")}`)
        throw e
      } finally {
        await page.context().close()
      }
    })
  })
}
