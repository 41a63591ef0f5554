/**
 * The plugin's admin pages in headless Chromium against the demo store: the
 * order widget shows what happened on chain, a customer's USDT wallet and an
 * order paid from it, a refund in USDT from the order page (a wrong-network
 * address refused by name), and switching ERC20 off on the settings page is
 * enforced at checkout. Run by demo.spec.ts on its demo store (one boot of
 * the demo for the whole e2e suite).
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

  /**
   * The product these cases buy, by name: the listing's order follows random ids, and the
   * wallet case's 50 USDT deposit must cover it with shipping (12.5 USDT, not the 49.9 hoodie).
   */
  const PRODUCT_HANDLE = "coffee-mug"

  /** A cart with one product and its payment collection, through the store API. */
  async function cartWithCollection(): Promise<string> {
    const { body: products } = await storeApi(`/store/products?region_id=${store.demo.regionId}&handle=${PRODUCT_HANDLE}`)
    const variantId = products.products[0].variants[0].id
    const { body: created } = await storeApi("/store/carts", {
      region_id: store.demo.regionId,
      email: "e2e@example.com",
      items: [{ variant_id: variantId, quantity: 1 }],
    })
    const { body: pc } = await storeApi("/store/payment-collections", { cart_id: created.cart.id })
    return pc.payment_collection.id
  }

  /** Polls `check` until it returns a value (the webhook and the settlement run after the call that caused them). */
  async function until<T>(what: string, check: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
    const end = Date.now() + ms
    for (;;) {
      const v = await check()
      if (v) return v
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
      await new Promise((r) => setTimeout(r, 300))
    }
  }

  /**
   * A logged-in customer with a USDT wallet, 50 USDT deposited on TRC20 (the
   * emulator's deposit and signed webhook), and an order paid from that
   * balance (pp_3pay_wallet, enabled on the demo's region here), all through
   * the store API as a storefront would.
   */
  async function walletCustomerWithPaidOrder(token: string) {
    const { body: r } = await adminApi(store.demo, token, `/admin/regions/${store.demo.regionId}?fields=id,*payment_providers`)
    const providers: string[] = r.region.payment_providers.map((p: { id: string }) => p.id)
    if (!providers.includes("pp_3pay_wallet")) {
      await adminApi(store.demo, token, `/admin/regions/${store.demo.regionId}`, { method: "POST", body: { payment_providers: [...providers, "pp_3pay_wallet"] } })
    }
    const email = `wallet-${Date.now()}@example.com`
    const password = "correct horse battery staple"
    const auth = async (path: string) => {
      const res = await fetch(`${store.demo.backendUrl}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }) })
      if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`)
      return ((await res.json()) as { token: string }).token
    }
    const call = async (bearer: string, pathname: string, body?: unknown) => {
      const res = await fetch(`${store.demo.backendUrl}${pathname}`, {
        method: body ? "POST" : "GET",
        headers: { "x-publishable-api-key": store.demo.publishableKey, authorization: `Bearer ${bearer}`, ...(body ? { "content-type": "application/json" } : {}) },
        body: body ? JSON.stringify(body) : undefined,
      })
      const json = (await res.json()) as any
      if (!res.ok) throw new Error(`${pathname}: HTTP ${res.status} ${JSON.stringify(json)}`)
      return json
    }
    const { customer } = await call(await auth("/auth/customer/emailpass/register"), "/store/customers", { email, first_name: "Ada", last_name: "Lovelace" })
    const bearer = await auth("/auth/customer/emailpass")

    await call(bearer, "/store/3pay/wallet", {})
    const { body: admin } = await adminApi(store.demo, token, `/admin/3pay/customers/${customer.id}/wallet`)
    const deposited = await fetch(`${store.demo.emulator.controlUrl}/wallets/${encodeURIComponent(admin.wallet.user_id)}/deposit`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ amount: "50", currencyType: "USDT-TRC20" }),
    })
    if (!deposited.ok) throw new Error(`emulator deposit: HTTP ${deposited.status} ${await deposited.text()}`)
    await until("the deposit credited", async () => (await call(bearer, "/store/3pay/wallet")).wallet.balance.available === "50")

    const { body: products } = await storeApi(`/store/products?region_id=${store.demo.regionId}&handle=${PRODUCT_HANDLE}`)
    const address = { first_name: "Ada", last_name: "Lovelace", address_1: "1 Main St", city: "Austin", country_code: "us", postal_code: "73301" }
    const { cart } = await call(bearer, "/store/carts", {
      region_id: store.demo.regionId,
      email,
      items: [{ variant_id: products.products[0].variants[0].id, quantity: 1 }],
      shipping_address: address,
      billing_address: address,
    })
    const { shipping_options } = await call(bearer, `/store/shipping-options?cart_id=${cart.id}`)
    await call(bearer, `/store/carts/${cart.id}/shipping-methods`, { option_id: shipping_options[0].id })
    const { payment_collection } = await call(bearer, "/store/payment-collections", { cart_id: cart.id })
    await call(bearer, `/store/payment-collections/${payment_collection.id}/payment-sessions`, { provider_id: "pp_3pay_wallet", data: { network: "TRC20" } })
    const paid = await until("the order paid from the balance", async () => {
      const { checkout } = await call(bearer, `/store/3pay/wallet/checkout?cart_id=${cart.id}`)
      return checkout.status === "paid" && checkout.order_id ? checkout : null
    })
    return { id: customer.id as string, orderId: paid.order_id as string, amountDue: paid.amount_due as string }
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

    it("shows a customer's USDT wallet (addresses, balance, ledger), takes an adjustment with a reason, and an order paid from the balance", async () => {
      const token = await store.adminToken()
      const customer = await walletCustomerWithPaidOrder(token)
      const { body: api } = await adminApi(store.demo, token, `/admin/3pay/customers/${customer.id}/wallet`)
      const page = await store.page({ width: 1440, height: 1000 })
      try {
        await loginToAdmin(page, store.demo)
        await page.goto(`${store.demo.adminUrl}/customers/${customer.id}`)
        const card = page.getByTestId("threepay-wallet")
        await card.waitFor({ timeout: 60_000 })

        // Addresses per network, linked to the sandbox explorers, as the server made them.
        for (const a of api.wallet.addresses as Array<{ network: string; address: string; address_explorer_url: string }>) {
          const row = card.locator(`[data-testid=threepay-wallet-address][data-network=${a.network}]`)
          await expect(row.innerText()).resolves.toContain(a.address)
          await expect(row.getByTestId("threepay-wallet-address-link").getAttribute("href")).resolves.toBe(a.address_explorer_url)
        }
        expect(api.wallet.addresses.map((a: { network: string }) => a.network).sort()).toEqual(["ERC20", "TRC20"])
        await expect(card.getByTestId("threepay-wallet-available").innerText()).resolves.toContain(api.wallet.balance.available)
        await expect(card.getByTestId("threepay-wallet-held").innerText()).resolves.toContain("0")
        await expect(card.getByTestId("threepay-wallet-expected").innerText()).resolves.toContain(api.wallet.threepay.expected)
        // Newest first: the order's debit and hold, then the deposit with its transaction on Tronscan (Nile).
        const kinds = () => card.getByTestId("threepay-wallet-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))
        await expect(kinds()).resolves.toEqual(["debit", "hold", "deposit"])
        const deposit = card.locator("[data-testid=threepay-wallet-entry][data-kind=deposit]")
        await expect(deposit.getByTestId("threepay-wallet-entry-change").innerText()).resolves.toBe("+50")
        await expect(deposit.getByTestId("threepay-wallet-entry-tx").getAttribute("href")).resolves.toMatch(/^https:\/\/nile\.tronscan\.org\/#\/transaction\/[0-9a-f]{64}$/)
        await expect(card.locator("[data-testid=threepay-wallet-entry][data-kind=debit] [data-testid=threepay-wallet-entry-order]").getAttribute("href")).resolves.toContain(customer.orderId)

        // An adjustment that would take more than is available: refused, the server's code shown.
        const adjust = async (amount: string, reason: string) => {
          await card.getByTestId("threepay-wallet-adjust-amount").fill(amount)
          await card.getByTestId("threepay-wallet-adjust-reason").fill(reason)
          await card.getByTestId("threepay-wallet-adjust-review").click()
          await card.getByTestId("threepay-wallet-adjust-confirmation").waitFor()
          await card.getByTestId("threepay-wallet-adjust-confirm").click()
        }
        await adjust("-1000", "typo test: more than the balance")
        const refused = card.getByTestId("threepay-wallet-adjust-error")
        await refused.waitFor()
        await expect(refused.getAttribute("data-code")).resolves.toBe("threepay_balance_short")
        await expect(refused.innerText()).resolves.toContain("threepay_balance_short")
        await card.getByTestId("threepay-wallet-adjust-back").click()

        // A credit with its reason: the confirmation says what happens, the entry appears on top.
        await adjust("2.5", "goodwill credit for a late delivery (e2e)")
        await card.locator("[data-testid=threepay-wallet-entry][data-kind=adjustment]").first().waitFor()
        await expect(kinds()).resolves.toEqual(["adjustment", "debit", "hold", "deposit"])
        const entry = card.locator("[data-testid=threepay-wallet-entry][data-kind=adjustment]")
        await expect(entry.getByTestId("threepay-wallet-entry-reason").innerText()).resolves.toBe("goodwill credit for a late delivery (e2e)")
        await expect(entry.getByTestId("threepay-wallet-entry-change").innerText()).resolves.toBe("+2.5")
        const { body: after } = await adminApi(store.demo, token, `/admin/3pay/customers/${customer.id}/wallet`)
        expect(after.wallet.entries[0]).toMatchObject({ kind: "adjustment", amount: "2.5", reason: "goodwill credit for a late delivery (e2e)" })
        await expect(card.getByTestId("threepay-wallet-available").innerText()).resolves.toContain(after.wallet.balance.available)
        expect(after.wallet.balance.available).not.toBe(api.wallet.balance.available)

        // 3PAY reports more than the ledger credited: "Re-check at 3PAY" reads it and the card flags the mismatch.
        await expect(card.getByTestId("threepay-wallet-comparison").getAttribute("data-mismatch")).resolves.toBe("false")
        const set = await fetch(`${store.demo.emulator.controlUrl}/wallets/${encodeURIComponent(api.wallet.user_id)}/balance`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ amount: "70", currencyType: "USDT-TRC20" }),
        })
        expect(set.ok).toBe(true)
        await card.getByTestId("threepay-wallet-recheck").click()
        await card.getByTestId("threepay-wallet-mismatch").waitFor({ timeout: 30_000 })
        await expect(card.getByTestId("threepay-wallet-reported").innerText()).resolves.toContain("70 USDT")
        await expect(card.getByTestId("threepay-wallet-difference").innerText()).resolves.toMatch(/\d+(\.\d+)? USDT/)
        fs.mkdirSync(SHOTS, { recursive: true })
        await card.screenshot({ path: path.join(SHOTS, "admin-customer-wallet.png") })

        // The order it paid: "Paid from USDT balance" with the hold and the debit.
        await page.goto(`${store.demo.adminUrl}/orders/${customer.orderId}`)
        const paid = page.getByTestId("threepay-paid-from-balance")
        await paid.waitFor({ timeout: 60_000 })
        await expect(paid.getAttribute("data-status")).resolves.toBe("paid")
        await expect(paid.innerText()).resolves.toContain("Paid from USDT balance")
        await expect(paid.getByTestId("threepay-paid-from-balance-amount").innerText()).resolves.toContain(customer.amountDue)
        await expect(
          paid.getByTestId("threepay-paid-from-balance-entry").evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")))
        ).resolves.toEqual(["hold", "debit"])
        await paid.screenshot({ path: path.join(SHOTS, "admin-order-paid-from-balance.png") })

        // A customer who never used a deposit address: one quiet line.
        const { body: other } = await adminApi(store.demo, token, "/admin/customers", { method: "POST", body: { email: `no-wallet-${Date.now()}@example.com` } })
        await page.goto(`${store.demo.adminUrl}/customers/${other.customer.id}`)
        await page.getByTestId("threepay-wallet-none").waitFor({ timeout: 60_000 })
        expect(await page.getByTestId("threepay-wallet-error").count()).toBe(0)
      } catch (e) {
        console.warn(`screenshot of the failure: ${await snap(page, "admin-wallet")}`)
        throw e
      } finally {
        await page.context().close()
      }
    })

    it("refunds a paid order in USDT from the order page: a wrong-network address is refused by name, a valid one confirmed and listed", async () => {
      const page = await store.page()
      try {
        const bought = await buyWithUsdt(page, store.demo, "TRC20")
        await loginToAdmin(page, store.demo)
        await page.goto(`${store.demo.adminUrl}/orders/${bought.orderId}`)
        const card = page.getByTestId("threepay-refunds")
        await card.waitFor({ timeout: 60_000 })
        const refundable = (await card.getByTestId("threepay-refundable").innerText()).replace(/\s*USDT$/, "")
        expect(refundable).toMatch(/^\d+(\.\d{1,6})?$/)

        await card.getByTestId("threepay-refund-start").click()
        const drawer = page.getByTestId("threepay-refund-drawer")
        await drawer.waitFor()
        await expect(drawer.getByTestId("threepay-refund-network").innerText()).resolves.toContain("TRC20")
        // Above the emulator's 2 USDT withdrawal fee (3PAY refuses a withdrawal that leaves nothing after its fee).
        await drawer.getByTestId("threepay-refund-amount").fill("5")

        // An Ethereum address for a TRC20 refund: the server's check names the mistake, and nothing can be sent.
        await drawer.getByTestId("threepay-refund-address").fill("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
        const refusal = drawer.getByTestId("threepay-refund-address-error")
        await refusal.waitFor()
        expect(await refusal.getAttribute("data-code")).toBe("threepay_address_wrong_network")
        await expect(refusal.innerText()).resolves.toMatch(/Ethereum address.*TRON/)
        expect(await drawer.getByTestId("threepay-refund-continue").isDisabled()).toBe(true)

        // A checksum-valid TRON address: reviewed in full, grouped, with its network and amount.
        const address = "TJEh7TX8sNj5uq4hXKyYdTrnGmeeG48top"
        await drawer.getByTestId("threepay-refund-address").fill(address)
        await drawer.getByTestId("threepay-refund-address-ok").waitFor()
        await drawer.getByTestId("threepay-refund-continue").click()
        const review = drawer.getByTestId("threepay-refund-review")
        expect(await review.getByTestId("threepay-refund-review-address").getAttribute("data-address")).toBe(address)
        await expect(review.getByTestId("threepay-refund-review-address").innerText()).resolves.toMatch(/^TJEh\s+7TX8\s+sNj5/)
        await expect(review.getByTestId("threepay-refund-review-network").innerText()).resolves.toBe("TRC20")
        await expect(review.getByTestId("threepay-refund-review-amount").innerText()).resolves.toBe("5 USDT")
        await drawer.getByTestId("threepay-refund-submit").click()
        await drawer.waitFor({ state: "hidden" })

        // Listed with its status; the refundable amount went down by exactly what was sent.
        const refund = card.getByTestId("threepay-refund").first()
        await refund.waitFor()
        await expect(refund.getByTestId("threepay-refund-amount-sent").innerText()).resolves.toContain("5 USDT")
        expect(await refund.getAttribute("data-status")).toMatch(/^(requesting|pending_review|approved|completed)$/)
        await expect(refund.getByTestId("threepay-refund-status").innerText()).resolves.not.toBe("")
        expect(await refund.getByTestId("threepay-refund-address-link").getAttribute("href")).toContain(address)
        await expect(refund.getByTestId("threepay-refund-timeline-entry").count()).resolves.toBeGreaterThanOrEqual(1)
        await expect(card.getByTestId("threepay-refunded").innerText()).resolves.toBe("5 USDT")
        fs.mkdirSync(SHOTS, { recursive: true })
        await card.screenshot({ path: path.join(SHOTS, "admin-order-refund.png") })
      } catch (e) {
        console.warn(`screenshot of the failure: ${await snap(page, "admin-refund")}`)
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
