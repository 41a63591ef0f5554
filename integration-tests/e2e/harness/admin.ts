/** The Medusa admin of the demo: its API (bearer token) and its dashboard (browser login). */
import type { Page } from "playwright-core"
import type { Demo } from "./demo"

/** A JWT for the admin API, from the seeded admin user. */
export async function adminToken(demo: Demo): Promise<string> {
  const res = await fetch(`${demo.backendUrl}/auth/user/emailpass`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(demo.admin),
  })
  if (!res.ok) throw new Error(`admin login failed: HTTP ${res.status} ${await res.text()}`)
  return ((await res.json()) as { token: string }).token
}

/** An admin API call; throws on non-2xx unless `allowError`. */
export async function adminApi<T = any>(
  demo: Demo,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; allowError?: boolean } = {}
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${demo.backendUrl}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `Bearer ${token}`, ...(init.body ? { "content-type": "application/json" } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  const text = await res.text()
  const body = (text ? JSON.parse(text) : null) as T
  if (!res.ok && !init.allowError) throw new Error(`${init.method ?? "GET"} ${path}: HTTP ${res.status} ${text}`)
  return { status: res.status, body }
}

/** Logs into the dashboard in `page`; resolves on the orders list. */
export async function loginToAdmin(page: Page, demo: Demo): Promise<void> {
  await page.goto(`${demo.adminUrl}/login`)
  await page.locator("input[name=email]").fill(demo.admin.email)
  await page.locator("input[name=password]").fill(demo.admin.password)
  await page.locator("button[type=submit]").click()
  await page.waitForURL(/\/app\/orders/, { timeout: 60_000 })
}
