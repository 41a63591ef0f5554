/**
 * Every text the component shows, in English. Pass `labels` to translate or
 * reword any of them; amounts are passed in as exact decimal strings.
 */
import type { ThreePayWalletCheckout, ThreePayWalletEntry, WireStatus } from "medusa-payment-3pay-client/store-api"

export type ThreePayLabels = {
  title: string
  loading: string
  chooseNetwork: string
  switchingNetwork: string
  networkLocked: string
  amountToSend: string
  /** "15.55 USDT on TRON (TRC20)". */
  amountOn: (amount: string, token: string, networkLabel: string) => string
  /** Shown above the store's own wrong-network warning. */
  sendOnlyOn: (token: string, chain: string, network: string) => string
  address: string
  addressHint: (hint: string) => string
  copy: string
  copied: string
  copyAmount: string
  copyAddress: string
  /** Alt text of a QR code of 3PAY's page (sent by backends before 0.2). */
  qrAlt: string
  /** Alt text of an EIP-681 code (ERC20): a transfer with the amount. */
  qrAltTransfer: (amount: string, token: string, networkLabel: string) => string
  /** Alt text of a code that holds the deposit address alone. */
  qrAltAddress: (networkLabel: string) => string
  /** Beside an EIP-681 code. */
  qrWithAmount: (amount: string, token: string) => string
  /** Beside an address-only code: the amount is not in it. */
  qrAddressOnly: (amount: string, token: string) => string
  openPaymentPage: string
  /** Read by screen readers after a link that opens a new tab. */
  opensInNewTab: string
  expiresIn: string
  expiredByClock: string
  statuses: Record<WireStatus, string>
  underpaid: (received: string, missing: string, token: string) => string
  /** After a partial payment: what arrived, what is missing, on which network. */
  partlyPaid: (received: string, due: string, missing: string, token: string, networkLabel: string) => string
  /** The button that asks for an invoice for exactly what is missing. */
  payRest: (missing: string, token: string) => string
  /** Shown with a top-up invoice. */
  topUpNotice: (received: string, due: string, token: string) => string
  overpaid: (excess: string, token: string) => string
  viewTransaction: string
  placingOrder: string
  orderPlaced: string
  completeFailed: string
  iHavePaid: string
  txHashLabel: string
  txHashHelp: (chain: string) => string
  txHashSubmit: string
  txHashChecking: string
  renew: string
  renewing: string
  connectionProblem: string
  unreachable: string
  /** The store's USDT checkout is at capacity for a moment: the component retries on its own. */
  busyRetrying: (seconds: number) => string
  testnet: (name: string) => string
  /** The explorer link beside an address. */
  viewAddress: string

  // ---- the customer's USDT balance and addresses (logged-in customers; README "Customer wallets")
  /** The choice between a one-time invoice and the customer's balance. */
  chooseMethod: string
  methodInvoice: string
  methodWallet: string
  /** Beside the balance option: what is available now. */
  walletAvailable: (available: string) => string
  /** What choosing the balance does, before anything happens. */
  walletIntro: string
  /** The button that opens the balance payment (pays at once when the balance covers the order). */
  walletStart: string
  walletStarting: string
  walletYourAddress: string
  walletStatuses: Record<ThreePayWalletCheckout["status"], string>
  /** The balance covers the order: nothing to send. */
  walletCovered: (due: string, available: string) => string
  /** What is still needed, and what to send (at least the minimum deposit). */
  walletMissing: (due: string, available: string, missing: string, toSend: string) => string
  walletAmountToSend: string
  /** Deposits below the store's minimum are not credited. */
  walletMinDeposit: (min: string) => string
  walletKeepsAddress: string
  walletSent: string
  walletChecking: string
  walletChecked: string
  walletPaid: (due: string) => string
  // ---- the account view
  walletTitle: string
  walletBalance: string
  walletHeld: string
  walletAddresses: string
  walletCreate: string
  walletCreating: string
  walletNoAddresses: string
  walletEntries: string
  walletNoEntries: string
  walletEntryKinds: Record<ThreePayWalletEntry["kind"], string>
  walletOrder: (orderId: string) => string
  walletLogin: string
  walletDisabled: string
}

export const DEFAULT_LABELS: ThreePayLabels = {
  title: "Pay with USDT",
  loading: "Preparing your USDT payment…",
  chooseNetwork: "Choose the network you will send USDT on",
  switchingNetwork: "Preparing an invoice on this network…",
  networkLocked: "A payment was detected: the network can no longer be changed.",
  amountToSend: "Amount to send",
  amountOn: (amount, token, networkLabel) => `${amount} ${token} on ${networkLabel}`,
  sendOnlyOn: (token, chain, network) => `Send only ${token} on the ${chain} network (${network}).`,
  address: "Deposit address",
  addressHint: (hint) => `A valid address ${hint}.`,
  copy: "Copy",
  copied: "Copied",
  copyAmount: "Copy amount",
  copyAddress: "Copy address",
  qrAlt: "QR code of the payment page",
  qrAltTransfer: (amount, token, networkLabel) => `QR code for your wallet: ${amount} ${token} on ${networkLabel} to the deposit address`,
  qrAltAddress: (networkLabel) => `QR code of the deposit address on ${networkLabel}`,
  qrWithAmount: (amount, token) =>
    `Scan it with your wallet: the code includes the amount (${amount} ${token}) and the ${token} contract. Check both before you send.`,
  qrAddressOnly: (amount, token) => `The code holds the address only: enter the amount, ${amount} ${token}, in your wallet yourself.`,
  openPaymentPage: "Open 3PAY payment page",
  opensInNewTab: "(opens in a new tab)",
  expiresIn: "Time left to pay",
  expiredByClock: "This invoice has expired. Do not send anything to it.",
  statuses: {
    awaiting_payment: "Waiting for your payment",
    confirming: "Payment detected, waiting for blockchain confirmations",
    paid: "Payment received",
    overpaid: "Payment received",
    underpaid: "Payment incomplete",
    expired_partial: "Part of the payment arrived before this invoice expired. Do not send anything more to it.",
    expired: "This invoice has expired. Do not send anything to it.",
    cancelled: "This invoice was cancelled. Do not send anything to it.",
    failed: "This payment failed.",
    wrong_network: "The payment arrived on another network. Please contact the store before paying again.",
  },
  underpaid: (received, missing, token) =>
    `${received} ${token} arrived, ${missing} ${token} is missing (exchanges often deduct a withdrawal fee).`,
  partlyPaid: (received, due, missing, token, networkLabel) =>
    `${received} of ${due} ${token} arrived on ${networkLabel}. ${missing} ${token} is still missing: pay the rest on the same network to complete your order.`,
  payRest: (missing, token) => `Pay the remaining ${missing} ${token}`,
  topUpNotice: (received, due, token) => `${received} of ${due} ${token} already arrived. This invoice is for the rest only.`,
  overpaid: (excess, token) => `You sent ${excess} ${token} more than the amount due. The store can return it on request.`,
  viewTransaction: "View the transaction",
  placingOrder: "Placing your order…",
  orderPlaced: "Your order is placed.",
  completeFailed: "Your payment is received, but the order could not be placed yet. We keep trying; do not pay again.",
  iHavePaid: "I have paid",
  txHashLabel: "Transaction hash (TXID)",
  txHashHelp: (chain) => `Paste the ${chain} transaction hash from your wallet or exchange, and we check with 3PAY right away.`,
  txHashSubmit: "Check my payment",
  txHashChecking: "Checking…",
  renew: "Get a new invoice",
  renewing: "Getting a new invoice…",
  connectionProblem: "Connection problem: retrying…",
  busyRetrying: (seconds) => `Payments are busy right now. Trying again automatically in ${seconds} s…`,
  unreachable: "The store could not be reached. Check your connection and try again.",
  testnet: (name) => `Test network: ${name}. Use test USDT only.`,
  viewAddress: "View on the explorer",

  chooseMethod: "How do you want to pay?",
  methodInvoice: "One-time USDT invoice",
  methodWallet: "From your USDT balance / to your USDT address",
  walletAvailable: (available) => `${available} USDT available`,
  walletIntro:
    "Your balance is used first. If it does not cover the order, you send the rest to your own USDT address: it stays yours, and anything you send beyond the order stays as credit for next time.",
  walletStart: "Continue with my balance",
  walletStarting: "Preparing your balance payment…",
  walletYourAddress: "Your USDT address",
  walletStatuses: {
    waiting: "Waiting for your deposit",
    paid: "Paid from your USDT balance",
    canceled: "This balance payment was cancelled. Choose how to pay again.",
    failed: "This balance payment could not be completed. Please contact the store; do not send anything more.",
  },
  walletCovered: (due, available) => `Your balance (${available} USDT) covers this order (${due} USDT): nothing to send.`,
  walletMissing: (due, available, missing, toSend) =>
    `The order costs ${due} USDT; your balance has ${available} USDT, so ${missing} USDT is still needed. Send ${toSend} USDT to your address below.`,
  walletAmountToSend: "Amount to send",
  walletMinDeposit: (min) => `Deposits below ${min} USDT are not credited.`,
  walletKeepsAddress: "This address is yours: it stays the same for every order.",
  walletSent: "I have sent it",
  walletChecking: "Checking…",
  walletChecked: "Checked with 3PAY. Your order is placed as soon as the deposit is confirmed.",
  walletPaid: (due) => `${due} USDT was taken from your balance.`,
  walletTitle: "Your USDT wallet",
  walletBalance: "Available balance",
  walletHeld: "Reserved for orders being placed",
  walletAddresses: "Your deposit addresses",
  walletCreate: "Get my USDT addresses",
  walletCreating: "Getting your addresses…",
  walletNoAddresses: "You have no USDT address yet.",
  walletEntries: "Recent activity",
  walletNoEntries: "Nothing yet.",
  walletEntryKinds: {
    deposit: "Deposit",
    hold: "Reserved for an order",
    release: "Given back",
    debit: "Paid an order",
    adjustment: "Adjustment by the store",
  },
  walletOrder: (orderId) => `Order ${orderId}`,
  walletLogin: "Log in to see your USDT balance.",
  walletDisabled: "This store does not offer USDT balances.",
}

/** What `labels` may override: any text, and any of the status (and entry kind) texts one by one. */
export type ThreePayLabelOverrides = Partial<Omit<ThreePayLabels, "statuses" | "walletStatuses" | "walletEntryKinds">> & {
  statuses?: Partial<ThreePayLabels["statuses"]>
  walletStatuses?: Partial<ThreePayLabels["walletStatuses"]>
  walletEntryKinds?: Partial<ThreePayLabels["walletEntryKinds"]>
}

export function mergeLabels(overrides?: ThreePayLabelOverrides): ThreePayLabels {
  if (!overrides) return DEFAULT_LABELS
  return {
    ...DEFAULT_LABELS,
    ...overrides,
    statuses: { ...DEFAULT_LABELS.statuses, ...(overrides.statuses ?? {}) },
    walletStatuses: { ...DEFAULT_LABELS.walletStatuses, ...(overrides.walletStatuses ?? {}) },
    walletEntryKinds: { ...DEFAULT_LABELS.walletEntryKinds, ...(overrides.walletEntryKinds ?? {}) },
  }
}
