/**
 * The plugin's admin pages in headless Chromium against the demo store: the
 * order widget shows what happened on chain, and switching ERC20 off on the
 * settings page is enforced at checkout. Run by demo.spec.ts on its demo
 * store (one boot of the demo for the whole e2e suite).
 */
import fs from "node:fs"
import path from "node:path"
import { adminApi, buyWithUsdt, goToPayment, loginToAdmin, snap, type DemoStore } from "./harness"

export function adminCases(store: DemoStore) {
  const SHOTS = path.join(__dirname, "../../.ci-out/e2e-screens")

  async function storeApi(pathname: string, body?: unknown) {
    const res = await fetch(`${store.demo.backendUrl}${pathname}`, {
      method: body ? "POST" : "GET",
      headers: { "x-publishable-api-key": store.demo.publishableKey, ...(body ? { "content-type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    })
    return { status: res.status, body: (await res.json()) as any }
  }

  /** A cart with one product and its payment collection, through the store API. */
  async function cartWithCollection(): Promise<string> {
    const { body: products } = await storeApi(`/store/products?region_id=${store.demo.regionId}&limit=1`)
    const variantId = products.products[0].variants[0].id
    const { body: created } = await storeApi("/store/carts", {
      region_id: store.demo.regionId,
      email: "e2e@example.com",
      items: [{ variant_id: variantId, quantity: 1 }],
    })
    const { body: pc } = await storeApi("/store/payment-collections", { cart_id: created.cart.id })
    return pc.payment_collection.id
  }

  describe("the 3PAY admin in a browser", () => {
    it("shows the order's on-chain payment in the order widget, with the explorer link, and re-checks it", async () => {
      const page = await store.page()
      try {
        const bought = await buyWithUsdt(page, store.demo, "TRC20")
        await loginToAdmin(page, store.demo)
        await page.goto(`${store.demo.adminUrl}/orders/${bought.orderId}`)
        const widget = page.getByTestId("threepay-order-widget")
        await widget.waitFor({ timeout: 60_000 })
        await expect(widget.getByTestId("threepay-status").innerText()).resolves.toMatch(/Paid/)
        await expect(widget.getByTestId("threepay-network").innerText()).resolves.toContain("TRC20")
        const href = await widget.getByTestId("threepay-tx-link").getAttribute("href")
        expect(href).toMatch(/^https:\/\/nile\.tronscan\.org\/#\/transaction\/[0-9a-f]{64}$/)
        await expect(widget.getByTestId("threepay-timeline-entry").count()).resolves.toBeGreaterThanOrEqual(2)

        await widget.getByTestId("threepay-recheck").click()
        await page.getByText(/Checked with 3PAY/).first().waitFor()
        fs.mkdirSync(SHOTS, { recursive: true })
        await widget.screenshot({ path: path.join(SHOTS, "admin-order-widget.png") })
      } catch (e) {
        console.warn(`screenshot of the failure: ${await snap(page, "admin-widget")}`)
        throw e
      } finally {
        await page.context().close()
      }
    })

    it("switching ERC20 off on the settings page makes the store refuse a new ERC20 session", async () => {
      const page = await store.page()
      try {
        await loginToAdmin(page, store.demo)
        await page.goto(`${store.demo.adminUrl}/settings/3pay`)
        await page.getByTestId("threepay-settings").waitFor({ timeout: 60_000 })
        await expect(page.getByTestId("threepay-environment").first().innerText()).resolves.toContain("SANDBOX")
        const erc = page.getByTestId("threepay-network-ERC20")
        expect(await erc.getAttribute("aria-checked")).toBe("true")
        await erc.click()
        await page.getByTestId("threepay-save").click()
        await page.getByTestId("threepay-settings-updated").filter({ hasText: "Last saved" }).waitFor()
        await page.screenshot({ path: path.join(SHOTS, "admin-settings-erc20-off.png") })

        // The admin API and the store agree...
        const token = await store.adminToken()
        const { body } = await adminApi(store.demo, token, "/admin/3pay/settings")
        expect(body.settings.networks).toEqual(["TRC20"])
        const { body: config } = await storeApi("/store/3pay/config")
        expect(config.config.networks.map((n: { network: string }) => n.network)).toEqual(["TRC20"])

        // ...a new ERC20 session is refused, with a message listing what is allowed...
        const pc = await cartWithCollection()
        const refused = await storeApi(`/store/payment-collections/${pc}/payment-sessions`, {
          provider_id: "pp_3pay_3pay",
          data: { network: "ERC20" },
        })
        expect(refused.status).toBe(400)
        expect(refused.body.code).toBe("threepay_network_disabled")
        expect(refused.body.message).toContain("TRC20")

        // ...and the shopper's payment step offers TRC20 only.
        const shop = await store.page()
        try {
          await goToPayment(shop, store.demo)
          await shop.getByTestId("threepay-network-TRC20").waitFor()
          expect(await shop.getByTestId("threepay-network-ERC20").count()).toBe(0)
        } finally {
          await shop.context().close()
        }
      } catch (e) {
        console.warn(`screenshot of the failure: ${await snap(page, "admin-settings")}`)
        throw e
      } finally {
        await page.context().close()
      }
    })
  })
}
