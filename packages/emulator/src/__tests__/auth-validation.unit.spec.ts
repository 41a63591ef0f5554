import type { EmulatorHandle } from "../index"
import { api, createInvoice, startTestEmulator } from "./helpers"

describe("auth", () => {
  let emu: EmulatorHandle
  beforeAll(async () => {
    emu = await startTestEmulator({ apiKey: "k_sandbox", apiSecret: "s_sandbox", otherEnvironmentKeys: ["k_live"] })
  })
  afterAll(() => emu.stop())

  it("401 INVALID_AUTH without an apikey header", async () => {
    const r = await api(emu, "/public/transaction/list", { key: null })
    expect(r.status).toBe(401)
    expect(r.json).toEqual({ success: false, error: { code: "INVALID_AUTH", message: expect.any(String), details: {} } })
  })

  it("401 with a wrong key, 403 FORBIDDEN with the other environment's key", async () => {
    expect((await api(emu, "/public/transaction/list", { key: "nope" })).status).toBe(401)
    const r = await api(emu, "/public/transaction/list", { key: "k_live" })
    expect(r.status).toBe(403)
    expect(r.json.error).toMatchObject({ code: "FORBIDDEN", message: "Key not allowed for this environment" })
  })

  it("takes the header name in any case (apiKey as the old docs spell it)", async () => {
    const res = await fetch(`${emu.apiBase}/public/transaction/list`, { headers: { ApiKey: "k_sandbox" } })
    expect(res.status).toBe(200)
  })

  it("checks x-api-secret when sent, ignores it when absent", async () => {
    expect((await api(emu, "/public/transaction/list", { headers: { "x-api-secret": "wrong" } })).status).toBe(401)
    expect((await api(emu, "/public/transaction/list", { headers: { "x-api-secret": "s_sandbox" } })).status).toBe(200)
    expect((await api(emu, "/public/transaction/list")).status).toBe(200)
  })

  it("counts calls per endpoint name, including refused ones", async () => {
    const before = emu.control.calls()["transaction.list"] ?? 0
    await api(emu, "/public/transaction/list", { key: null })
    expect(emu.control.calls()["transaction.list"]).toBe(before + 1)
  })
})

describe("validation", () => {
  let emu: EmulatorHandle
  beforeAll(async () => {
    emu = await startTestEmulator({ minInvoiceAmount: "1" })
  })
  afterAll(() => emu.stop())

  const bad = async (query: Record<string, string | undefined>, body: Record<string, unknown> = {}) => {
    const r = await createInvoice(emu, query, body)
    expect(r.status).toBe(400)
    expect(r.json.success).toBe(false)
    expect(r.json.error.code).toBe("VALIDATION_ERROR")
    return r.json.error.message as string
  }

  it("rejects a bad currencyType", async () => {
    expect(await bad({ currencyType: "USDT-BEP20" })).toMatch(/currencyType/)
    expect(await bad({ currencyType: "usdt-trc20" })).toMatch(/currencyType/)
    expect(await bad({ currencyType: undefined })).toMatch(/currencyType/)
  })

  it("rejects amounts <= 0, with more than 6 decimals, below the minimum, or not numbers", async () => {
    expect(await bad({ amount: "0" })).toMatch(/greater than 0/)
    expect(await bad({ amount: "-5" })).toMatch(/amount/)
    expect(await bad({ amount: "1.0000001" })).toMatch(/6 decimals/)
    expect(await bad({ amount: "0.5" })).toMatch(/at least 1/)
    expect(await bad({ amount: "ten" })).toMatch(/amount/)
    expect(await bad({ amount: undefined })).toMatch(/amount/)
    expect((await createInvoice(emu, { amount: "1.123456" })).status).toBe(200)
  })

  it("rejects a timer outside 1..1440 minutes", async () => {
    expect(await bad({ timer: "0" })).toMatch(/timer/)
    expect(await bad({ timer: "1441" })).toMatch(/timer/)
    expect(await bad({ timer: "2.5" })).toMatch(/timer/)
    expect((await createInvoice(emu, { timer: "1440" })).status).toBe(200)
  })

  it("rejects bad URLs and bad body fields", async () => {
    expect(await bad({ webhookUrl: "not a url" })).toMatch(/webhookUrl/)
    expect(await bad({ callbackUrl: "ftp://x.example/y" })).toMatch(/callbackUrl/)
    expect(await bad({}, { email: "nope" })).toMatch(/email/)
    expect(await bad({}, { referenceId: 42 })).toMatch(/referenceId/)
  })

  it("rejects a body that is not JSON", async () => {
    const res = await fetch(`${emu.apiBase}/transaction/create?currencyType=USDT-TRC20&amount=5`, {
      method: "POST",
      headers: { apikey: emu.apiKey, "content-type": "application/json" },
      body: "{oops",
    })
    expect(res.status).toBe(400)
  })

  it("404 for unknown ids and routes", async () => {
    const v = await api(emu, "/public/transaction/verify", { query: { transactionId: "00000000-0000-4000-8000-000000000000" } })
    expect(v.status).toBe(404)
    expect(v.json.error.code).toBe("NOT_FOUND")
    expect((await api(emu, "/public/wallet/view/ghost")).status).toBe(404)
    expect((await api(emu, "/webhook/retry/ffffffffffffffffffffffff", { method: "POST" })).status).toBe(404)
    expect((await api(emu, "/transaction/verify")).status).toBe(404)
    expect(emu.control.calls().unknown).toBeGreaterThanOrEqual(1)
  })

  it("400 when verify has no transactionId", async () => {
    expect((await api(emu, "/public/transaction/verify")).status).toBe(400)
  })
})
