/**
 * Medusa's Next.js starter (v1.0.3) pays in USDT by following the README's
 * "Storefront guide" and nothing else: the guide's code blocks are applied
 * to a fresh copy of the starter by scripts/starter/apply-guide.mjs; the
 * packed storefront package is installed with a plain `npm install` (and,
 * in a second copy, with the starter's own yarn 4.12); one `next build`,
 * one `next start`; then a shopper buys in headless Chromium against the
 * demo backend, on TRC20 and on ERC20 (the second with the keyboard alone),
 * through 3PAY's page (the emulator) back to the starter's own order
 * confirmation page, with one invoice per checkout. Inside the real starter
 * (Tailwind's preflight and all) the payment step must look right: the
 * chosen network visibly different, padding on buttons, links underlined,
 * a visible focus ring; and axe-core must find nothing serious.
 *
 * UPDATE_SCREENSHOTS=1 also writes the pictures of the README's "What the
 * shopper sees" to docs/screenshots.
 */
import fs from "node:fs"
import path from "node:path"
import type { Browser, Locator, Page } from "playwright-core"
import { axeViolations, launchBrowser, newPage } from "../e2e/harness/browser"
import { ROOT } from "../e2e/harness/demo"
import { setUp, timed, timings, YARN, run, type Setup } from "./harness"

type Network = "TRC20" | "ERC20"
type EmulatorInvoice = { transactionId: string; code: string; status: string; network: string; amount: string }

let env: Setup
let browser: Browser
const SCREENS = path.join(ROOT, ".ci-out", "starter-screens")
const started = Date.now()

beforeAll(async () => {
  const [s, b] = await Promise.allSettled([setUp(), launchBrowser()])
  if (b.status === "fulfilled") browser = b.value
  if (s.status === "rejected") throw s.reason
  env = s.value
  if (b.status === "rejected") throw b.reason
}, 1_500_000)

afterAll(async () => {
  await browser?.close().catch(() => {})
  await env?.starter.stop()
  await env?.demo.stop()
  if (env?.workDir) fs.rmSync(env.workDir, { recursive: true, force: true })
  timings["whole suite"] = Math.round((Date.now() - started) / 100) / 10
  fs.mkdirSync(path.join(ROOT, ".ci-out"), { recursive: true })
  fs.writeFileSync(path.join(ROOT, ".ci-out", "starter-timings.json"), JSON.stringify(timings, null, 2) + "\n")
  console.log(`starter suite timings (s): ${JSON.stringify(timings)}`)
})

async function shot(page: Page, name: string, opts: { locator?: string | Locator; fullPage?: boolean } = {}) {
  fs.mkdirSync(SCREENS, { recursive: true })
  const file = path.join(SCREENS, `${name}.png`)
  if (opts.locator) await (typeof opts.locator === "string" ? page.locator(opts.locator) : opts.locator).first().screenshot({ path: file })
  else await page.screenshot({ path: file, fullPage: opts.fullPage ?? false })
  if (process.env.UPDATE_SCREENSHOTS) fs.copyFileSync(file, path.join(ROOT, "docs", "screenshots", `${name}.png`))
}

async function emulatorInvoices(): Promise<EmulatorInvoice[]> {
  const res = await fetch(`${env.demo.emulator.controlUrl}/invoices`)
  return ((await res.json()) as { invoices: EmulatorInvoice[] }).invoices
}

/** Presses Tab until `testId` has the focus (the keyboard alone, as a shopper without a mouse). */
async function tabTo(page: Page, testId: string, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab")
    if (await page.evaluate((id) => document.activeElement?.getAttribute("data-testid") === id, testId)) return
  }
  throw new Error(`${max} Tabs did not reach ${testId}`)
}

/** Calls the browser made to the 3PAY store routes, and console errors, while `page` is open. */
function watch(page: Page) {
  const storeCalls: Array<{ url: string; status: number }> = []
  const consoleErrors: string[] = []
  page.on("response", (r) => {
    if (r.url().includes("/store/3pay/")) storeCalls.push({ url: r.url(), status: r.status() })
  })
  page.on("console", (m) => {
    if (m.type() === "error") consoleErrors.push(m.text())
  })
  return { storeCalls, consoleErrors }
}

/** Product → cart → address → delivery: the starter's own steps, up to its payment step. */
async function toPaymentStep(page: Page, handle: string, email: string) {
  const base = env.starter.url
  await page.goto(`${base}/us/products/${handle}`)
  await page.locator("[data-testid=add-product-button]:enabled").click()
  await page.getByTestId("nav-cart-link").filter({ hasText: "(1)" }).first().waitFor({ timeout: 30_000 })
  await page.goto(`${base}/us/checkout?step=address`)
  await page.getByTestId("shipping-first-name-input").fill("Ada")
  await page.getByTestId("shipping-last-name-input").fill("Lovelace")
  await page.getByTestId("shipping-address-input").fill("1 Main St")
  await page.getByTestId("shipping-postal-code-input").fill("73301")
  await page.getByTestId("shipping-city-input").fill("Austin")
  await page.getByTestId("shipping-country-select").selectOption("us")
  await page.getByTestId("shipping-email-input").fill(email)
  await page.getByTestId("submit-address-button").click()
  await page.waitForURL(/step=delivery/, { timeout: 30_000 })
  await page.getByTestId("delivery-option-radio").first().click()
  await page.locator("[data-testid=submit-delivery-option-button]:enabled").click()
  await page.waitForURL(/step=payment/, { timeout: 30_000 })
  // The starter's payment step: USDT, then the network (step 6 of the guide).
  await page.getByText("USDT (TRON or Ethereum)").click()
  await page.getByTestId("threepay-network-select").locator("[aria-checked=true]").waitFor()
}

/** Opens 3PAY's page from the component's link, pays in full there, and returns to the storefront. */
async function payOnEmulator(page: Page, open: () => Promise<void>) {
  const [payPage] = await Promise.all([page.context().waitForEvent("page"), open()])
  await payPage.getByTestId("payment-page").waitFor()
  await payPage.getByTestId("pay-full").click()
  // The emulator sends the webhook, then 3PAY's returnUrl brings the shopper back to the starter.
  await payPage.waitForURL((u) => u.origin === new URL(env.starter.url).origin, { timeout: 60_000 })
  return payPage
}

async function confirmation(page: Page) {
  await page.waitForURL(/\/us\/order\/[^/]+\/confirmed/, { timeout: 90_000 })
  await page.getByTestId("order-complete-container").waitFor({ timeout: 60_000 })
  return /\/order\/([^/]+)\/confirmed/.exec(page.url())![1]
}

async function orderOf(orderId: string) {
  const token = await adminToken()
  const res = await fetch(`${env.demo.backendUrl}/admin/orders/${orderId}?fields=+payment_status,+total,+email`, { headers: { authorization: `Bearer ${token}` } })
  return ((await res.json()) as { order: { id: string; payment_status: string; total: number; email: string } }).order
}

let token: string | null = null
async function adminToken() {
  if (token) return token
  const res = await fetch(`${env.demo.backendUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(env.demo.admin),
  })
  return (token = ((await res.json()) as { token: string }).token)
}

describe("installing the storefront package into the starter", () => {
  it("takes a plain `npm install`: no ERESOLVE about our packages, React 19 once, no Medusa server package", () => {
    const out = env.npmGuideInstall.output
    // The starter's own packages make npm warn about eslint's peers; nothing may be about ours.
    const ours = out.split("\n").filter((l) => /ERESOLVE|peer|conflict/i.test(l) && /medusa-payment-3pay|react@|react-dom@/.test(l))
    expect(ours).toEqual([])
    expect(out).not.toMatch(/ERESOLVE could not resolve|npm error/i)
    const nm = path.join(env.npmDir, "node_modules")
    const version = (p: string) => JSON.parse(fs.readFileSync(path.join(nm, p, "package.json"), "utf8")).version as string
    expect(version("medusa-payment-3pay-storefront")).toBe(version("medusa-payment-3pay-client"))
    expect(version("react")).toMatch(/^19\./)
    expect(fs.existsSync(path.join(nm, "medusa-payment-3pay-storefront", "node_modules", "react"))).toBe(false)
    expect(["@medusajs/framework", "@medusajs/medusa", "medusa-payment-3pay"].filter((n) => fs.existsSync(path.join(nm, n)))).toEqual([])
  })

  it("works with the starter's bundled yarn 4.12 too: no peer warning about our packages, and the component loads", async () => {
    const out = env.yarnAdd.output
    expect([env.yarnAdd.code, out.slice(-2000)]).toEqual([0, expect.anything()])
    expect(out.split("\n").filter((l) => /YN00(60|02|86)/.test(l) && /medusa-payment-3pay/.test(l))).toEqual([])
    expect(out).not.toMatch(/YN0001|Failed with errors/)
    const r = await run(
      process.execPath,
      ["-e", `const { renderToString } = require("react-dom/server"); const { createElement } = require("react"); const { ThreePayPayment } = require("medusa-payment-3pay-storefront"); process.stdout.write(String(renderToString(createElement(ThreePayPayment, { sdk: {}, cartId: "c", onOrderPlaced() {} })).includes("threepay-payment")))`],
      { cwd: env.yarnDir }
    )
    expect(r.output.trim().split("\n").pop()).toBe("true")
    expect(fs.readFileSync(path.join(env.yarnDir, "yarn.lock"), "utf8")).toContain("medusa-payment-3pay-storefront@file:")
    expect(fs.existsSync(path.join(env.yarnDir, YARN))).toBe(true)
  })

  it("applies every step of the guide, and the guide's code type-checks in the starter", () => {
    const files = [...new Set(env.guide.done.map((d) => d.file))]
    expect(files).toEqual(
      expect.arrayContaining([
        "src/lib/constants.tsx",
        "src/lib/threepay.ts",
        "src/lib/data/cart.ts",
        "src/modules/checkout/components/payment/index.tsx",
        "src/modules/checkout/components/payment-button/index.tsx",
        "src/modules/checkout/components/review/index.tsx",
        "src/app/[countryCode]/(checkout)/checkout/3pay-return/route.ts",
      ])
    )
    // The starter has type errors of its own (next build ignores them); none may be in what the guide wrote.
    const errors = env.tsc.output.split("\n").filter((l) => /error TS/.test(l))
    expect(errors.filter((l) => files.some((f) => l.startsWith(f)))).toEqual([])
  })
})

describe("a shopper in the starter", () => {
  it("pays on TRC20: network on the payment step, the component on the review step, 3PAY's page, the starter's confirmation; one invoice; styles and accessibility hold", async () => {
    const page = await newPage(browser)
    const seen = watch(page)
    try {
      const before = (await emulatorInvoices()).length
      await toPaymentStep(page, "medusa-tee", "trc20-shopper@example.com")
      expect(await page.getByTestId("threepay-network-TRC20").getAttribute("aria-checked")).toBe("true")
      // Nothing exists yet at 3PAY: the network is chosen before the invoice.
      expect((await emulatorInvoices()).length).toBe(before)
      await shot(page, "starter-payment-step")
      expect(await axeViolations(page, "[data-testid=threepay-network-select]")).toEqual([])

      await page.getByTestId("submit-payment-button").click()
      await page.waitForURL(/step=review/, { timeout: 30_000 })
      const component = page.locator("[data-testid=threepay-payment][data-network=TRC20][data-status=awaiting_payment]")
      await component.waitFor({ timeout: 30_000 })
      await page.getByTestId("threepay-pay-link").waitFor()
      // The review step's text is for USDT, not "By clicking the Place Order button".
      const review = page.locator("[data-testid=threepay-payment]").locator("xpath=ancestor::div[contains(@class,'bg-white')][1]")
      expect(await review.innerText()).toContain("it is placed as soon as your USDT payment arrives")
      expect(await review.innerText()).not.toContain("By clicking the Place Order button")
      expect(await page.getByTestId("threepay-qr-caption").innerText()).toMatch(/enter the amount, \d+(\.\d+)? USDT/)

      // How it looks inside the starter, Tailwind's preflight included (it sets buttons transparent, unpadded).
      const looks = await page.evaluate(() => {
        const css = (el: Element) => getComputedStyle(el)
        const sel = document.querySelector("[data-testid=threepay-payment] [data-testid=threepay-network-TRC20]")!
        const other = document.querySelector("[data-testid=threepay-payment] [data-testid=threepay-network-ERC20]")!
        const link = document.querySelector("[data-testid=threepay-pay-link]")!
        const root = document.querySelector("[data-testid=threepay-payment]")!
        const starterButton = document.querySelector("[data-testid=edit-payment-button]")
        return {
          preflight: starterButton ? css(starterButton).backgroundColor : null,
          selected: { bg: css(sel).backgroundColor, color: css(sel).color, border: css(sel).borderTopColor, padding: parseFloat(css(sel).paddingLeft), weight: css(sel).fontWeight },
          other: { bg: css(other).backgroundColor, color: css(other).color, border: css(other).borderTopColor, padding: parseFloat(css(other).paddingLeft), borderWidth: parseFloat(css(other).borderTopWidth) },
          link: { decoration: css(link).textDecorationLine, color: css(link).color, text: css(root).color },
          mark: css(sel.querySelector(".threepay-network-mark")!).backgroundColor,
          otherMark: css(other.querySelector(".threepay-network-mark")!).backgroundColor,
        }
      })
      expect(looks.preflight).toBe("rgba(0, 0, 0, 0)") // the starter's own buttons: preflight is there
      expect(looks.selected.bg).not.toBe("rgba(0, 0, 0, 0)")
      expect(looks.selected.bg).not.toBe(looks.other.bg)
      expect(looks.selected.color).not.toBe(looks.other.color)
      expect(looks.selected.padding).toBeGreaterThanOrEqual(8)
      expect(looks.other.padding).toBeGreaterThanOrEqual(8)
      expect(looks.other.borderWidth).toBeGreaterThanOrEqual(1)
      expect(looks.mark).not.toBe(looks.otherMark) // a filled dot, not colour alone
      expect(looks.link.decoration).toContain("underline")
      expect(looks.link.color).not.toBe(looks.link.text)

      // The focus is visible: Tab from the page onto the chosen network.
      await page.locator("[data-testid=threepay-payment]").click({ position: { x: 2, y: 2 } })
      await tabTo(page, "threepay-network-TRC20")
      const focus = await page.evaluate(() => {
        const s = getComputedStyle(document.activeElement!)
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) }
      })
      expect(focus.style).toBe("solid")
      expect(focus.width).toBeGreaterThanOrEqual(2)

      expect(await axeViolations(page, "[data-testid=threepay-payment]")).toEqual([])
      await page.mouse.move(0, 0)
      await shot(page, "starter-review", { locator: review })

      const amount = (await page.getByTestId("threepay-amount").innerText()).trim()
      const payPage = await payOnEmulator(page, () => page.getByTestId("threepay-pay-link").click())
      const orderId = await confirmation(page)
      await page.evaluate(() => window.scrollTo(0, 0))
      await shot(page, "starter-confirmation")
      // The tab that went to 3PAY came back to the starter too (its returnUrl).
      expect(new URL(payPage.url()).pathname).toMatch(/^\/us\//)

      const invoices = await emulatorInvoices()
      expect(invoices.length - before).toBe(1)
      expect(invoices[invoices.length - 1]).toMatchObject({ network: "TRC20", status: "confirmed" })
      const order = await orderOf(orderId)
      expect(order.payment_status).toBe("captured")
      expect(parseFloat(amount)).toBe(Number(order.total))

      // No status was asked for before the session existed, and nothing failed on the way.
      expect(seen.storeCalls.filter((c) => c.status >= 400)).toEqual([])
      expect(seen.consoleErrors.filter((e) => /3pay|payment-status|threepay/i.test(e))).toEqual([])
    } catch (e) {
      await shot(page, "failure-trc20", { fullPage: true }).catch(() => {})
      throw e
    } finally {
      await page.context().close()
    }
  })

  it("pays on ERC20 with the keyboard alone on the payment step and in the component; one invoice", async () => {
    const page = await newPage(browser)
    const seen = watch(page)
    try {
      const before = (await emulatorInvoices()).length
      await toPaymentStep(page, "hoodie", "erc20-shopper@example.com")
      // Keyboard from here: Tab into the network group, an arrow to ERC20, Tab to "Continue to review", Enter.
      await tabTo(page, "threepay-network-TRC20")
      await page.keyboard.press("ArrowRight")
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe("threepay-network-ERC20")
      expect(await page.getByTestId("threepay-network-ERC20").getAttribute("aria-checked")).toBe("true")
      await tabTo(page, "submit-payment-button")
      await page.keyboard.press("Enter")
      await page.waitForURL(/step=review/, { timeout: 30_000 })
      await page.locator("[data-testid=threepay-payment][data-network=ERC20][data-status=awaiting_payment]").waitFor({ timeout: 30_000 })
      // The component starts on the invoice of the network chosen: nothing to switch, one invoice.
      expect((await emulatorInvoices()).length - before).toBe(1)
      // The live region says what the shopper waits for.
      expect(await page.getByTestId("threepay-announcer").innerText()).toBe("Waiting for your payment")

      await page.getByTestId("threepay-pay-link").waitFor()
      await tabTo(page, "threepay-pay-link")
      const payPage = await payOnEmulator(page, () => page.keyboard.press("Enter"))
      const orderId = await confirmation(page)
      expect(new URL(payPage.url()).pathname).toMatch(/^\/us\//)

      const invoices = await emulatorInvoices()
      expect(invoices.length - before).toBe(1)
      expect(invoices[invoices.length - 1]).toMatchObject({ network: "ERC20", status: "confirmed" })
      expect((await orderOf(orderId)).payment_status).toBe("captured")
      expect(seen.storeCalls.filter((c) => c.status >= 400)).toEqual([])
    } catch (e) {
      await shot(page, "failure-erc20", { fullPage: true }).catch(() => {})
      throw e
    } finally {
      await page.context().close()
    }
  })

  it("got the emails it expects: the payment instructions and the receipt (the demo's Sent emails page)", async () => {
    const page = await newPage(browser)
    try {
      await page.goto(env.demo.emailsUrl)
      const mine = (kind: string) => page.locator(`[data-testid=email][data-kind=${kind}][data-to="trc20-shopper@example.com"]`)
      await mine("payment_instructions").first().waitFor()
      expect(await mine("payment_instructions").count()).toBe(1)
      await mine("payment_received").first().waitFor({ timeout: 30_000 })
      const text = (await mine("payment_instructions").locator("[data-testid=email-text]").textContent()) ?? ""
      expect(text).toMatch(/Network: +USDT on TRON \(TRC20\)/)
      expect(text).toMatch(/Address: +T\w{33}/)
      expect(text).toMatch(/Pay before: .+ UTC/)
      expect(text).toMatch(new RegExp(`Back to your checkout: ${env.starter.url}/checkout/3pay-return\\?cart_id=cart_`))
      await timed("screenshots", () => shot(page, "starter-email", { locator: '[data-testid=email][data-kind=payment_instructions][data-to="trc20-shopper@example.com"]' }))
    } finally {
      await page.context().close()
    }
  })
})
