/**
 * The provider registered with `mode: "wallet"` (pp_3pay_wallet): it opens
 * a session only on the wallet workflow's hand-over, answers "captured"
 * only while the settlement workflow holds the amount on the balance, and
 * never calls 3PAY (its base URL here goes nowhere).
 */
import type { Logger } from "@medusajs/framework/types"
import { MedusaError, PaymentSessionStatus } from "@medusajs/framework/utils"
import { HANDOFF_FIELD, issueHandoff } from "../../../lib/handoff"
import ThreePayProviderService from "../service"

const silent = { info: () => {}, warn: () => {}, error: () => {}, debug: () => {} } as unknown as Logger
const sessions: Record<string, string> = { payses_1: "paycol_1", payses_2: "paycol_2" }

const provider = new ThreePayProviderService(
  {
    logger: silent,
    paymentSessionService: {
      retrieve: async (id: string) => {
        if (!sessions[id]) throw new MedusaError(MedusaError.Types.NOT_FOUND, "not found")
        return { id, payment_collection_id: sessions[id] }
      },
    },
  },
  { apiKey: "k", baseUrl: "http://127.0.0.1:9/api/v1", mode: "wallet", wallets: { enabled: true } }
)

const handoff = (over: Record<string, unknown> = {}) =>
  issueHandoff({
    kind: "wallet_checkout",
    payment_collection_id: "paycol_1",
    cart_id: "cart_1",
    checkout_ref: "tpwc_1",
    network: "TRC20",
    amount_due_usdt: "26.1",
    amount: "26.1",
    currency_code: "usd",
    exchange_rate: "1",
    ...over,
  } as never)

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p
  } catch (e) {
    return (e as { code?: string }).code
  }
  return "resolved"
}

describe("the wallet provider", () => {
  it("opens a session only on the wallet workflow's hand-over, for its own collection and amount", async () => {
    expect(await codeOf(provider.initiatePayment({ amount: 26.1, currency_code: "usd", data: { session_id: "payses_1" } }))).toBe("threepay_handoff_required")
    expect(await codeOf(provider.initiatePayment({ amount: 26.1, currency_code: "usd", data: { session_id: "payses_2", [HANDOFF_FIELD]: handoff() } }))).toBe(
      "threepay_handoff_invalid"
    )
    expect(await codeOf(provider.initiatePayment({ amount: 30, currency_code: "usd", data: { session_id: "payses_1", [HANDOFF_FIELD]: handoff() } }))).toBe(
      "threepay_handoff_invalid"
    )
    const ref = handoff()
    const out = await provider.initiatePayment({ amount: 26.1, currency_code: "usd", data: { session_id: "payses_1", [HANDOFF_FIELD]: ref } })
    expect(out.status).toBe(PaymentSessionStatus.PENDING)
    expect(out.data).toMatchObject({ mode: "wallet", network: "TRC20", amount_usdt: "26.1", status: "awaiting_payment" })
    expect(out.data?.[HANDOFF_FIELD]).toBeUndefined()
    // Single use.
    expect(await codeOf(provider.initiatePayment({ amount: 26.1, currency_code: "usd", data: { session_id: "payses_1", [HANDOFF_FIELD]: ref } }))).toBe(
      "threepay_handoff_invalid"
    )
  })

  it("authorizes only while a hold is handed over; session data claiming 'paid' is not believed", async () => {
    const data = { session_id: "payses_1", mode: "wallet", status: "paid", hold_id: "tpwe_forged" }
    expect((await provider.authorizePayment({ data })).status).toBe(PaymentSessionStatus.PENDING)
    issueHandoff({ kind: "wallet_settlement", session_id: "payses_1", hold_id: "tpwe_h1", amount_usdt: "26.1" })
    const ok = await provider.authorizePayment({ data: { session_id: "payses_1" } })
    expect(ok.status).toBe(PaymentSessionStatus.CAPTURED)
    expect(ok.data).toMatchObject({ status: "paid", hold_id: "tpwe_h1", paid_from_balance: "26.1" })
    expect(await codeOf(provider.capturePayment({ data: ok.data }))).toBe("resolved")
    expect(await codeOf(provider.capturePayment({ data: { session_id: "payses_2" } }))).toBe("threepay_balance_short")
  })

  it("refunds go to the balance by an admin adjustment; cancel gives back nothing itself", async () => {
    expect(await codeOf(provider.refundPayment({ amount: 1, data: {} }))).toBe("threepay_refund_not_supported")
    expect((await provider.cancelPayment({ data: { session_id: "payses_1" } })).data).toMatchObject({ canceled_at: expect.any(String) })
  })
})
