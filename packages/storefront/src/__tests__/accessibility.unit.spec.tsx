/** @jest-environment jsdom */
/**
 * What a shopper on a keyboard or a screen reader gets, and what the
 * component asks of the backend before it has anything to show: no status
 * request before the cart has a USDT session; the network choice as a radio
 * group that keeps the focus while the invoice changes; one live region that
 * says each new state; a QR code whose caption says whether the amount is in
 * it; the network choice alone (<ThreePayNetworkSelect>) for checkouts that
 * create the session themselves. (How it looks inside a real storefront is
 * checked in Chromium: integration-tests/starter.)
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react"
import { useState } from "react"
import { DEFAULT_CSS, ThreePayNetworkSelect, ThreePayPayment, type ThreePayNetwork } from "../index"
import { CART_ID, ETH_ADDRESS, fakeBackend, fetchError, QR, status, wallet, walletCheckout } from "./fixtures"

afterEach(() => cleanup())

const byId = (id: string) => screen.getByTestId(id)
const phase = () => byId("threepay-payment").getAttribute("data-phase")

function mount(initial: ReturnType<typeof status> | Error, props: Partial<Parameters<typeof ThreePayPayment>[0]> = {}) {
  const b = fakeBackend(initial)
  const onOrderPlaced = jest.fn()
  render(<ThreePayPayment sdk={b.sdk} cartId={CART_ID} onOrderPlaced={onOrderPlaced} pollIntervalMs={60_000} {...props} />)
  return { ...b, onOrderPlaced }
}

/** The paths the component fetched, in order, with what Medusa's own js-sdk methods did in between. */
function callOrder(b: ReturnType<typeof fakeBackend>): string[] {
  const calls = [
    ...b.fetch.mock.calls.map((c, i) => ({ at: b.fetch.mock.invocationCallOrder[i], what: String(c[0]) })),
    ...b.retrieve.mock.calls.map((_, i) => ({ at: b.retrieve.mock.invocationCallOrder[i], what: "cart.retrieve" })),
    ...b.initiatePaymentSession.mock.calls.map((_, i) => ({ at: b.initiatePaymentSession.mock.invocationCallOrder[i], what: "initiatePaymentSession" })),
  ]
  return calls.sort((x, y) => x.at - y.at).map((c) => c.what)
}

describe("no request before a session exists", () => {
  it("reads the cart first and creates the session before it asks for any status", async () => {
    const b = mount(fetchError(404, "This cart has no USDT payment yet."))
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.current = status()
      return {}
    })
    await waitFor(() => expect(phase()).toBe("ready"))
    const order = callOrder(b)
    expect(order.indexOf("/store/3pay/payment-status")).toBeGreaterThan(order.indexOf("initiatePaymentSession"))
    expect(order.filter((c) => c === "/store/3pay/payment-status")).toHaveLength(1)
    // The cart's fields asked for: its payment collection and sessions, and its customer (has an account?), nothing more.
    expect(b.retrieve).toHaveBeenCalledWith(CART_ID, { fields: "id,payment_collection.id,*payment_collection.payment_sessions,*customer" })
    // No 404 was ever produced on the way.
    expect(b.routes.status.mock.results.every((r) => r.type === "return")).toBe(true)
  })

  it("asks for nothing but the cart and the settings when it must not create the session", async () => {
    const b = mount(fetchError(404), { autoCreateSession: false })
    await waitFor(() => expect(phase()).toBe("missing"))
    expect(b.routes.status).not.toHaveBeenCalled()
    expect(callOrder(b).sort()).toEqual(["/store/3pay/config", "cart.retrieve"])
  })

  it("with a session on the cart, goes straight to its status", async () => {
    const b = mount(status({ network: "ERC20" }))
    await waitFor(() => expect(phase()).toBe("ready"))
    expect(b.initiatePaymentSession).not.toHaveBeenCalled()
    expect(b.routes.status).toHaveBeenCalledTimes(1)
  })
})

describe("keyboard and screen readers", () => {
  it("moves through the networks with the arrow keys, keeps the focus while the invoice changes, and announces each state once", async () => {
    const b = mount(status())
    await waitFor(() => expect(phase()).toBe("ready"))
    const trc = byId("threepay-network-TRC20")
    const erc = byId("threepay-network-ERC20")
    // One tab stop for the group: the chosen network.
    expect([trc.getAttribute("tabindex"), erc.getAttribute("tabindex")]).toEqual(["0", "-1"])
    expect(erc.closest("[role=radiogroup]")!.getAttribute("aria-labelledby")).toBe(screen.getByText(/Choose the network/).id)
    expect(byId("threepay-announcer").textContent).toBe("Waiting for your payment")

    let release: () => void = () => {}
    b.initiatePaymentSession.mockImplementation(
      () =>
        new Promise((resolve) => {
          release = () => {
            b.state.current = status({ network: "ERC20" })
            resolve({})
          }
        })
    )
    trc.focus()
    await act(async () => {
      fireEvent.keyDown(trc, { key: "ArrowRight" })
    })
    // Focus followed the arrow; the choice is being prepared and the group says so without dropping the focus.
    expect(document.activeElement).toBe(erc)
    await waitFor(() => expect(phase()).toBe("switching"))
    expect(erc.getAttribute("aria-disabled")).toBe("true")
    expect(erc.hasAttribute("disabled")).toBe(false)
    expect(byId("threepay-announcer").textContent).toBe("Preparing an invoice on this network…")
    // A second arrow while busy moves the focus but asks for nothing.
    await act(async () => {
      fireEvent.keyDown(erc, { key: "ArrowLeft" })
    })
    expect(document.activeElement).toBe(trc)
    expect(b.initiatePaymentSession).toHaveBeenCalledTimes(1)

    await act(async () => release())
    await waitFor(() => expect(phase()).toBe("ready"))
    expect(b.initiatePaymentSession.mock.calls[0][1]).toEqual({ provider_id: "pp_3pay_3pay", data: { network: "ERC20" } })
    expect(erc.getAttribute("aria-checked")).toBe("true")
    expect([trc.getAttribute("tabindex"), erc.getAttribute("tabindex")]).toEqual(["-1", "0"])
    expect(byId("threepay-announcer").getAttribute("aria-live")).toBe("polite")
    expect(byId("threepay-announcer").textContent).toBe("Waiting for your payment")
    // Only the announcer is a polite live region for the status (no double announcements).
    expect(document.querySelectorAll('[aria-live="polite"][role="status"]')).toHaveLength(1)
  })

  it("labels every control: the radios by their network, the copy buttons and the transaction-hash field by name", async () => {
    mount(status())
    await waitFor(() => expect(phase()).toBe("ready"))
    const controls = Array.from(document.querySelectorAll("button, input, a")) as HTMLElement[]
    expect(controls.length).toBeGreaterThan(5)
    for (const el of controls) {
      const id = el.getAttribute("id")
      const labelled = el.getAttribute("aria-label") || el.textContent?.trim() || (id && document.querySelector(`label[for="${id}"]`)?.textContent)
      expect([el.outerHTML.slice(0, 80), !!labelled]).toEqual([el.outerHTML.slice(0, 80), true])
    }
  })
})

describe("the QR code says what it holds", () => {
  it("an EIP-681 code: the amount is in it, the caption says so and asks to check it", async () => {
    const uri = `ethereum:0xdAC17F958D2ee523a2206206994597C13D831ec7@1/transfer?address=${ETH_ADDRESS}&uint256=26100000`
    mount(status({ network: "ERC20", qr: { kind: "eip681", text: uri, data_url: QR } }))
    await waitFor(() => expect(phase()).toBe("ready"))
    expect(byId("threepay-qr").getAttribute("data-kind")).toBe("eip681")
    expect(byId("threepay-qr").getAttribute("alt")).toBe("QR code for your wallet: 26.1 USDT on USDT on Ethereum (ERC20) to the deposit address")
    expect(byId("threepay-qr-caption").textContent).toContain("includes the amount (26.1 USDT)")
  })

  it("an address code: the caption gives the amount to type in", async () => {
    mount(status({ qr: { kind: "address", text: "T…", data_url: QR } }))
    await waitFor(() => expect(phase()).toBe("ready"))
    expect(byId("threepay-qr").getAttribute("alt")).toBe("QR code of the deposit address on USDT on TRON (TRC20)")
    expect(byId("threepay-qr-caption").textContent).toBe("The code holds the address only: enter the amount, 26.1 USDT, in your wallet yourself.")
  })
})

describe("the balance option (logged-in customers)", () => {
  it("is a radio group like the networks: arrow keys move and choose, and it keeps the focus", async () => {
    const b = fakeBackend(fetchError(404))
    b.state.customerHasAccount = true
    b.state.wallet = wallet()
    render(<ThreePayPayment sdk={b.sdk} cartId={CART_ID} onOrderPlaced={jest.fn()} pollIntervalMs={60_000} />)
    await waitFor(() => expect(byId("threepay-methods")).toBeTruthy())
    const invoice = byId("threepay-method-invoice")
    const balance = byId("threepay-method-wallet")
    expect(invoice.closest("[role=radiogroup]")!.getAttribute("aria-labelledby")).toBe(screen.getByText("How do you want to pay?").id)
    expect([invoice.getAttribute("role"), balance.getAttribute("role")]).toEqual(["radio", "radio"])
    // Nothing chosen yet: the first option is the tab stop.
    expect([invoice.getAttribute("tabindex"), balance.getAttribute("tabindex")]).toEqual(["0", "-1"])
    invoice.focus()
    await act(async () => {
      fireEvent.keyDown(invoice, { key: "ArrowDown" })
    })
    expect(document.activeElement).toBe(balance)
    expect(balance.getAttribute("aria-checked")).toBe("true")
    expect(b.initiatePaymentSession).not.toHaveBeenCalled()
  })

  it("labels every control of the balance payment, says its state once in the live region, and its explorer link says it opens a new tab", async () => {
    const b = fakeBackend(fetchError(404))
    b.state.customerHasAccount = true
    b.state.wallet = wallet()
    b.state.checkout = walletCheckout()
    render(<ThreePayPayment sdk={b.sdk} cartId={CART_ID} onOrderPlaced={jest.fn()} pollIntervalMs={60_000} />)
    await waitFor(() => expect(byId("threepay-wallet-checkout")).toBeTruthy())
    const controls = Array.from(document.querySelectorAll("button, input, a")) as HTMLElement[]
    expect(controls.length).toBeGreaterThan(5)
    for (const el of controls) expect([el.outerHTML.slice(0, 80), !!(el.getAttribute("aria-label") || el.textContent?.trim())]).toEqual([el.outerHTML.slice(0, 80), true])
    expect(byId("threepay-address-explorer").textContent).toBe("View on the explorer (opens in a new tab)")
    expect(byId("threepay-address-explorer").getAttribute("rel")).toBe("noopener noreferrer")
    expect(byId("threepay-wallet-qr").getAttribute("alt")).toBe("QR code of the deposit address on USDT on TRON (TRC20)")
    expect(byId("threepay-announcer").textContent).toBe("Waiting for your deposit")
    expect(document.querySelectorAll('[aria-live="polite"][role="status"]')).toHaveLength(1)
  })
})

describe("<ThreePayNetworkSelect>", () => {
  function Harness({ sdk, onChange }: { sdk: ReturnType<typeof fakeBackend>["sdk"]; onChange: (n: ThreePayNetwork) => void }) {
    const [value, setValue] = useState<ThreePayNetwork | undefined>(undefined)
    return (
      <ThreePayNetworkSelect
        sdk={sdk}
        value={value}
        onChange={(n) => {
          setValue(n)
          onChange(n)
        }}
      />
    )
  }

  it("shows the store's networks, reports the default once loaded, and follows clicks and arrow keys", async () => {
    const b = fakeBackend(status())
    const onChange = jest.fn()
    render(<Harness sdk={b.sdk} onChange={onChange} />)
    await waitFor(() => expect(onChange).toHaveBeenCalledWith("TRC20"))
    expect(byId("threepay-network-TRC20").getAttribute("aria-checked")).toBe("true")
    // Only the settings were read: no cart, no session, no status.
    expect(b.fetch.mock.calls.map((c) => c[0])).toEqual(["/store/3pay/config"])
    await act(async () => {
      fireEvent.keyDown(byId("threepay-network-TRC20"), { key: "End" })
    })
    expect(onChange).toHaveBeenLastCalledWith("ERC20")
    expect(byId("threepay-network-ERC20").getAttribute("aria-checked")).toBe("true")
    expect(document.activeElement).toBe(byId("threepay-network-ERC20"))
    await act(async () => {
      fireEvent.click(byId("threepay-network-TRC20"))
    })
    expect(onChange).toHaveBeenLastCalledWith("TRC20")
    expect(byId("threepay-network-select").className).toBe("threepay threepay-network-select")
  })

  it("says so when the store cannot be reached", async () => {
    const b = fakeBackend(status())
    b.routes.config.mockRejectedValue(new TypeError("Failed to fetch"))
    render(<ThreePayNetworkSelect sdk={b.sdk} value={undefined} onChange={() => {}} />)
    await waitFor(() => expect(screen.getByRole("alert").textContent).toMatch(/could not be reached/))
  })
})

describe("default styles", () => {
  it("scope every rule under .threepay with a class or element after it, so element-level resets (Tailwind's preflight) cannot win", () => {
    const selectors = DEFAULT_CSS.split("}")
      .map((r) => r.split("{")[0].trim())
      .filter(Boolean)
      .flatMap((s) => s.split(/,(?![^(]*\))/).map((x) => x.trim()))
    expect(selectors.length).toBeGreaterThan(30)
    for (const s of selectors) expect([s, /^\.threepay(\s|$)/.test(s)]).toEqual([s, true])
    expect(DEFAULT_CSS).not.toContain(":where(")
    // Themeable: colours and radius come from CSS variables with defaults.
    for (const v of ["--threepay-accent", "--threepay-on-accent", "--threepay-focus", "--threepay-link", "--threepay-radius"]) expect(DEFAULT_CSS).toContain(`var(${v},`)
  })
})
