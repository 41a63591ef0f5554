/**
 * A fake of our own store API as the component sees it through the js-sdk:
 * jest functions returning payloads shaped like the real routes' answers,
 * and js-sdk-like `FetchError`s (status + message) for refusals.
 */
import type { ThreePayWallet, ThreePayWalletCheckout } from "medusa-payment-3pay-client/store-api"
import type { ThreePayPaymentStatus, ThreePaySdk, ThreePayStoreConfig } from "../types"

export const CART_ID = "cart_01TEST"

export const CONFIG: ThreePayStoreConfig = {
  provider_id: "pp_3pay_3pay",
  environment: "sandbox",
  flow: "pay_first",
  default_network: "TRC20",
  invoice_timer_minutes: 30,
  wrong_network_warning:
    "Send USDT only on the network shown. A payment sent on another network or in another token cannot be recovered.",
  networks: [
    {
      network: "TRC20",
      currency_type: "USDT-TRC20",
      label: "USDT on TRON (TRC20)",
      chain: "TRON",
      token: "USDT",
      decimals: 6,
      contract_address: null,
      testnet: "Nile",
      explorer: { name: "Tronscan (Nile)", url: "https://nile.tronscan.org" },
      address_hint: "starts with T, 34 characters",
    },
    {
      network: "ERC20",
      currency_type: "USDT-ERC20",
      label: "USDT on Ethereum (ERC20)",
      chain: "Ethereum",
      token: "USDT",
      decimals: 6,
      contract_address: null,
      testnet: "Sepolia",
      explorer: { name: "Etherscan (Sepolia)", url: "https://sepolia.etherscan.io" },
      address_hint: "starts with 0x, 42 characters",
    },
  ],
}

export const TRON_ADDRESS = "TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk"
export const ETH_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
export const TRON_HASH = "a".repeat(63) + "1"
export const QR = "data:image/png;base64,iVBORw0KGgo="

let counter = 0

/** A status payload; each call gets its own ETag, like a changed answer would. */
export function status(over: Partial<ThreePayPaymentStatus> = {}): ThreePayPaymentStatus {
  const network = over.network ?? "TRC20"
  const base: ThreePayPaymentStatus = {
    cart_id: CART_ID,
    payment_collection_id: "pay_col_01",
    session_id: "payses_01",
    transaction_id: `tx-${network}`,
    invoice_no: "INV-1",
    status: "awaiting_payment",
    status_label: "Awaiting payment",
    network,
    network_label: network === "TRC20" ? "USDT on TRON (TRC20)" : "USDT on Ethereum (ERC20)",
    chain: network === "TRC20" ? "TRON" : "Ethereum",
    token: "USDT",
    currency_type: `USDT-${network}`,
    kind: "checkout",
    amount_usdt: "26.1",
    amount_due: "26.1",
    amount_received: "0",
    amount_missing: "26.1",
    amount_excess: "0",
    payments: [],
    payment_url: `http://pay.example/s/${network}`,
    wallet_address: network === "TRC20" ? TRON_ADDRESS : ETH_ADDRESS,
    address_explorer_url: "https://nile.tronscan.org/#/address/x",
    expires_at: new Date(Date.now() + 30 * 60_000).toISOString(),
    tx_hash: null,
    tx_explorer_url: null,
    paid_at: null,
    late: false,
    can_top_up: false,
    order_id: null,
    can_renew: false,
    qr: { kind: "payment_url", text: `http://pay.example/s/${network}`, data_url: QR },
    environment: "sandbox",
    etag: "",
  }
  return { ...base, ...over, etag: `"e${++counter}"` }
}

/** A customer's wallet as GET /store/3pay/wallet answers it. */
export function wallet(over: Partial<ThreePayWallet> = {}): ThreePayWallet {
  return {
    created: true,
    addresses: [
      { network: "TRC20", network_label: "USDT on TRON (TRC20)", address: TRON_ADDRESS, address_explorer_url: `https://nile.tronscan.org/#/address/${TRON_ADDRESS}`, qr: { kind: "address", text: TRON_ADDRESS, data_url: QR } },
      { network: "ERC20", network_label: "USDT on Ethereum (ERC20)", address: ETH_ADDRESS, address_explorer_url: `https://sepolia.etherscan.io/address/${ETH_ADDRESS}`, qr: { kind: "address", text: ETH_ADDRESS, data_url: QR } },
    ],
    balance: { available: "10", held: "0", total: "10" },
    entries: [],
    min_deposit: "1",
    checked_at: null,
    environment: "sandbox",
    ...over,
  }
}

/** A cart paying from the balance as GET /store/3pay/wallet/checkout answers it (waiting for 16.1 of 26.1 by default). */
export function walletCheckout(over: Partial<ThreePayWalletCheckout> = {}): ThreePayWalletCheckout {
  const network = over.network ?? "TRC20"
  const address = network === "TRC20" ? TRON_ADDRESS : ETH_ADDRESS
  return {
    cart_id: CART_ID,
    payment_collection_id: "pay_col_01",
    session_id: "payses_w1",
    status: "waiting",
    network,
    network_label: network === "TRC20" ? "USDT on TRON (TRC20)" : "USDT on Ethereum (ERC20)",
    address,
    address_explorer_url: `https://explorer.example/address/${address}`,
    amount_due: "26.1",
    balance_available: "10",
    amount_missing: "16.1",
    amount_to_send: "16.1",
    min_deposit: "1",
    order_id: null,
    paid_at: null,
    entries: [],
    qr: { kind: "address", text: address, data_url: QR },
    environment: "sandbox",
    ...over,
  }
}

export function fetchError(status: number, message = `HTTP ${status}`) {
  return Object.assign(new Error(message), { status, statusText: "" })
}

type Handler = (init?: { method?: string; query?: Record<string, string>; body?: Record<string, unknown>; headers?: Record<string, string> }) => Promise<unknown>

/**
 * The fake backend. `current` is what the status route answers (a payload,
 * or an error to throw); it answers 304 when the caller's If-None-Match is
 * the current ETag, like the real route.
 */
export function fakeBackend(initial: ThreePayPaymentStatus | Error) {
  const state = {
    current: initial as ThreePayPaymentStatus | Error,
    /** The cart's customer: a guest unless a test logs one in. */
    customerHasAccount: false,
    /** What the wallet routes answer: a guest is refused (401). */
    wallet: fetchError(401, "Unauthorized") as ThreePayWallet | Error,
    /** The cart's balance payment (404 until it chose the balance). */
    checkout: fetchError(404, "This cart has no USDT balance payment in your account.") as ThreePayWalletCheckout | Error,
  }
  const answer = (key: "wallet" | "checkout") => async () => {
    const v = state[key]
    if (v instanceof Error) throw v
    return key === "wallet" ? { wallet: v } : { checkout: v }
  }
  const routes = {
    config: jest.fn<Promise<unknown>, Parameters<Handler>>(async () => ({ config: CONFIG })),
    status: jest.fn<Promise<unknown>, Parameters<Handler>>(async (init) => {
      const c = state.current
      if (c instanceof Error) throw c
      if (init?.headers?.["If-None-Match"] === c.etag) throw fetchError(304, "Not Modified")
      return { payment: c }
    }),
    check: jest.fn<Promise<unknown>, Parameters<Handler>>(),
    renew: jest.fn<Promise<unknown>, Parameters<Handler>>(),
    wallet: jest.fn<Promise<unknown>, Parameters<Handler>>(answer("wallet")),
    walletCheck: jest.fn<Promise<unknown>, Parameters<Handler>>(answer("wallet")),
    walletCheckout: jest.fn<Promise<unknown>, Parameters<Handler>>(answer("checkout")),
  }
  const paths: Record<string, keyof typeof routes> = {
    "/store/3pay/config": "config",
    "/store/3pay/payment-status": "status",
    "/store/3pay/payment-status/check": "check",
    "/store/3pay/renew": "renew",
    "/store/3pay/wallet": "wallet",
    "/store/3pay/wallet/check": "walletCheck",
    "/store/3pay/wallet/checkout": "walletCheckout",
  }
  const fetch = jest.fn(async (path: string, init?: Parameters<Handler>[0]) => {
    const route = paths[path]
    if (!route) throw fetchError(404, `no route ${path}`)
    return routes[route](init)
  })
  const initiatePaymentSession = jest.fn(async (_cart: { id: string }, _body: { provider_id: string; data?: Record<string, unknown> }) => ({}))
  const complete = jest.fn(async (_id: string): Promise<unknown> => ({ type: "order", order: { id: "order_01", display_id: 7 } }))
  // Medusa's cart route: a 3PAY session exists exactly when the status route has an invoice to show (or the
  // balance checkout route has a balance payment).
  const retrieve = jest.fn(async (id: string, _query?: { fields?: string }): Promise<unknown> => {
    const c = state.current
    const has = !(c instanceof Error && (c as { status?: number }).status === 404)
    const onWallet = !(state.checkout instanceof Error)
    const sessions = [
      ...(has ? [{ id: "payses_01", provider_id: "pp_3pay_3pay", status: "pending" }] : []),
      ...(onWallet ? [{ id: "payses_w1", provider_id: "pp_3pay_wallet", status: "pending" }] : []),
    ]
    return {
      cart: {
        id,
        customer: { id: "cus_01", has_account: state.customerHasAccount },
        payment_collection: sessions.length ? { id: "pay_col_01", payment_sessions: sessions } : null,
      },
    }
  })
  const sdk: ThreePaySdk = {
    client: { fetch: fetch as unknown as ThreePaySdk["client"]["fetch"] },
    store: { payment: { initiatePaymentSession }, cart: { retrieve, complete } },
  }
  return { sdk, state, routes, fetch, initiatePaymentSession, retrieve, complete }
}
