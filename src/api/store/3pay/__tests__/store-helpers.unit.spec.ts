/**
 * The store routes' pure rules: hash formats per network, the per-cart
 * limiter, the status payload (what a shopper may see, when a QR code and a
 * renewal are offered) and its ETag, and the payment-step configuration.
 */
import { effectiveSettings } from "../../../../modules/threepay/settings-rules"
import { parseOptions } from "../../../../lib/options"
import { buildStoreConfig } from "../config/store-config"
import type { CartPayment } from "../../../../lib/cart-payment"
import { etagMatches, etagOf, statusBody, withQr } from "../status-body"
import jsQR from "jsqr"

// pngjs ships no types; this is all the test needs of it.
const { PNG } = require("pngjs") as {
  PNG: { sync: { read(b: Buffer): { width: number; height: number; data: Buffer } } }
}

/** What a wallet's camera reads from the PNG data URL. */
function decodeQr(dataUrl: string): string | undefined {
  const png = PNG.sync.read(Buffer.from(dataUrl.split(",")[1], "base64"))
  return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data
}
import { CHECK_LIMIT, decide } from "../../../../workflows/steps/consume-cart-limit"
import { checkTxHash, hashDigits } from "medusa-payment-3pay-client"
import { cartCoverage } from "../../../../modules/threepay/invoice-state"
import { moneyOf, type LedgerInvoice } from "../../../../modules/threepay/ledger"

type LedgerRow = LedgerInvoice

const HEX = "0123456789abcdef".repeat(4)

describe("checkTxHash", () => {
  it("takes 64 hex on TRON and 0x + 64 hex on Ethereum, trimmed and lower-cased", () => {
    expect(checkTxHash("TRC20", `  ${HEX.toUpperCase()}\n`)).toEqual({ ok: true, hash: HEX })
    expect(checkTxHash("ERC20", `0x${HEX.toUpperCase()}`)).toEqual({ ok: true, hash: `0x${HEX}` })
  })
  it("names the other chain when a hash is pasted from it", () => {
    const tron = checkTxHash("TRC20", `0x${HEX}`)
    expect(tron.ok).toBe(false)
    expect(!tron.ok && tron.message).toMatch(/Ethereum transaction/)
    const eth = checkTxHash("ERC20", HEX)
    expect(!eth.ok && eth.message).toMatch(/TRON transaction/)
  })
  it("refuses anything else", () => {
    for (const bad of ["", "abc", HEX.slice(1), `${HEX}0`, `0x${HEX.slice(2)}`, HEX.replace("a", "g")]) {
      expect(checkTxHash("TRC20", bad).ok).toBe(false)
      expect(checkTxHash("ERC20", bad).ok).toBe(false)
    }
  })
  it("compares hashes by their 64 digits", () => {
    expect(hashDigits(`0x${HEX.toUpperCase()}`)).toBe(HEX)
    expect(hashDigits(HEX)).toBe(HEX)
    expect(hashDigits("nope")).toBeNull()
    expect(hashDigits(null)).toBeNull()
  })
})

describe("per-cart limiter", () => {
  const rule = { minIntervalMs: 15_000, maxPerWindow: 3, windowMs: 3_600_000 }
  it("allows the first attempt and refuses one within the interval, saying how long to wait", () => {
    const first = decide(null, 1_000_000, rule)
    expect(first).toEqual({ allowed: true, next: { times: [1_000_000] } })
    const second = decide(first.allowed ? first.next : null, 1_004_200, rule)
    expect(second).toEqual({ allowed: false, retryAfterSeconds: 11 })
    expect(decide({ times: [1_000_000] }, 1_015_000, rule).allowed).toBe(true)
  })
  it("caps attempts per window until the oldest leaves it", () => {
    const times = [0, 100_000, 200_000]
    expect(decide({ times }, 300_000, rule)).toEqual({ allowed: false, retryAfterSeconds: 3300 })
    const later = decide({ times }, 3_600_001, rule)
    expect(later.allowed && later.next.times).toEqual([100_000, 200_000, 3_600_001])
  })
  it("ignores junk and future times in a stored state", () => {
    expect(decide({ times: [Number.NaN, 9e15] }, 1000, CHECK_LIMIT).allowed).toBe(true)
  })
})

function row(over: Record<string, unknown> = {}): LedgerRow {
  return {
    id: "tpinv_1",
    transaction_id: "tx-1",
    invoice_no: "INV-1",
    reference: "tpref_1",
    kind: "checkout",
    received_known: false,
    tx_hashes: [],
    wrong_network: false,
    tolerance: "0",
    captured_usdt: null,
    environment: "sandbox",
    network: "TRC20",
    flow: "pay_first",
    status: "initiated",
    raw_status: "initiated",
    state: "awaiting_payment",
    amount_usdt: "26.1",
    amount_received: "0",
    amount_missing: "26.1",
    amount_excess: "0",
    fee: "1",
    net_amount: "0",
    currency_code: "usd",
    amount_fiat: "26.1",
    exchange_rate: "1",
    payment_url: "http://pay.example/s/ABCDEFGH",
    wallet_address: "TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk",
    tx_hash: null,
    customer_email: "shopper@example.com",
    cart_id: "cart_1",
    payment_collection_id: "pay_col_1",
    payment_session_id: null,
    order_id: null,
    expires_at: new Date(Date.now() + 600_000).toISOString(),
    confirmed_at: null,
    paid_at: null,
    late: false,
    orphan: false,
    attention: null,
    applied_at: null,
    paid_via: null,
    superseded_at: null,
    superseded_reason: null,
    last_synced_at: null,
    created_at: new Date().toISOString(),
    history: { entries: [{ at: "x", source: "checkout", status: "initiated", state: "awaiting_payment", note: "secret-ish internal note" }] },
    ...over,
  } as unknown as LedgerRow
}

function payment(r: LedgerRow, over: Partial<CartPayment["cart"]> = {}, earlier: LedgerRow[] = []): CartPayment {
  const invoices = [...earlier, r]
  return {
    cart: { id: "cart_1", completed_at: null, payment_collection_id: "pay_col_1", order: null, ...over },
    session: { id: "payses_1", status: "pending", provider_id: "pp_3pay_3pay", created_at: null, data: {} },
    stored: { network: "TRC20", transaction_id: r.transaction_id, amount_usdt: "26.1", status: "awaiting_payment" },
    invoice: r,
    invoices,
    coverage: cartCoverage(invoices.map(moneyOf), "26.1", "0"),
  }
}

describe("status payload", () => {
  it("shows an open invoice with a QR code of the deposit address and nothing the shopper should not see", async () => {
    const b = statusBody(payment(row()))
    expect(b).toMatchObject({
      status: "awaiting_payment",
      amount_usdt: "26.1",
      network_label: "USDT on TRON (TRC20)",
      can_renew: false,
      // TRON has no payment-request standard: the address alone, the amount beside it.
      qr: { kind: "address", text: "TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk" },
    })
    const full = await withQr(b, etagOf(b))
    expect(full.qr!.data_url).toMatch(/^data:image\/png;base64,/)
    expect(decodeQr(full.qr!.data_url)).toBe("TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk")
    const json = JSON.stringify(full)
    for (const hidden of ["shopper@example.com", "internal note", "tpinv_1", "fee", "net_amount"]) expect(json).not.toContain(hidden)
  })

  it("puts an EIP-681 USDT transfer with the exact amount in the ERC20 code on live, and the address alone on Sepolia", async () => {
    const to = "0x52908400098527886E0F7030069857D2E4169EE7"
    const live = statusBody(payment(row({ network: "ERC20", environment: "live", wallet_address: to, amount_usdt: "26.100001" })))
    const uri = `ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@1/transfer?address=${to}&uint256=26100001`
    expect(live.qr).toEqual({ kind: "eip681", text: uri })
    expect(decodeQr((await withQr(live, etagOf(live))).qr!.data_url)).toBe(uri)
    // Whole amounts too: 26 USDT is 26000000 base units (6 decimals), no float anywhere.
    expect(statusBody(payment(row({ network: "ERC20", environment: "live", wallet_address: to, amount_usdt: "26" }))).qr!.text).toMatch(/&uint256=26000000$/)
    // Sandbox: no official USDT contract on Sepolia, so no contract is guessed.
    expect(statusBody(payment(row({ network: "ERC20", wallet_address: to }))).qr).toEqual({ kind: "address", text: to })
  })

  it("offers renewal and no QR code past the expiry, even before 3PAY's expiry arrives", () => {
    const b = statusBody(payment(row({ expires_at: new Date(Date.now() - 1000).toISOString() })))
    expect(b).toMatchObject({ status: "awaiting_payment", can_renew: true, qr: null })
    expect(statusBody(payment(row({ state: "expired", status: "expired" })))).toMatchObject({ can_renew: true, qr: null })
  })

  it("never offers renewal once an order exists, and takes the order id from the cart when the ledger has none yet", () => {
    const b = statusBody(payment(row({ state: "expired" }), { order: { id: "order_1", status: "pending" } }))
    expect(b).toMatchObject({ order_id: "order_1", can_renew: false })
  })

  it("says what is missing on an underpaid invoice, and links the transaction", () => {
    const b = statusBody(
      payment(row({ state: "underpaid", status: "confirmed", amount_received: "24.6", received_known: true, amount_missing: "1.5", tx_hash: HEX, tx_hashes: [HEX] }))
    )
    expect(b).toMatchObject({ status_label: "Underpaid by 1.5 USDT", amount_missing: "1.5", amount_due: "26.1", qr: null, can_top_up: true, can_renew: false })
    expect(b.tx_explorer_url).toBe(`https://nile.tronscan.org/#/transaction/${HEX}`)
  })

  it("after a partial payment that expired, shows what arrived and a top-up for exactly what is missing", () => {
    const first = row({ transaction_id: "tx-0", state: "expired_partial", status: "expired", amount_received: "20", received_known: true, tx_hash: HEX })
    const topUp = row({ kind: "top_up", amount_usdt: "6.1", amount_missing: "6.1" })
    const b = statusBody(payment(topUp, {}, [first]))
    expect(b).toMatchObject({
      kind: "top_up",
      amount_usdt: "6.1",
      amount_due: "26.1",
      amount_received: "20",
      amount_missing: "6.1",
      status: "awaiting_payment",
      can_top_up: false,
      qr: { kind: "address" },
    })
    expect(b.payments).toEqual([expect.objectContaining({ transaction_id: "tx-0", amount_received: "20", status: "expired_partial" })])
    // Before the top-up exists, the shopper is offered one.
    expect(statusBody(payment(first))).toMatchObject({ can_top_up: true, can_renew: false, amount_missing: "6.1" })
  })

  it("has an ETag that changes with the content only", () => {
    const a = statusBody(payment(row()))
    expect(etagOf(a)).toBe(etagOf({ ...a }))
    expect(etagOf(a)).not.toBe(etagOf({ ...a, status: "confirming" }))
    const tag = etagOf(a)
    expect(etagMatches(tag, tag)).toBe(true)
    expect(etagMatches(`"x", W/${tag}`, tag)).toBe(true)
    expect(etagMatches("*", tag)).toBe(true)
    expect(etagMatches('"x"', tag)).toBe(false)
    expect(etagMatches(undefined, tag)).toBe(false)
  })
})

describe("payment-step configuration", () => {
  it("lists the enabled networks in the environment's terms, without secrets", () => {
    const o = parseOptions({ apiKey: "k_secret_key", apiSecret: "s_secret", webhookSecret: "w_secret", environment: "live" })
    const c = buildStoreConfig(effectiveSettings(o, { enabled_networks: ["ERC20"], default_network: "ERC20" }), o.environment)
    expect(c.networks).toHaveLength(1)
    expect(c.networks[0]).toMatchObject({
      network: "ERC20",
      contract_address: "0xdAC17F958D2ee523a2206206994597C13D831ec7",
      testnet: null,
      explorer: { name: "Etherscan", url: "https://etherscan.io" },
    })
    expect(c.default_network).toBe("ERC20")
    expect(JSON.stringify(c)).not.toMatch(/secret/)
  })
})
