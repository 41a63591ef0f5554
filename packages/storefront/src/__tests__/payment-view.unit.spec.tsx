/** @jest-environment jsdom */
/**
 * What <ThreePayPayment> shows for each status: amount and address with copy
 * buttons, QR code, countdown, the wrong-network warning, and what each
 * later status says (confirming, paid, underpaid, expired, cancelled, wrong
 * network).
 */
import type Medusa from "@medusajs/js-sdk"
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react"
import { ThreePayPayment, type ThreePaySdk } from "../index"
import { CART_ID, fakeBackend, QR, status, TRON_ADDRESS } from "./fixtures"

afterEach(() => {
  cleanup()
  jest.useRealTimers()
})

function mount(initial: ReturnType<typeof status>, props: Partial<Parameters<typeof ThreePayPayment>[0]> = {}) {
  const backend = fakeBackend(initial)
  const onOrderPlaced = jest.fn()
  const utils = render(
    <ThreePayPayment sdk={backend.sdk} cartId={CART_ID} onOrderPlaced={onOrderPlaced} pollIntervalMs={60_000} {...props} />
  )
  return { ...backend, onOrderPlaced, ...utils }
}

const byId = (id: string) => screen.getByTestId(id)
const statusEl = () => screen.getByTestId("threepay-status")

describe("<ThreePayPayment> views", () => {
  it("accepts a real @medusajs/js-sdk instance as its sdk (checked by tsc; js-sdk itself does not load in jsdom)", () => {
    const fits = (m: Medusa): ThreePaySdk => m
    expect(typeof fits).toBe("function")
  })

  it("shows an open invoice: exact amount, network, warning next to it, address, QR code, payment page link and countdown", async () => {
    mount(status({ amount_usdt: "26.100001" }))
    await waitFor(() => expect(statusEl().getAttribute("data-status")).toBe("awaiting_payment"))
    expect(statusEl().textContent).toBe("Waiting for your payment")
    expect(byId("threepay-amount").textContent).toBe("26.100001 USDT")
    expect(byId("threepay-amount").getAttribute("aria-label")).toBe("26.100001 USDT on USDT on TRON (TRC20)")
    const warning = byId("threepay-warning")
    expect(warning.textContent).toContain("Send only USDT on the TRON network (TRC20).")
    expect(warning.textContent).toContain("cannot be recovered")
    expect(warning.textContent).toContain("Test network: Nile")
    // The warning sits right after the amount, in the same panel.
    expect(byId("threepay-amount").closest(".threepay-invoice")).toBe(warning.closest(".threepay-invoice"))
    expect(byId("threepay-address").textContent).toBe(TRON_ADDRESS)
    expect(byId("threepay-qr").getAttribute("src")).toBe(QR)
    expect(byId("threepay-qr").getAttribute("alt")).toBe("QR code of the payment page")
    const link = byId("threepay-pay-link")
    expect(link.getAttribute("href")).toBe("http://pay.example/s/TRC20")
    expect(link.getAttribute("rel")).toBe("noopener noreferrer")
    // Its name says where it goes and that a new tab opens (the arrow is decoration).
    expect(link.textContent).toBe("Open 3PAY payment page↗ (opens in a new tab)")
    expect(link.querySelector("[aria-hidden=true]")!.textContent).toBe("↗")
    expect(byId("threepay-countdown").textContent).toMatch(/(30:00|29:5\d)$/)
    expect(byId("threepay-network-TRC20").getAttribute("aria-checked")).toBe("true")
    expect(byId("threepay-network-ERC20").getAttribute("aria-checked")).toBe("false")
    expect(byId("threepay-payment").getAttribute("data-network")).toBe("TRC20")
    expect(byId("threepay-txhash-input")).toBeTruthy()
    expect(screen.queryByTestId("threepay-renew")).toBeNull()
    expect(screen.queryByTestId("threepay-error")).toBeNull()
    // Default styles are injected unless turned off.
    expect(document.querySelector("style[data-threepay-styles]")).not.toBeNull()
  })

  it("counts down to the expiry, then says the invoice expired, hides the QR code and offers a new invoice", async () => {
    jest.useFakeTimers({ now: new Date("2026-01-01T10:00:00Z") })
    mount(status({ expires_at: "2026-01-01T10:01:05.000Z" }), { unstyled: true })
    await act(async () => {
      await jest.advanceTimersByTimeAsync(0)
    })
    expect(byId("threepay-countdown").textContent).toBe("Time left to pay: 1:05")
    await act(async () => {
      await jest.advanceTimersByTimeAsync(5_000)
    })
    expect(byId("threepay-countdown").textContent).toBe("Time left to pay: 1:00")
    expect(screen.queryByTestId("threepay-renew")).toBeNull()
    await act(async () => {
      await jest.advanceTimersByTimeAsync(61_000)
    })
    expect(byId("threepay-countdown").textContent).toBe("Time left to pay: 0:00")
    expect(byId("threepay-countdown").getAttribute("data-expired")).toBe("true")
    expect(statusEl().getAttribute("data-status")).toBe("expired")
    expect(statusEl().textContent).toMatch(/expired/)
    expect(screen.queryByTestId("threepay-qr")).toBeNull()
    expect(screen.queryByTestId("threepay-pay-link")).toBeNull()
    expect(screen.queryByTestId("threepay-address")).toBeNull()
    expect(byId("threepay-renew").textContent).toBe("Get a new invoice")
    expect(document.querySelector("style[data-threepay-styles]")).toBeNull()
  })

  it("copies the amount and the address", async () => {
    const writeText = jest.fn(async (_t: string) => undefined)
    Object.defineProperty(navigator, "clipboard", { value: { writeText }, configurable: true })
    mount(status())
    await waitFor(() => byId("threepay-copy-amount"))
    await act(async () => {
      fireEvent.click(byId("threepay-copy-amount"))
    })
    expect(writeText).toHaveBeenLastCalledWith("26.1")
    expect(byId("threepay-copy-amount").textContent).toBe("Copied")
    expect(byId("threepay-copy-amount").getAttribute("aria-label")).toBe("Copy amount")
    await act(async () => {
      fireEvent.click(byId("threepay-copy-address"))
    })
    expect(writeText).toHaveBeenLastCalledWith(TRON_ADDRESS)
    expect(byId("threepay-copy-address").getAttribute("data-copied")).toBe("true")
  })

  it("confirming: the received amount and transaction link, no QR code, and the network locked", async () => {
    mount(
      status({
        status: "confirming",
        amount_received: "26.1",
        tx_hash: "b".repeat(64),
        tx_explorer_url: "https://nile.tronscan.org/#/transaction/bbb",
        qr: null,
      })
    )
    await waitFor(() => expect(statusEl().getAttribute("data-status")).toBe("confirming"))
    expect(statusEl().textContent).toBe("Payment detected, waiting for blockchain confirmations")
    expect(byId("threepay-tx-link").getAttribute("href")).toBe("https://nile.tronscan.org/#/transaction/bbb")
    expect(screen.queryByTestId("threepay-qr")).toBeNull()
    expect(screen.queryByTestId("threepay-pay-link")).toBeNull()
    expect(byId("threepay-address").textContent).toBe(TRON_ADDRESS)
    // Locked, but still in the tab order (aria-disabled keeps the focus where it is).
    expect(byId("threepay-network-ERC20").getAttribute("aria-disabled")).toBe("true")
    expect(byId("threepay-network-TRC20").getAttribute("tabindex")).toBe("0")
    expect(screen.getByText(/network can no longer be changed/)).toBeTruthy()
    expect(byId("threepay-warning")).toBeTruthy()
  })

  it("underpaid: says how much arrived and how much is missing, without offering a new invoice", async () => {
    mount(status({ status: "underpaid", amount_received: "24.6", amount_missing: "1.5", qr: null }))
    await waitFor(() => expect(statusEl().getAttribute("data-status")).toBe("underpaid"))
    expect(byId("threepay-missing").textContent).toContain("24.6 USDT arrived, 1.5 USDT is missing")
    expect(screen.queryByTestId("threepay-renew")).toBeNull()
    expect(screen.queryByTestId("threepay-txhash-input")).toBeNull()
  })

  it("expired and cancelled: no address or QR code, a new invoice on offer, and 'I have paid' still possible", async () => {
    for (const s of ["expired", "cancelled"] as const) {
      mount(status({ status: s, can_renew: true, qr: null }))
      await waitFor(() => expect(statusEl().getAttribute("data-status")).toBe(s))
      expect(statusEl().textContent).toMatch(/Do not send anything/)
      expect(screen.queryByTestId("threepay-qr")).toBeNull()
      expect(screen.queryByTestId("threepay-address")).toBeNull()
      expect(byId("threepay-renew")).toBeTruthy()
      expect(byId("threepay-txhash-submit")).toBeTruthy()
      cleanup()
    }
  })

  it("wrong network: tells the shopper to contact the store", async () => {
    mount(status({ status: "wrong_network", qr: null }))
    await waitFor(() => expect(statusEl().getAttribute("data-status")).toBe("wrong_network"))
    expect(statusEl().textContent).toMatch(/another network/)
    expect(screen.queryByTestId("threepay-renew")).toBeNull()
  })

  it("takes label overrides", async () => {
    mount(status(), {
      labels: { openPaymentPage: "Zur Zahlungsseite", statuses: { awaiting_payment: "Warte auf Zahlung" } },
    })
    await waitFor(() => expect(statusEl().textContent).toBe("Warte auf Zahlung"))
    expect(byId("threepay-pay-link").textContent).toContain("Zur Zahlungsseite")
  })
})
