/** @jest-environment jsdom */
/**
 * What <ThreePayPayment> does: creates or switches the payment session,
 * polls with ETags, posts "I have paid", renews an expired invoice, and moves
 * to the order exactly once (complete once; an order made by the webhook or
 * a 409 is success too).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react"
import { StrictMode } from "react"
import { ThreePayPayment } from "../index"
import { CART_ID, fakeBackend, fetchError, QR, status, TRON_HASH } from "./fixtures"

afterEach(() => {
  cleanup()
  jest.useRealTimers()
})

type Props = Partial<Parameters<typeof ThreePayPayment>[0]>

function mount(
  initial: ReturnType<typeof status> | Error,
  props: Props = {},
  strict = false,
  setup?: (b: ReturnType<typeof fakeBackend>) => void
) {
  const backend = fakeBackend(initial)
  setup?.(backend)
  const onOrderPlaced = jest.fn()
  const onError = jest.fn()
  const ui = (
    <ThreePayPayment
      sdk={backend.sdk}
      cartId={CART_ID}
      onOrderPlaced={onOrderPlaced}
      onError={onError}
      pollIntervalMs={60_000}
      {...props}
    />
  )
  const utils = render(strict ? <StrictMode>{ui}</StrictMode> : ui)
  return { ...backend, onOrderPlaced, onError, ...utils }
}

const byId = (id: string) => screen.getByTestId(id)
const statusOf = () => byId("threepay-status").getAttribute("data-status")
const ready = () => waitFor(() => expect(byId("threepay-payment").getAttribute("data-phase")).toBe("ready"))

describe("<ThreePayPayment> session and network", () => {
  it("creates the payment session with the store's default network when the cart has none (once, even in StrictMode)", async () => {
    const b = mount(fetchError(404, "This cart has no USDT payment yet."), {}, true)
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.current = status()
      return {}
    })
    await waitFor(() => expect(statusOf()).toBe("awaiting_payment"))
    expect(b.initiatePaymentSession).toHaveBeenCalledTimes(1)
    expect(b.initiatePaymentSession).toHaveBeenCalledWith({ id: CART_ID }, { provider_id: "pp_3pay_3pay", data: { network: "TRC20" } })
  })

  it("starts on the network prop when the store accepts it, and waits for a choice with autoCreateSession=false", async () => {
    const b = mount(fetchError(404), { network: "ERC20" })
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.current = status({ network: "ERC20" })
      return {}
    })
    await waitFor(() => expect(b.initiatePaymentSession).toHaveBeenCalledTimes(1))
    expect(b.initiatePaymentSession.mock.calls[0][1]).toEqual({ provider_id: "pp_3pay_3pay", data: { network: "ERC20" } })
    cleanup()

    const c = mount(fetchError(404), { autoCreateSession: false })
    await waitFor(() => expect(byId("threepay-payment").getAttribute("data-phase")).toBe("missing"))
    expect(c.initiatePaymentSession).not.toHaveBeenCalled()
    c.initiatePaymentSession.mockImplementation(async () => {
      c.state.current = status({ network: "ERC20" })
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-network-ERC20"))
    })
    await waitFor(() => expect(statusOf()).toBe("awaiting_payment"))
    expect(c.initiatePaymentSession.mock.calls[0][1]).toEqual({ provider_id: "pp_3pay_3pay", data: { network: "ERC20" } })
  })

  it("switches network through initiatePaymentSession with the cart's payment collection, and shows the new invoice", async () => {
    const b = mount(status())
    await ready()
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.current = status({ network: "ERC20" })
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-network-ERC20"))
    })
    await waitFor(() => expect(byId("threepay-payment").getAttribute("data-network")).toBe("ERC20"))
    expect(b.initiatePaymentSession).toHaveBeenCalledWith(
      { id: CART_ID, payment_collection: { id: "pay_col_01" } },
      { provider_id: "pp_3pay_3pay", data: { network: "ERC20" } }
    )
    expect(byId("threepay-network-ERC20").getAttribute("aria-checked")).toBe("true")
    expect(byId("threepay-warning").textContent).toContain("Ethereum network (ERC20)")
    // Clicking the network already chosen does nothing.
    await act(async () => {
      fireEvent.click(byId("threepay-network-ERC20"))
    })
    expect(b.initiatePaymentSession).toHaveBeenCalledTimes(1)
  })

  it("shows the backend's message when a switch is refused (e.g. network disabled)", async () => {
    const b = mount(status())
    await ready()
    b.initiatePaymentSession.mockRejectedValue(fetchError(400, "USDT on ERC20 is not accepted by this store right now. Choose one of: TRC20."))
    await act(async () => {
      fireEvent.click(byId("threepay-network-ERC20"))
    })
    await waitFor(() => expect(byId("threepay-error").textContent).toMatch(/not accepted/))
    expect(b.onError).toHaveBeenCalledWith(expect.objectContaining({ action: "switch_network", status: 400 }))
    expect(statusOf()).toBe("awaiting_payment")
  })
})

describe("<ThreePayPayment> loading", () => {
  it("retries the first load when the backend cannot be reached, then shows the invoice", async () => {
    jest.useFakeTimers()
    const b = mount(status(), {}, false, (x) => x.routes.config.mockRejectedValueOnce(new TypeError("Failed to fetch")))
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(byId("threepay-error").textContent).toBe("Connection problem: retrying…")
    expect(b.onError).toHaveBeenCalledWith(expect.objectContaining({ action: "load" }))
    await act(async () => {
      await jest.advanceTimersByTimeAsync(2000)
    })
    expect(statusOf()).toBe("awaiting_payment")
    expect(screen.queryByTestId("threepay-error")).toBeNull()
  })

  it("does not restart when the storefront passes a new sdk object on each render", async () => {
    const b = mount(status())
    await ready()
    const calls = b.routes.config.mock.calls.length
    const again = { ...b.sdk, client: { fetch: b.sdk.client.fetch } }
    b.rerender(<ThreePayPayment sdk={again} cartId={CART_ID} onOrderPlaced={b.onOrderPlaced} pollIntervalMs={60_000} />)
    b.rerender(<ThreePayPayment sdk={{ ...again }} cartId={CART_ID} onOrderPlaced={b.onOrderPlaced} pollIntervalMs={60_000} />)
    await ready()
    expect(b.routes.config.mock.calls.length).toBe(calls)
  })
})

describe("<ThreePayPayment> polling", () => {
  it("polls with If-None-Match, keeps the view on 304, and shows changes", async () => {
    jest.useFakeTimers()
    const first = status()
    const b = mount(first, { pollIntervalMs: 3000 })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(statusOf()).toBe("awaiting_payment")
    await act(async () => {
      await jest.advanceTimersByTimeAsync(3000)
    })
    const calls = b.routes.status.mock.calls
    expect(calls.length).toBe(2)
    expect(calls[1][0]).toMatchObject({ query: { cart_id: CART_ID }, headers: { "If-None-Match": first.etag } })
    expect(statusOf()).toBe("awaiting_payment")

    b.state.current = status({ status: "confirming", amount_received: "26.1", qr: null })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(3000)
    })
    expect(statusOf()).toBe("confirming")
  })
})

describe("<ThreePayPayment> I have paid", () => {
  it("checks the hash format for the invoice's network before sending anything", async () => {
    const b = mount(status())
    await ready()
    fireEvent.change(byId("threepay-txhash-input"), { target: { value: `0x${TRON_HASH}` } })
    await act(async () => {
      fireEvent.click(byId("threepay-txhash-submit"))
    })
    expect(byId("threepay-error").textContent).toMatch(/Ethereum transaction/)
    expect(b.routes.check).not.toHaveBeenCalled()
  })

  it("posts the hash, shows the fresh status and the check's message", async () => {
    const b = mount(status())
    await ready()
    b.routes.check.mockImplementation(async () => ({
      payment: status({ status: "confirming", tx_hash: TRON_HASH, qr: null }),
      check: { tx_hash: TRON_HASH, matched: true, message: "Your payment was detected and is being confirmed on the blockchain." },
    }))
    fireEvent.change(byId("threepay-txhash-input"), { target: { value: `  ${TRON_HASH.toUpperCase()} ` } })
    await act(async () => {
      fireEvent.click(byId("threepay-txhash-submit"))
    })
    await waitFor(() => expect(statusOf()).toBe("confirming"))
    expect(b.routes.check).toHaveBeenCalledWith({ method: "POST", body: { cart_id: CART_ID, tx_hash: TRON_HASH } })
    expect(byId("threepay-check-result").textContent).toMatch(/being confirmed/)
    expect(byId("threepay-check-result").getAttribute("data-matched")).toBe("true")
  })

  it("shows 'retry in N s' when the cart checked too often", async () => {
    const b = mount(status())
    await ready()
    b.routes.check.mockRejectedValue(fetchError(429, "Your payment was checked moments ago. Please retry in 12 s."))
    fireEvent.change(byId("threepay-txhash-input"), { target: { value: TRON_HASH } })
    await act(async () => {
      fireEvent.click(byId("threepay-txhash-submit"))
    })
    await waitFor(() => expect(byId("threepay-error").textContent).toMatch(/retry in 12 s/))
    expect(b.onError).toHaveBeenCalledWith(expect.objectContaining({ action: "check", status: 429, retryAfter: 12 }))
  })
})

describe("<ThreePayPayment> renewal", () => {
  it("gets a new invoice for an expired one, on the same network", async () => {
    const b = mount(status({ status: "expired", can_renew: true, qr: null }))
    await ready()
    b.routes.renew.mockImplementation(async () => ({ payment: status({ transaction_id: "tx-new" }) }))
    await act(async () => {
      fireEvent.click(byId("threepay-renew"))
    })
    await waitFor(() => expect(statusOf()).toBe("awaiting_payment"))
    expect(b.routes.renew).toHaveBeenCalledWith({ method: "POST", body: { cart_id: CART_ID, network: "TRC20" } })
    expect(screen.queryByTestId("threepay-renew")).toBeNull()
    expect(byId("threepay-qr")).toBeTruthy()
  })

  it("creates a fresh session when the renewal finds none (the cart changed meanwhile)", async () => {
    const b = mount(status({ status: "expired", can_renew: true, qr: null }))
    await ready()
    b.routes.renew.mockRejectedValue(fetchError(404, "This cart has no USDT payment yet."))
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.current = status({ transaction_id: "tx-fresh" })
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-renew"))
    })
    await waitFor(() => expect(statusOf()).toBe("awaiting_payment"))
    expect(b.initiatePaymentSession).toHaveBeenCalledTimes(1)
  })
})

describe("<ThreePayPayment> when the store's 3PAY budget is at capacity", () => {
  const busy = (s: number) => fetchError(429, `The store is creating many USDT invoices right now. Please retry in ${s} s.`)

  it("waits the retry_after the backend names and creates the session on its own", async () => {
    jest.useFakeTimers()
    const b = mount(fetchError(404), {}, false, (x) => {
      x.initiatePaymentSession.mockRejectedValueOnce(busy(30)).mockImplementation(async () => {
        x.state.current = status()
        return {}
      })
    })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(byId("threepay-error").textContent).toBe("Payments are busy right now. Trying again automatically in 30 s…")
    expect(b.onError).toHaveBeenCalledWith(expect.objectContaining({ action: "create_session", status: 429, retryAfter: 30 }))
    await act(async () => {
      await jest.advanceTimersByTimeAsync(29_000)
    })
    expect(b.initiatePaymentSession).toHaveBeenCalledTimes(1)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1_000)
    })
    expect(b.initiatePaymentSession).toHaveBeenCalledTimes(2)
    expect(statusOf()).toBe("awaiting_payment")
    expect(screen.queryByTestId("threepay-error")).toBeNull()
  })

  it("retries a renewal too, and gives up after five refusals in a row, leaving the message", async () => {
    jest.useFakeTimers()
    const b = mount(status({ status: "expired", can_renew: true, qr: null }))
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    b.routes.renew.mockRejectedValue(busy(2))
    await act(async () => {
      fireEvent.click(byId("threepay-renew"))
      await jest.advanceTimersByTimeAsync(0)
    })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(60_000)
    })
    expect(b.routes.renew).toHaveBeenCalledTimes(6)
    expect(byId("threepay-error").textContent).toMatch(/retry in 2 s/)
  })

  it("does not wait on its own past a 3PAY window, and a new choice of network replaces a waiting retry", async () => {
    jest.useFakeTimers()
    const b = mount(fetchError(404), {}, false, (x) => x.initiatePaymentSession.mockRejectedValueOnce(busy(3600)))
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(byId("threepay-error").textContent).toMatch(/retry in 3600 s/)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(2 * 3600_000)
    })
    expect(b.initiatePaymentSession).toHaveBeenCalledTimes(1)

    b.initiatePaymentSession.mockRejectedValueOnce(busy(20)).mockImplementation(async () => {
      b.state.current = status({ network: "ERC20" })
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-network-TRC20"))
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(byId("threepay-error").textContent).toMatch(/Trying again automatically in 20 s/)
    await act(async () => {
      fireEvent.click(byId("threepay-network-ERC20"))
      await jest.advanceTimersByTimeAsync(60_000)
    })
    expect(b.initiatePaymentSession.mock.calls.map((c) => c[1].data?.network)).toEqual(["TRC20", "TRC20", "ERC20"])
    expect(statusOf()).toBe("awaiting_payment")
  })
})

describe("<ThreePayPayment> a partial payment", () => {
  it("says what arrived and what is missing, and gets an invoice for exactly the rest, on the same network", async () => {
    const partial = {
      status: "expired_partial" as const,
      amount_received: "20",
      amount_missing: "6.1",
      can_top_up: true,
      qr: null,
      payments: [{ transaction_id: "tx-TRC20", network: "TRC20" as const, amount_received: "20", status: "expired_partial" as const, tx_hash: TRON_HASH, tx_explorer_url: "https://nile.tronscan.org/#/transaction/x" }],
    }
    const b = mount(status(partial))
    await ready()
    expect(byId("threepay-missing").textContent).toContain("20 of 26.1 USDT arrived on USDT on TRON (TRC20). 6.1 USDT is still missing")
    expect(byId("threepay-payments").textContent).toContain("20 USDT (TRC20)")
    expect(screen.queryByTestId("threepay-renew")).toBeNull()
    // Money arrived: the network cannot be switched any more.
    expect(byId("threepay-network-ERC20").getAttribute("aria-disabled")).toBe("true")
    fireEvent.click(byId("threepay-network-ERC20"))
    expect(b.initiatePaymentSession).not.toHaveBeenCalled()
    b.routes.renew.mockImplementation(async () => ({
      payment: status({ ...partial, status: "awaiting_payment", kind: "top_up", transaction_id: "tx-rest", amount_usdt: "6.1", can_top_up: false, qr: { kind: "payment_url", text: "x", data_url: QR } }),
    }))
    expect(byId("threepay-top-up").textContent).toBe("Pay the remaining 6.1 USDT")
    await act(async () => {
      fireEvent.click(byId("threepay-top-up"))
    })
    await waitFor(() => expect(statusOf()).toBe("awaiting_payment"))
    expect(b.routes.renew).toHaveBeenCalledWith({ method: "POST", body: { cart_id: CART_ID, network: "TRC20" } })
    expect(byId("threepay-top-up-notice").textContent).toBe("20 of 26.1 USDT already arrived. This invoice is for the rest only.")
    expect(byId("threepay-amount").textContent).toContain("6.1")
  })
})

describe("<ThreePayPayment> order placement", () => {
  it("paid: calls complete once and hands the order to onOrderPlaced once", async () => {
    jest.useFakeTimers()
    const b = mount(status({ status: "paid", amount_received: "26.1", qr: null }), { pollIntervalMs: 1000 })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(5000)
    })
    expect(b.complete).toHaveBeenCalledTimes(1)
    expect(b.complete).toHaveBeenCalledWith(CART_ID)
    expect(b.onOrderPlaced).toHaveBeenCalledTimes(1)
    expect(b.onOrderPlaced).toHaveBeenCalledWith({ id: "order_01", display_id: 7 }, { via: "complete" })
    expect(byId("threepay-payment").getAttribute("data-phase")).toBe("done")
    expect(byId("threepay-order-placed")).toBeTruthy()
  })

  it("complete answers 409 (the webhook is completing the cart): success once the status brings the order id", async () => {
    const b = mount(status({ status: "paid", qr: null }), { pollIntervalMs: 1000 })
    b.complete.mockImplementation(async () => {
      b.state.current = status({ status: "paid", qr: null, order_id: "order_webhook" })
      throw fetchError(409, "Cart is already being completed by another request")
    })
    await waitFor(() => expect(b.onOrderPlaced).toHaveBeenCalledTimes(1))
    expect(b.onOrderPlaced).toHaveBeenCalledWith({ id: "order_webhook" }, { via: "status" })
    expect(b.complete).toHaveBeenCalledTimes(1)
    expect(screen.queryByTestId("threepay-error")).toBeNull()
  })

  it("an order already made by the webhook: onOrderPlaced without calling complete", async () => {
    const b = mount(status({ status: "paid", qr: null, order_id: "order_01" }))
    await waitFor(() => expect(b.onOrderPlaced).toHaveBeenCalledTimes(1))
    expect(b.onOrderPlaced).toHaveBeenCalledWith({ id: "order_01" }, { via: "status" })
    expect(b.complete).not.toHaveBeenCalled()
  })

  it("becomes paid while polling (overpaid too), then completes once", async () => {
    jest.useFakeTimers()
    const b = mount(status(), { pollIntervalMs: 2000 })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(b.complete).not.toHaveBeenCalled()
    b.state.current = status({ status: "overpaid", amount_received: "27.1", amount_excess: "1", qr: null })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(2000)
    })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(6000)
    })
    expect(b.complete).toHaveBeenCalledTimes(1)
    expect(b.onOrderPlaced).toHaveBeenCalledTimes(1)
  })

  it("complete keeps the cart (an error): says so, never calls complete again, and still finishes when the order appears", async () => {
    jest.useFakeTimers()
    const b = mount(status({ status: "paid", qr: null }), { pollIntervalMs: 1000 })
    b.complete.mockImplementation(async () => ({ type: "cart", error: { message: "Payment authorization failed" } }))
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(byId("threepay-error").textContent).toMatch(/do not pay again/)
    await act(async () => {
      await jest.advanceTimersByTimeAsync(3000)
    })
    expect(b.complete).toHaveBeenCalledTimes(1)
    b.state.current = status({ status: "paid", qr: null, order_id: "order_late" })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(1000)
    })
    expect(b.onOrderPlaced).toHaveBeenCalledWith({ id: "order_late" }, { via: "status" })
    expect(b.complete).toHaveBeenCalledTimes(1)
  })
})
