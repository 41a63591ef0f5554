/** Headless Chromium: Debian's package driven by playwright-core (no browser download). */
import fs from "node:fs"
import path from "node:path"
import { chromium, type Browser, type Page } from "playwright-core"
import { ROOT } from "./demo"

export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium"

export function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH`)
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  })
}

export async function newPage(browser: Browser, viewport = { width: 1280, height: 900 }): Promise<Page> {
  const context = await browser.newContext({ viewport })
  context.setDefaultTimeout(30_000)
  const page = await context.newPage()
  // Page errors end up in the test output: a failing browser test explains itself.
  page.on("pageerror", (e) => console.warn(`[browser] ${page.url()}: ${e.message}`))
  return page
}

/** Saves a screenshot under .ci-out/e2e-screens (for a failing test's post-mortem). */
export async function snap(page: Page, name: string): Promise<string> {
  const file = path.join(ROOT, ".ci-out", "e2e-screens", `${name.replace(/[^\w.-]+/g, "_")}.png`)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  await page.screenshot({ path: file, fullPage: true }).catch(() => {})
  return file
}

/** axe-core (npm package), injected into the page, on one element; serious and critical violations only. */
export async function axeViolations(page: Page, selector: string) {
  await page.addScriptTag({ path: require.resolve("axe-core/axe.min.js") })
  const violations = await page.evaluate(async (sel) => {
    const axe = (window as unknown as { axe: { run(ctx: Element, opts: object): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: unknown }> }> }> } }).axe
    const r = await axe.run(document.querySelector(sel)!, { resultTypes: ["violations"] })
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }))
  }, selector)
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical")
}
