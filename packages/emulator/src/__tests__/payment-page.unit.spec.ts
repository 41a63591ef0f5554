import QRCode from "qrcode"
import { Script } from "node:vm"
import type { EmulatorHandle } from "../index"
import { createInvoice, startReceiver, startTestEmulator, type Receiver } from "./helpers"

const get = (url: string) => fetch(url, { redirect: "manual" })
const post = (url: string, action: string) =>
  fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ action }).toString(),
  })

describe("hosted payment page", () => {
  let emu: EmulatorHandle
  let hook: Receiver
  beforeAll(async () => {
    hook = await startReceiver()
  })
  beforeEach(async () => {
    hook.received.length = 0
    emu = await startTestEmulator({ webhookUrl: hook.url })
  })
  afterEach(() => emu.stop())
  afterAll(() => hook.stop())

  it("shows network + warning, exact amount, address, QR code of the address, countdown, status and the buttons", async () => {
    const c = await createInvoice(emu, { currencyType: "USDT-TRC20", amount: "42.123456" })
    const res = await get(c.json.url)
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/text\/html/)
    const html = await res.text()
    expect(html).toContain('<span data-testid="amount">42.123456</span>')
    expect(html).toContain(`<code data-testid="address">${c.json.walletAddress}</code>`)
    expect(html).toContain("USDT on TRON (TRC20)")
    expect(html).toMatch(/data-testid="network-warning"[^>]*><strong>Send only USDT on the TRON network \(TRC20\)\.<\/strong>/)
    expect(html).toContain('data-testid="qr"><svg')
    const qr = await QRCode.toString(c.json.walletAddress, { type: "svg", margin: 1, errorCorrectionLevel: "M", width: 200 })
    expect(html).toContain(qr)
    expect(html).toContain('data-testid="countdown"')
    expect(html).toMatch(/data-testid="status" data-status="initiated">Waiting for payment</)
    for (const id of ["pay-full", "pay-under", "pay-over", "pay-two-step", "pay-wrong-network", "expire"]) {
      expect(html).toContain(`data-testid="${id}"`)
    }
    expect(html).not.toContain('data-testid="pay-late"')
    // works offline: no external assets
    expect(html).not.toMatch(/(src|href)="https?:\/\//)
    // the inline scripts are valid: page data is JSON, the poller parses
    const data = JSON.parse(/<script type="application\/json" id="emu-data">(.*?)<\/script>/s.exec(html)![1])
    expect(data).toEqual({ status: "initiated", secondsLeft: 600, address: c.json.walletAddress, statusUrl: expect.stringMatching(/\/status$/), pageUrl: expect.any(String) })
    const script = /<script>(.*?)<\/script>/s.exec(html)![1]
    expect(() => new Script(script)).not.toThrow()
  })

  it("shows Ethereum for ERC20 invoices", async () => {
    const c = await createInvoice(emu, { currencyType: "USDT-ERC20" })
    const html = await (await get(c.json.url)).text()
    expect(html).toContain("USDT on Ethereum (ERC20)")
    expect(html).toContain("Send only USDT on the Ethereum network (ERC20).")
  })

  it("escapes what it prints", async () => {
    const c = await createInvoice(emu, { callbackUrl: 'http://shop.test/r?a=1&b="x"' })
    const html = await (await get(c.json.url)).text()
    expect(html).toContain('href="http://shop.test/r?a=1&amp;b=&quot;x&quot;"')
  })

  it("serves a status JSON for polling", async () => {
    const c = await createInvoice(emu, { timer: "5" })
    const s = await (await get(`${c.json.url}/status`)).json()
    expect(s).toMatchObject({ transactionId: c.json.transactionId, status: "initiated", secondsLeft: 300, final: false, amount: "100" })
    await emu.control.advance(60_000)
    expect((await (await get(`${c.json.url}/status`)).json()).secondsLeft).toBe(240)
  })

  it("a simulate button pays and redirects to the callbackUrl", async () => {
    const c = await createInvoice(emu, { callbackUrl: "http://shop.test/checkout/return?cart=1" })
    const res = await post(`${c.json.url}/simulate`, "pay-full")
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe("http://shop.test/checkout/return?cart=1")
    expect(emu.control.invoice(c.json.transactionId).status).toBe("confirmed")
    // the webhook went out before the browser was redirected
    expect(hook.received.map((r) => r.json.data.status)).toEqual(["confirmed"])
  })

  it.each([
    ["pay-under", "confirmed", "99"],
    ["pay-over", "confirmed", "101"],
    ["pay-two-step", "amount confirmed", "100"],
    ["expire", "expired", "0"],
  ])("%s → %s", async (action, status, actual) => {
    const c = await createInvoice(emu)
    const res = await post(`${c.json.url}/simulate`, action)
    expect(res.status).toBe(303)
    expect(res.headers.get("location")).toBe(new URL(c.json.url).pathname)
    expect(emu.control.invoice(c.json.transactionId)).toMatchObject({ status, actualBalance: actual })
  })

  it("wrong network and late payment buttons", async () => {
    const c = await createInvoice(emu)
    await post(`${c.json.url}/simulate`, "pay-wrong-network")
    expect(emu.control.invoice(c.json.transactionId).paidCurrencyType).toBe("USDT-ERC20")
    const html = await (await get(c.json.url)).text()
    expect(html).toContain("(wrong network)")

    const d = await createInvoice(emu)
    await post(`${d.json.url}/simulate`, "expire")
    const expired = await (await get(d.json.url)).text()
    expect(expired).toContain('data-testid="pay-late"')
    expect(expired).not.toContain('data-testid="pay-full"')
    await post(`${d.json.url}/simulate`, "pay-late")
    expect(emu.control.invoice(d.json.transactionId)).toMatchObject({ status: "confirmed", late: true })
  })

  it("an action that is not possible comes back to the page with the error", async () => {
    const c = await createInvoice(emu)
    await emu.control.pay(c.json.transactionId)
    const res = await post(`${c.json.url}/simulate`, "pay-full")
    expect(res.status).toBe(303)
    const back = res.headers.get("location")!
    expect(back).toMatch(/\?error=/)
    const html = await (await get(emu.url + back)).text()
    expect(html).toContain('data-testid="error"')
    expect(html).toContain("only initiated invoices can be paid")
    expect(html).not.toContain('data-testid="pay-full"')
  })

  it("404 for an unknown code", async () => {
    const res = await get(`${emu.url}/s/NOPE1234`)
    expect(res.status).toBe(404)
    expect(await res.text()).toContain("Payment link not found")
  })
})
