/**
 * A shopper on the demo's checkout page: products → address → shipping →
 * the plugin's payment component → the emulator's hosted page → the order
 * confirmation. Shared by every browser spec that needs a paid order.
 */
import type { Page } from "playwright-core"
import type { Demo } from "./demo"

export type { Network } from "medusa-payment-3pay-client"
import type { Network } from "medusa-payment-3pay-client"

export type Purchase = {
  orderId: string
  displayId: string
  /** As the confirmation shows it, e.g. "$30.00" */
  total: string
  /** What the payment step asked for, e.g. "30 USDT" */
  amount: string
  /** The emulator invoice's code, from the payment page URL */
  paymentPageUrl: string
}

/** Fills the cart and walks to the payment step; resolves with the payment component visible. */
export async function goToPayment(page: Page, demo: Demo, { product = "medusa-tee" } = {}): Promise<void> {
  await page.goto(demo.checkoutUrl)
  await page.getByTestId(`add-to-cart-${product}`).click()
  await page.locator("[data-testid=go-to-checkout]:enabled").click()
  await page.getByTestId("address-submit").click()
  await page.locator("[data-testid=shipping-submit]:enabled").click()
  await page.getByTestId("threepay-payment").waitFor()
}

/** Picks `network` and waits for its invoice (amount, address, pay link). */
export async function pickNetwork(page: Page, network: Network): Promise<string> {
  await page.getByTestId(`threepay-network-${network}`).click()
  await page.locator(`[data-testid=threepay-payment][data-network=${network}][data-status=awaiting_payment]`).waitFor()
  await page.getByTestId("threepay-pay-link").waitFor()
  return (await page.getByTestId("threepay-amount").innerText()).trim()
}

/**
 * Opens the emulator's payment page from the component's link (a new tab, or
 * the same one), pays in full there and waits for the order confirmation on
 * the checkout page.
 */
export async function payOnEmulator(page: Page, { expectNetwork }: { expectNetwork?: Network } = {}) {
  const link = page.getByTestId("threepay-pay-link")
  const paymentPageUrl = (await link.getAttribute("href")) ?? ""
  const newTab = (await link.getAttribute("target")) === "_blank"
  const [payPage] = newTab
    ? await Promise.all([page.context().waitForEvent("page"), link.click()])
    : [page, await link.click()]
  await payPage.getByTestId("payment-page").waitFor()
  const shownNetwork = (await payPage.getByTestId("network").innerText()).trim()
  if (expectNetwork && !shownNetwork.includes(expectNetwork)) {
    throw new Error(`the payment page shows network "${shownNetwork}", expected ${expectNetwork}`)
  }
  const emulatorAmount = (await payPage.getByTestId("amount").innerText()).trim()
  await payPage.getByTestId("pay-full").click()
  // The emulator sends the webhook, then returns the shopper to the checkout page.
  await payPage.waitForURL((u) => !u.pathname.startsWith("/s/"), { timeout: 30_000 })
  if (payPage !== page) await payPage.close()
  return { paymentPageUrl, emulatorAmount }
}

export async function readConfirmation(page: Page) {
  const confirmation = page.getByTestId("order-confirmation")
  await confirmation.waitFor({ timeout: 60_000 })
  return {
    orderId: (await confirmation.getAttribute("data-order-id")) ?? "",
    displayId: (await page.getByTestId("order-display-id").innerText()).trim(),
    total: (await page.getByTestId("order-total").innerText()).trim(),
    paymentStatus: (await page.getByTestId("order-payment-status").innerText()).trim(),
  }
}

/** The whole purchase on `network`. */
export async function buyWithUsdt(page: Page, demo: Demo, network: Network, opts: { product?: string } = {}) {
  await goToPayment(page, demo, opts)
  const amount = await pickNetwork(page, network)
  const paid = await payOnEmulator(page, { expectNetwork: network })
  const confirmation = await readConfirmation(page)
  return { ...confirmation, amount, ...paid }
}
