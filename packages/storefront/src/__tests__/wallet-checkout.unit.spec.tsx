/** @jest-environment jsdom */
/**
 * The balance path of <ThreePayPayment> (issue #15): a guest sees the invoice
 * alone and no wallet request is made; a logged-in customer chooses between
 * an invoice and their balance, and no invoice is made before that choice;
 * the balance pays at once when it covers the cart, else the customer's own
 * address on the chosen network with what is missing, the QR code and "I
 * have sent it", polling until the backend made the order. And the account
 * view, <ThreePayWallet>.
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react"
import { ThreePayPayment, ThreePayWallet } from "../index"
import { CART_ID, ETH_ADDRESS, fakeBackend, fetchError, QR, status, TRON_ADDRESS, wallet, walletCheckout } from "./fixtures"

afterEach(() => {
  cleanup()
  jest.useRealTimers()
})

const byId = (id: string) => screen.getByTestId(id)
const root = () => byId("threepay-payment")

type Setup = (b: ReturnType<typeof fakeBackend>) => void

function mount(setup: Setup, props: Partial<Parameters<typeof ThreePayPayment>[0]> = {}) {
  const b = fakeBackend(fetchError(404, "This cart has no USDT payment yet."))
  setup(b)
  const onOrderPlaced = jest.fn()
  const onError = jest.fn()
  render(<ThreePayPayment sdk={b.sdk} cartId={CART_ID} onOrderPlaced={onOrderPlaced} onError={onError} pollIntervalMs={1000} {...props} />)
  return { ...b, onOrderPlaced, onError }
}

/** A logged-in customer with a wallet (10 USDT by default). */
const customer =
  (w = wallet()): Setup =>
  (b) => {
    b.state.customerHasAccount = true
    b.state.wallet = w
  }

const walletCalls = (b: ReturnType<typeof fakeBackend>) => b.fetch.mock.calls.map((c) => String(c[0])).filter((p) => p.startsWith("/store/3pay/wallet"))

describe("a guest", () => {
  it("sees the invoice alone: no wallet request, no choice, no error", async () => {
    const b = mount((x) => {
      x.initiatePaymentSession.mockImplementation(async () => {
        x.state.current = status()
        return {}
      })
    })
    await waitFor(() => expect(root().getAttribute("data-status")).toBe("awaiting_payment"))
    expect(walletCalls(b)).toEqual([])
    expect(screen.queryByTestId("threepay-methods")).toBeNull()
    expect(root().getAttribute("data-method")).toBe("invoice")
    expect(b.initiatePaymentSession.mock.calls[0][1]).toEqual({ provider_id: "pp_3pay_3pay", data: { network: "TRC20" } })
    expect(screen.queryByTestId("threepay-error")).toBeNull()
    expect(b.onError).not.toHaveBeenCalled()
  })

  it("whose session ended (the wallet answers 401) or in a store without wallets (400) gets the invoice too, with no error", async () => {
    for (const refusal of [fetchError(401, "Unauthorized"), fetchError(400, "This store does not offer USDT balances.")]) {
      const b = mount((x) => {
        x.state.customerHasAccount = true
        x.state.wallet = refusal
        x.initiatePaymentSession.mockImplementation(async () => {
          x.state.current = status()
          return {}
        })
      })
      await waitFor(() => expect(root().getAttribute("data-status")).toBe("awaiting_payment"))
      expect(walletCalls(b)).toEqual(["/store/3pay/wallet"])
      expect(screen.queryByTestId("threepay-methods")).toBeNull()
      expect(screen.queryByTestId("threepay-error")).toBeNull()
      expect(b.onError).not.toHaveBeenCalled()
      cleanup()
    }
  })

  it("wallet={false} never asks about a wallet, even for a customer with an account", async () => {
    const b = mount(customer(), { wallet: false })
    await waitFor(() => expect(b.initiatePaymentSession).toHaveBeenCalled())
    expect(walletCalls(b)).toEqual([])
  })
})

describe("a logged-in customer", () => {
  it("chooses how to pay before any invoice is made; the invoice option makes one on the chosen network", async () => {
    const b = mount(customer())
    await waitFor(() => expect(byId("threepay-methods")).toBeTruthy())
    expect(byId("threepay-method-wallet").textContent).toContain("10 USDT available")
    expect(byId("threepay-method-invoice").getAttribute("aria-checked")).toBe("false")
    expect(root().getAttribute("data-method")).toBe("none")
    expect(b.initiatePaymentSession).not.toHaveBeenCalled()
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.current = status({ network: "ERC20" })
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-network-ERC20"))
    })
    expect(b.initiatePaymentSession).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent.click(byId("threepay-method-invoice"))
    })
    await waitFor(() => expect(root().getAttribute("data-status")).toBe("awaiting_payment"))
    expect(b.initiatePaymentSession.mock.calls[0][1]).toEqual({ provider_id: "pp_3pay_3pay", data: { network: "ERC20" } })
    expect(byId("threepay-amount").textContent).toBe("26.1 USDT")
  })

  it("pays to their own address when the balance is short: address, explorer link, QR, what is missing, the warning, then 'I have sent it' until the order", async () => {
    const b = mount(customer())
    await waitFor(() => expect(byId("threepay-methods")).toBeTruthy())
    await act(async () => {
      fireEvent.click(byId("threepay-method-wallet"))
    })
    expect(byId("threepay-wallet-available").textContent).toBe("Available balance: 10 USDT")
    // Choosing the balance spends nothing yet: the shopper confirms with the button.
    expect(b.initiatePaymentSession).not.toHaveBeenCalled()
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.checkout = walletCheckout()
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-wallet-start"))
    })
    await waitFor(() => expect(byId("threepay-wallet-checkout").getAttribute("data-status")).toBe("waiting"))
    expect(b.initiatePaymentSession).toHaveBeenCalledWith({ id: CART_ID }, { provider_id: "pp_3pay_wallet", data: { network: "TRC20" } })
    // The addresses existed: no second creation.
    expect(b.routes.wallet.mock.calls.filter((c) => c[0]?.method === "POST")).toHaveLength(0)
    expect(root().getAttribute("data-method")).toBe("wallet")
    expect(root().getAttribute("data-status")).toBe("waiting")
    expect(byId("threepay-wallet-missing").textContent).toBe(
      "The order costs 26.1 USDT; your balance has 10 USDT, so 16.1 USDT is still needed. Send 16.1 USDT to your address below."
    )
    expect(byId("threepay-wallet-amount").textContent).toBe("16.1 USDT")
    expect(byId("threepay-wallet-address").textContent).toBe(TRON_ADDRESS)
    expect(byId("threepay-address-explorer").getAttribute("href")).toBe(`https://explorer.example/address/${TRON_ADDRESS}`)
    expect(byId("threepay-wallet-qr").getAttribute("src")).toBe(QR)
    expect(byId("threepay-qr-caption").textContent).toBe("The code holds the address only: enter the amount, 16.1 USDT, in your wallet yourself.")
    expect(byId("threepay-warning").textContent).toContain("Send only USDT on the TRON network (TRC20).")
    expect(byId("threepay-warning").textContent).toContain("Test network: Nile")
    expect(screen.getByText("Deposits below 1 USDT are not credited.")).toBeTruthy()
    expect(byId("threepay-announcer").textContent).toBe("Waiting for your deposit")
    // No invoice request on the balance path.
    expect(b.routes.status).not.toHaveBeenCalled()

    b.routes.walletCheck.mockImplementation(async () => {
      b.state.wallet = wallet({ balance: { available: "0", held: "26.1", total: "26.1" } })
      b.state.checkout = walletCheckout({ status: "paid", order_id: "order_w1", amount_missing: "0", amount_to_send: "0", qr: null })
      return { wallet: b.state.wallet }
    })
    await act(async () => {
      fireEvent.click(byId("threepay-wallet-sent"))
    })
    await waitFor(() => expect(b.onOrderPlaced).toHaveBeenCalledTimes(1))
    expect(b.onOrderPlaced).toHaveBeenCalledWith({ id: "order_w1" }, { via: "status" })
    expect(b.routes.walletCheck.mock.calls[0][0]).toMatchObject({ method: "POST" })
    expect(byId("threepay-payment").getAttribute("data-phase")).toBe("done")
    expect(byId("threepay-order-placed").textContent).toBe("Your order is placed.")
    // The backend made the order: the storefront never completes the cart itself.
    expect(b.complete).not.toHaveBeenCalled()
  })

  it("pays at once from a balance that covers the cart, with nothing to send", async () => {
    const b = mount(customer(wallet({ balance: { available: "50", held: "0", total: "50" } })))
    await waitFor(() => expect(byId("threepay-methods")).toBeTruthy())
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.checkout = walletCheckout({ status: "paid", order_id: "order_w2", balance_available: "23.9", amount_missing: "0", amount_to_send: "0", qr: null })
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-method-wallet"))
    })
    await act(async () => {
      fireEvent.click(byId("threepay-wallet-start"))
    })
    await waitFor(() => expect(b.onOrderPlaced).toHaveBeenCalledWith({ id: "order_w2" }, { via: "status" }))
    expect(byId("threepay-wallet-paid").textContent).toBe("26.1 USDT was taken from your balance.")
    expect(screen.queryByTestId("threepay-wallet-address")).toBeNull()
    expect(screen.queryByTestId("threepay-wallet-qr")).toBeNull()
    expect(screen.queryByTestId("threepay-wallet-sent")).toBeNull()
    expect(b.onOrderPlaced).toHaveBeenCalledTimes(1)
  })

  it("says so when the balance covers a cart that still waits its turn (one deposit settles one cart)", async () => {
    mount((b) => {
      customer()(b)
      b.state.checkout = walletCheckout({ balance_available: "33.9", amount_missing: "0", amount_to_send: "0", qr: null })
    })
    await waitFor(() => expect(byId("threepay-wallet-covered")).toBeTruthy())
    expect(byId("threepay-wallet-covered").textContent).toBe("Your balance (33.9 USDT) covers this order (26.1 USDT): nothing to send.")
    expect(screen.queryByTestId("threepay-wallet-address")).toBeNull()
    expect(byId("threepay-wallet-sent")).toBeTruthy()
  })

  it("makes the addresses on first use, then opens the balance payment on the network chosen", async () => {
    const b = mount(customer(wallet({ created: false, addresses: [], balance: { available: "0", held: "0", total: "0" } })))
    await waitFor(() => expect(byId("threepay-methods")).toBeTruthy())
    b.routes.wallet.mockImplementation(async (init) => {
      if (init?.method === "POST") b.state.wallet = wallet({ balance: { available: "0", held: "0", total: "0" } })
      return { wallet: b.state.wallet }
    })
    b.initiatePaymentSession.mockImplementation(async (_cart, body) => {
      b.state.checkout = walletCheckout({ network: body.data!.network as "ERC20", balance_available: "0", amount_missing: "26.1", amount_to_send: "26.1" })
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-method-wallet"))
    })
    await act(async () => {
      fireEvent.click(byId("threepay-network-ERC20"))
    })
    await act(async () => {
      fireEvent.click(byId("threepay-wallet-start"))
    })
    await waitFor(() => expect(byId("threepay-wallet-address").textContent).toBe(ETH_ADDRESS))
    const order = b.fetch.mock.calls.map((c) => `${c[1]?.method} ${c[0]}`)
    expect(order.indexOf("POST /store/3pay/wallet")).toBeGreaterThan(-1)
    expect(order.indexOf("POST /store/3pay/wallet")).toBeLessThan(order.indexOf("GET /store/3pay/wallet/checkout"))
    expect(b.initiatePaymentSession.mock.calls[0][1]).toEqual({ provider_id: "pp_3pay_wallet", data: { network: "ERC20" } })
    expect(byId("threepay-warning").textContent).toContain("Ethereum network (ERC20)")

    // Another network: the balance payment moves to it.
    await act(async () => {
      fireEvent.click(byId("threepay-network-TRC20"))
    })
    await waitFor(() => expect(byId("threepay-wallet-address").textContent).toBe(TRON_ADDRESS))
    expect(b.initiatePaymentSession.mock.calls[1][1]).toEqual({ provider_id: "pp_3pay_wallet", data: { network: "TRC20" } })
  })

  it("comes back to a cart already paying from the balance: no invoice, polling until the deposit made the order", async () => {
    const b = mount((x) => {
      customer()(x)
      x.state.checkout = walletCheckout()
    })
    await waitFor(() => expect(byId("threepay-wallet-checkout")).toBeTruthy())
    expect(byId("threepay-method-wallet").getAttribute("aria-checked")).toBe("true")
    expect(b.initiatePaymentSession).not.toHaveBeenCalled()
    b.state.checkout = walletCheckout({ status: "paid", order_id: "order_w3", amount_missing: "0", amount_to_send: "0", qr: null })
    await waitFor(() => expect(b.onOrderPlaced).toHaveBeenCalledWith({ id: "order_w3" }, { via: "status" }), { timeout: 3000 })
    expect(b.routes.status).not.toHaveBeenCalled()
  })

  it("goes back to an invoice from the balance: the invoice replaces the balance payment", async () => {
    const b = mount((x) => {
      customer()(x)
      x.state.checkout = walletCheckout()
    })
    await waitFor(() => expect(byId("threepay-wallet-checkout")).toBeTruthy())
    b.initiatePaymentSession.mockImplementation(async () => {
      b.state.current = status()
      b.state.checkout = fetchError(404)
      return {}
    })
    await act(async () => {
      fireEvent.click(byId("threepay-method-invoice"))
    })
    await waitFor(() => expect(root().getAttribute("data-status")).toBe("awaiting_payment"))
    expect(b.initiatePaymentSession.mock.calls[0][1]).toEqual({ provider_id: "pp_3pay_3pay", data: { network: "TRC20" } })
    expect(screen.queryByTestId("threepay-wallet-checkout")).toBeNull()
  })

  it("shows the backend's refusal of the balance payment (e.g. an invoice of the cart already received money)", async () => {
    const b = mount(customer())
    await waitFor(() => expect(byId("threepay-methods")).toBeTruthy())
    b.initiatePaymentSession.mockRejectedValue(fetchError(409, "A payment of this cart is already in progress."))
    await act(async () => {
      fireEvent.click(byId("threepay-method-wallet"))
    })
    await act(async () => {
      fireEvent.click(byId("threepay-wallet-start"))
    })
    await waitFor(() => expect(byId("threepay-error").textContent).toBe("A payment of this cart is already in progress."))
    expect(b.onError).toHaveBeenCalledWith(expect.objectContaining({ action: "wallet_start", status: 409 }))
  })
})

describe("<ThreePayWallet> (the account view)", () => {
  it("shows the balance, each address with copy, explorer link and QR, and the entries with their transaction and order", async () => {
    const b = fakeBackend(status())
    b.state.wallet = wallet({
      balance: { available: "3.9", held: "26.1", total: "30" },
      entries: [
        { id: "e3", kind: "hold", amount: "26.1", change: "-26.1", network: null, tx_hash: null, tx_explorer_url: null, order_id: null, cart_id: CART_ID, reason: "order", available_after: "3.9", created_at: "2026-01-01T10:05:00.000Z" },
        { id: "e2", kind: "debit", amount: "10", change: "0", network: null, tx_hash: null, tx_explorer_url: null, order_id: "order_01", cart_id: "cart_00", reason: "order", available_after: "30", created_at: "2026-01-01T10:01:00.000Z" },
        { id: "e1", kind: "deposit", amount: "40", change: "+40", network: "TRC20", tx_hash: "ab".repeat(32), tx_explorer_url: "https://nile.tronscan.org/#/transaction/x", order_id: null, cart_id: null, reason: "deposit", available_after: "40", created_at: "2026-01-01T10:00:00.000Z" },
      ],
    })
    render(<ThreePayWallet sdk={b.sdk} orderHref={(id) => `/account/orders/${id}`} />)
    await waitFor(() => expect(byId("threepay-wallet").getAttribute("data-phase")).toBe("ready"))
    expect(byId("threepay-wallet-available").textContent).toBe("3.9 USDT")
    expect(byId("threepay-wallet-held").textContent).toBe("26.1 USDT")
    expect(byId("threepay-address-TRC20").textContent).toBe(TRON_ADDRESS)
    expect(byId("threepay-address-ERC20").textContent).toBe(ETH_ADDRESS)
    expect(byId("threepay-copy-address-ERC20")).toBeTruthy()
    expect(byId("threepay-qr-TRC20").getAttribute("alt")).toBe("QR code of the deposit address on USDT on TRON (TRC20)")
    const explorers = screen.getAllByTestId("threepay-address-explorer").map((a) => a.getAttribute("href"))
    expect(explorers).toEqual([`https://nile.tronscan.org/#/address/${TRON_ADDRESS}`, `https://sepolia.etherscan.io/address/${ETH_ADDRESS}`])
    const entries = screen.getAllByTestId("threepay-wallet-entry")
    expect(entries.map((e) => e.getAttribute("data-kind"))).toEqual(["hold", "debit", "deposit"])
    expect(entries[2].textContent).toContain("Deposit +40 USDT (TRC20)")
    expect(byId("threepay-wallet-entry-tx").getAttribute("href")).toBe("https://nile.tronscan.org/#/transaction/x")
    expect(byId("threepay-wallet-entry-order").getAttribute("href")).toBe("/account/orders/order_01")
    expect(entries[1].textContent).toContain("Paid an order 10 USDT")
    // The database only: one read, no re-check at 3PAY, no address made.
    expect(b.fetch.mock.calls.map((c) => `${c[1]?.method} ${c[0]}`)).toEqual(["GET /store/3pay/wallet"])
  })

  it("offers to make the addresses when there are none, and says so to a guest", async () => {
    const b = fakeBackend(status())
    b.state.wallet = wallet({ created: false, addresses: [], balance: { available: "0", held: "0", total: "0" } })
    b.routes.wallet.mockImplementation(async (init) => {
      if (init?.method === "POST") b.state.wallet = wallet({ balance: { available: "0", held: "0", total: "0" } })
      return { wallet: b.state.wallet }
    })
    render(<ThreePayWallet sdk={b.sdk} />)
    await waitFor(() => expect(byId("threepay-wallet-create")).toBeTruthy())
    expect(screen.getByText("Nothing yet.")).toBeTruthy()
    await act(async () => {
      fireEvent.click(byId("threepay-wallet-create"))
    })
    await waitFor(() => expect(byId("threepay-address-TRC20").textContent).toBe(TRON_ADDRESS))
    cleanup()

    const guest = fakeBackend(status())
    render(<ThreePayWallet sdk={guest.sdk} />)
    await waitFor(() => expect(byId("threepay-wallet").getAttribute("data-phase")).toBe("login"))
    expect(screen.getByText("Log in to see your USDT balance.")).toBeTruthy()
    expect(screen.queryByRole("alert")).toBeNull()
  })
})
