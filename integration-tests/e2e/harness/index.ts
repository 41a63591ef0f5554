/**
 * The browser-test harness: one demo store and one headless Chromium per
 * spec file.
 *
 *   const env = useDemoStore()
 *   it("…", async () => { const page = await env.page(); … env.demo.checkoutUrl … })
 */
import type { Browser, Page } from "playwright-core"
import { adminToken } from "./admin"
import { launchBrowser, newPage } from "./browser"
import { startDemo, type Demo, type DemoOptions } from "./demo"

export * from "./admin"
export * from "./browser"
export * from "./checkout"
export * from "./demo"

export type DemoStore = {
  readonly demo: Demo
  readonly browser: Browser
  /** A page in a new browser context (own cookies and storage). */
  page(viewport?: { width: number; height: number }): Promise<Page>
  /** A JWT for the admin API (cached). */
  adminToken(): Promise<string>
}

export function useDemoStore(opts: DemoOptions = {}): DemoStore {
  let demo: Demo | null = null
  let browser: Browser | null = null
  let token: string | null = null

  beforeAll(async () => {
    // Chromium starts while the demo builds.
    const [d, b] = await Promise.allSettled([startDemo(opts), launchBrowser()])
    if (d.status === "fulfilled") demo = d.value
    if (b.status === "fulfilled") browser = b.value
    if (d.status === "rejected") throw d.reason
    if (b.status === "rejected") throw b.reason
  })
  afterAll(async () => {
    await browser?.close().catch(() => {})
    await demo?.stop()
  })

  return {
    get demo() {
      if (!demo) throw new Error("the demo is not running (did beforeAll fail?)")
      return demo
    },
    get browser() {
      if (!browser) throw new Error("no browser (did beforeAll fail?)")
      return browser
    },
    page: (viewport) => newPage(browser!, viewport),
    adminToken: async () => (token ??= await adminToken(demo!)),
  }
}
