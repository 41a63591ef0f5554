#!/usr/bin/env node
// `npm run screenshots`: starts the demo store, buys a product in headless
// Chromium (Debian's chromium with playwright-core) and saves the README's
// pictures to docs/screenshots/, then stops everything.
import fs from "node:fs"
import path from "node:path"
import { chromium } from "playwright-core"
import { DEFAULT_PORTS, spawnDemo } from "./demo/lib.mjs"
import { ROOT, portInUse } from "./demo/util.mjs"

const OUT = path.join(ROOT, "docs", "screenshots")
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]

const saved = []
const shot = async (target, name, opts = {}) => {
  await target.screenshot({ path: path.join(OUT, name), ...opts })
  saved.push(name)
  console.log(`[screenshots] ${path.relative(ROOT, path.join(OUT, name))}`)
}

async function checkout(context, demo) {
  const page = await context.newPage()
  await page.goto(demo.checkoutUrl)
  await page.getByTestId("add-to-cart-medusa-tee").click()
  await page.getByTestId("add-to-cart-coffee-mug").click()
  await page.locator("[data-testid=go-to-checkout]:enabled").click()
  await page.getByTestId("address-submit").click()
  await page.locator("[data-testid=shipping-submit]:enabled").click()
  await page.getByTestId("threepay-network-TRC20").click()
  await page.locator("[data-testid=threepay-payment][data-network=TRC20][data-status=awaiting_payment]").waitFor()
  await page.getByTestId("threepay-qr").waitFor()
  await shot(page, "checkout-payment.png", { fullPage: true })

  // The component opens 3PAY's page in a new tab.
  const link = page.getByTestId("threepay-pay-link")
  const [payPage] =
    (await link.getAttribute("target")) === "_blank"
      ? await Promise.all([context.waitForEvent("page"), link.click()])
      : [page, await link.click()]
  await payPage.getByTestId("payment-page").waitFor()
  await payPage.getByTestId("qr").waitFor()
  await shot(payPage, "emulator-payment-page.png", { fullPage: true })
  await payPage.getByTestId("pay-full").click()
  await payPage.waitForURL((u) => !u.pathname.startsWith("/s/"), { timeout: 30_000 })
  if (payPage !== page) await payPage.close()

  await page.getByTestId("order-confirmation").waitFor({ timeout: 60_000 })
  await shot(page, "checkout-confirmation.png", { fullPage: true })
  return page.getByTestId("order-confirmation").getAttribute("data-order-id")
}

async function admin(context, demo, orderId) {
  const page = await context.newPage()
  await page.goto(`${demo.adminUrl}/login`)
  await page.locator("input[name=email]").fill(demo.admin.email)
  await page.locator("input[name=password]").fill(demo.admin.password)
  await page.locator("button[type=submit]").click()
  await page.waitForURL(/\/app\/orders/, { timeout: 60_000 })

  await page.goto(`${demo.adminUrl}/orders/${orderId}`)
  await page.getByText("Summary").first().waitFor({ timeout: 30_000 })
  const widget = page.getByTestId("threepay-order-widget")
  const hasWidget = await widget.waitFor({ timeout: 15_000 }).then(() => true, () => false)
  if (hasWidget) {
    await widget.scrollIntoViewIfNeeded()
    await page.waitForTimeout(500)
  } else {
    console.log("[screenshots] no 3PAY order widget on the order page (not built yet?)")
  }
  await shot(page, "admin-order.png")
  if (hasWidget) await shot(widget, "admin-order-widget.png")

  const res = await page.goto(`${demo.adminUrl}/settings/3pay`)
  await page.waitForLoadState("networkidle").catch(() => {})
  const settings = page.locator("main, [data-testid=threepay-settings]").first()
  const found = res?.ok() && !(await page.getByText(/not found|404/i).first().isVisible().catch(() => false))
  if (found) {
    await settings.waitFor({ timeout: 15_000 }).catch(() => {})
    // The dashboard scrolls inside its own container, so a full-page shot
    // would stop at the fold: make the window as tall as the page instead.
    await page.getByTestId("threepay-attention").waitFor({ timeout: 15_000 }).catch(() => {})
    const height = await page.evaluate(() => {
      const el = document.querySelector("[data-testid=threepay-settings]")
      return el ? Math.ceil(el.getBoundingClientRect().bottom + 80) : 900
    })
    await page.setViewportSize({ width: 1280, height: Math.min(Math.max(height, 900), 4000) })
    await page.waitForTimeout(1000)
    await shot(page, "admin-settings.png")
    await page.setViewportSize({ width: 1280, height: 900 })
  } else {
    console.log("[screenshots] no 3PAY settings page at /app/settings/3pay (not built yet?)")
  }
}

fs.mkdirSync(OUT, { recursive: true })
const t0 = Date.now()
let demo = null
let browser = null
let failed = false
try {
  // The tests' build cache and a throwaway copy of their seeded database:
  // the pictures always show a fresh store, whatever `npm run demo` holds.
  // The default ports when they are free (the pictures show URLs), else any.
  const ports = {}
  for (const [name, port] of Object.entries(DEFAULT_PORTS)) ports[name] = (await portInUse(port)) ? 0 : port
  ;[demo, browser] = await Promise.all([
    spawnDemo({ workDir: path.join(ROOT, ".demo", "e2e"), database: "medusa_3pay_e2e", fresh: true, ports }),
    chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS }),
  ])
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
  context.setDefaultTimeout(30_000)
  const orderId = await checkout(context, demo)
  await admin(context, demo, orderId)
} catch (e) {
  failed = true
  console.error(`[screenshots] failed: ${e instanceof Error ? e.message : e}`)
} finally {
  await browser?.close().catch(() => {})
  await demo?.stop()
}
console.log(`[screenshots] ${saved.length} saved in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
process.exit(failed ? 1 : 0)
