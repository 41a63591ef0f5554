/**
 * The emails a shopper paying in USDT expects, opt-in (`emails: { enabled:
 * true }` in the plugin's options): what to send, where and until when, as
 * soon as an invoice exists (`threepay.invoice.created`, also for a renewal
 * or the rest of a partial payment); and that the money arrived and the
 * order is placed (`threepay.invoice.paid`). Sent through Medusa's
 * Notification Module on the "email" channel, so any email provider of the
 * store delivers them (the local one only logs them).
 *
 * With `render: "content"` (default) the plugin writes subject, text and
 * HTML itself and sends them as `content`; with `render: "template"` only
 * the template id and the variables go out, for providers that render their
 * own templates. Either way `data` holds the variables (listed in the README,
 * "Events and emails"): amounts as exact decimal strings, nothing secret.
 * Each email is sent once per invoice (an idempotency key), however often
 * its event arrives.
 */
import type { SubscriberArgs, SubscriberConfig } from "@medusajs/framework"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { NETWORK_INFO, WRONG_NETWORK_WARNING, explorerTxUrl, type Environment, type Network } from "medusa-payment-3pay-client"
import { THREEPAY_EVENTS, type InvoiceEventData } from "../lib/events"
import type { ThreePayOptions } from "../lib/options"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"

export type EmailKind = "payment_instructions" | "payment_received"

/** The variables of both emails (a template's `data`). Strings or null only. */
export type ThreePayEmailData = {
  email_kind: EmailKind
  store_name: string
  /** "checkout": the cart's invoice; "top_up": an invoice for the rest of a partial payment. */
  invoice_kind: "checkout" | "top_up"
  cart_id: string | null
  order_id: string | null
  order_display_id: string | null
  transaction_id: string
  invoice_no: string | null
  network: string
  network_label: string
  chain: string
  token: string
  /** Sandbox testnet name ("Nile", "Sepolia"), else null. */
  testnet: string | null
  /** What this invoice asks for, exact. */
  amount: string
  amount_received: string
  amount_excess: string | null
  wallet_address: string | null
  payment_url: string | null
  expires_at: string | null
  /** expires_at for people: "1 December 2026 at 14:05 UTC". */
  expires_at_text: string | null
  tx_hash: string | null
  tx_explorer_url: string | null
  /** The storefront's checkout (the plugin's `returnUrl`), when set. */
  checkout_url: string | null
  warning: string
}

export type RenderedEmail = { subject: string; text: string; html: string }

const isNetwork = (n: string): n is Network => n in NETWORK_INFO

/** "1 December 2026 at 14:05 UTC" (one clock for every reader of the email). */
export function formatExpiry(iso: string | null): string | null {
  if (!iso) return null
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return null
  const text = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeStyle: "short", timeZone: "UTC" }).format(d)
  return `${text} UTC`
}

/** The variables of an email from the event's payload (which holds nothing secret) and the store's options. */
export function emailData(
  kind: EmailKind,
  e: InvoiceEventData,
  o: { environment: Environment; storeName: string; returnUrl?: string; orderDisplayId?: string | null }
): ThreePayEmailData {
  const info = isNetwork(e.network) ? NETWORK_INFO[e.network] : null
  const excess = e.amount_excess && e.amount_excess !== "0" ? e.amount_excess : null
  return {
    email_kind: kind,
    store_name: o.storeName,
    invoice_kind: e.kind,
    cart_id: e.cart_id,
    order_id: e.order_id,
    order_display_id: o.orderDisplayId ?? null,
    transaction_id: e.transaction_id,
    invoice_no: e.invoice_no,
    network: e.network,
    network_label: info?.label ?? e.network,
    chain: info?.chain ?? e.network,
    token: info?.token ?? "USDT",
    testnet: info && o.environment === "sandbox" ? info.testnet : null,
    amount: e.amount_usdt,
    amount_received: e.amount_received,
    amount_excess: excess,
    wallet_address: e.wallet_address,
    payment_url: e.payment_url,
    expires_at: e.expires_at,
    expires_at_text: formatExpiry(e.expires_at),
    tx_hash: e.tx_hash,
    tx_explorer_url: e.tx_hash && isNetwork(e.network) ? explorerTxUrl(e.network, o.environment, e.tx_hash) : null,
    checkout_url: o.returnUrl && e.cart_id ? o.returnUrl.replace(/\{cart_id\}/g, encodeURIComponent(e.cart_id)) : null,
    warning: WRONG_NETWORK_WARNING,
  }
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)
/** Only http(s) links go into an email's HTML. */
const safeUrl = (u: string | null) => (u && /^https?:\/\//i.test(u) ? u : null)

function page(title: string, body: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title></head>` +
    `<body style="margin:0;padding:24px;background:#f3f4f6;font-family:Arial,Helvetica,sans-serif;color:#111827;line-height:1.5">` +
    `<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">${body}</div></body></html>`
}

const row = (label: string, value: string) =>
  `<tr><td style="padding:4px 12px 4px 0;color:#4b5563;vertical-align:top">${esc(label)}</td><td style="padding:4px 0;font-weight:bold;word-break:break-all">${value}</td></tr>`

/** The payment instructions: amount, network, address, expiry, payment link, and the wrong-network warning. */
export function renderInstructions(d: ThreePayEmailData): RenderedEmail {
  const topUp = d.invoice_kind === "top_up"
  const subject = topUp
    ? `Pay the remaining ${d.amount} ${d.token} for your order at ${d.store_name}`
    : `Pay ${d.amount} ${d.token} to complete your order at ${d.store_name}`
  const sendOnly = `Send only ${d.token} on the ${d.chain} network (${d.network}). A payment sent on another network or in another token cannot be recovered.`
  const testnet = d.testnet ? `Test network: ${d.testnet}. Use test ${d.token} only.` : null
  const text = [
    topUp ? `Part of your payment arrived. To complete your order, send the rest:` : `To complete your order, send:`,
    ``,
    `Amount:   ${d.amount} ${d.token} (exactly)`,
    `Network:  ${d.network_label}`,
    d.wallet_address ? `Address:  ${d.wallet_address}` : null,
    d.expires_at_text ? `Pay before: ${d.expires_at_text}` : null,
    ``,
    sendOnly,
    testnet,
    d.payment_url ? `\nOr pay on 3PAY's payment page: ${d.payment_url}` : null,
    d.checkout_url ? `Back to your checkout: ${d.checkout_url}` : null,
    ``,
    `Invoice ${d.invoice_no ?? d.transaction_id}. Your order is placed as soon as the payment is confirmed; we will email you then.`,
  ]
    .filter((l) => l !== null)
    .join("\n")
  const pay = safeUrl(d.payment_url)
  const back = safeUrl(d.checkout_url)
  const html = page(
    subject,
    `<h1 style="font-size:20px;margin:0 0 12px">${esc(topUp ? "Pay the rest of your order" : "Complete your order")}</h1>` +
      `<p style="margin:0 0 12px">${esc(topUp ? "Part of your payment arrived. To complete your order, send the rest:" : "To complete your order, send:")}</p>` +
      `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">` +
      row("Amount", `${esc(d.amount)} ${esc(d.token)} <span style="font-weight:normal">(exactly)</span>`) +
      row("Network", esc(d.network_label)) +
      (d.wallet_address ? row("Address", `<code style="font-size:14px">${esc(d.wallet_address)}</code>`) : "") +
      (d.expires_at_text ? row("Pay before", esc(d.expires_at_text)) : "") +
      `</table>` +
      `<p style="margin:0 0 12px;padding:8px 12px;border-left:4px solid #b45309;background:#fffbeb;color:#78350f">${esc(sendOnly)}${testnet ? `<br>${esc(testnet)}` : ""}</p>` +
      (pay ? `<p style="margin:0 0 12px"><a href="${esc(pay)}" style="color:#1d4ed8;font-weight:bold">Open 3PAY's payment page</a></p>` : "") +
      (back ? `<p style="margin:0 0 12px"><a href="${esc(back)}" style="color:#1d4ed8">Back to your checkout</a></p>` : "") +
      `<p style="margin:0;color:#4b5563;font-size:13px">Invoice ${esc(d.invoice_no ?? d.transaction_id)}. Your order is placed as soon as the payment is confirmed; we will email you then.</p>`
  )
  return { subject, text, html }
}

/** The receipt: what arrived, on which network, the transaction, the order. */
export function renderReceived(d: ThreePayEmailData): RenderedEmail {
  const order = d.order_display_id ? `#${d.order_display_id}` : null
  const subject = order ? `Payment received: your order ${order} at ${d.store_name}` : `Payment received: your order at ${d.store_name}`
  const excess = d.amount_excess ? `You sent ${d.amount_excess} ${d.token} more than the amount due. Reply to this email and we return it.` : null
  const text = [
    `We received your ${d.token} payment${order ? ` and your order ${order} is placed` : " and your order is placed"}.`,
    ``,
    `Received: ${d.amount_received} ${d.token}`,
    `Network:  ${d.network_label}`,
    d.tx_hash ? `Transaction: ${d.tx_hash}` : null,
    d.tx_explorer_url ? `View it: ${d.tx_explorer_url}` : null,
    excess ? `\n${excess}` : null,
    ``,
    `Invoice ${d.invoice_no ?? d.transaction_id}. Thank you for your order.`,
  ]
    .filter((l) => l !== null)
    .join("\n")
  const tx = safeUrl(d.tx_explorer_url)
  const html = page(
    subject,
    `<h1 style="font-size:20px;margin:0 0 12px">Payment received</h1>` +
      `<p style="margin:0 0 12px">${esc(`We received your ${d.token} payment${order ? ` and your order ${order} is placed` : " and your order is placed"}.`)}</p>` +
      `<table role="presentation" style="border-collapse:collapse;margin:0 0 12px">` +
      row("Received", `${esc(d.amount_received)} ${esc(d.token)}`) +
      row("Network", esc(d.network_label)) +
      (d.tx_hash ? row("Transaction", tx ? `<a href="${esc(tx)}" style="color:#1d4ed8">${esc(d.tx_hash)}</a>` : esc(d.tx_hash)) : "") +
      `</table>` +
      (excess ? `<p style="margin:0 0 12px">${esc(excess)}</p>` : "") +
      `<p style="margin:0;color:#4b5563;font-size:13px">Invoice ${esc(d.invoice_no ?? d.transaction_id)}. Thank you for your order.</p>`
  )
  return { subject, text, html }
}

type Notification = { to: string; channel: string; template: string; data: Record<string, unknown>; from?: string; content?: RenderedEmail } & Record<string, unknown>

/** The notification to create for an event, or null when there is nothing to send (no email address, not an email event). */
export function buildNotification(
  eventName: string,
  e: InvoiceEventData | null | undefined,
  options: Pick<ThreePayOptions, "environment" | "returnUrl" | "emails">,
  extra: { orderDisplayId?: string | null; orderEmail?: string | null } = {}
): Notification | null {
  if (!e) return null
  const kind: EmailKind | null =
    eventName === THREEPAY_EVENTS.INVOICE_CREATED ? "payment_instructions" : eventName === THREEPAY_EVENTS.INVOICE_PAID ? "payment_received" : null
  if (!kind) return null
  const to = e.email ?? extra.orderEmail ?? null
  if (!to) return null
  const emails = options.emails
  const data = emailData(kind, e, {
    environment: options.environment,
    storeName: emails.storeName,
    returnUrl: options.returnUrl,
    orderDisplayId: extra.orderDisplayId,
  })
  const rendered = kind === "payment_instructions" ? renderInstructions(data) : renderReceived(data)
  const content = emails.render === "content"
  return {
    to,
    channel: "email",
    template: kind === "payment_instructions" ? emails.templates.paymentInstructions : emails.templates.paymentReceived,
    ...(emails.from ? { from: emails.from } : {}),
    // The rendered email rides along in `data` too: Medusa keeps `data` (not
    // `content`) on the notification, so the admin API shows what was sent.
    data: content ? { ...data, subject: rendered.subject, text: rendered.text, html: rendered.html } : { ...data, subject: rendered.subject },
    ...(content ? { content: rendered } : {}),
    trigger_type: eventName,
    resource_id: e.order_id ?? e.cart_id,
    resource_type: e.order_id ? "order" : "cart",
    idempotency_key: `threepay-email:${kind}:${e.transaction_id}`,
  }
}

export default async function threepayEmails({ event, container }: SubscriberArgs<InvoiceEventData>) {
  const options = container.resolve<ThreePayModuleService>(THREEPAY_MODULE).getOptions()
  if (!options.emails.enabled) return
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const e = event.data
  let extra: { orderDisplayId?: string | null; orderEmail?: string | null } = {}
  if (event.name === THREEPAY_EVENTS.INVOICE_PAID && e?.order_id) {
    try {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "order", fields: ["id", "display_id", "email"], filters: { id: e.order_id } })
      const order = data[0] as { display_id?: number | string | null; email?: string | null } | undefined
      extra = { orderDisplayId: order?.display_id != null ? String(order.display_id) : null, orderEmail: order?.email ?? null }
    } catch {
      // The receipt goes out without the order number.
    }
  }
  const notification = buildNotification(event.name, e, options, extra)
  if (!notification) {
    if (e && !e.email) logger.debug(`3PAY emails: no email address for cart ${e.cart_id ?? "?"}, nothing sent (${event.name})`)
    return
  }
  try {
    await container.resolve(Modules.NOTIFICATION).createNotifications(notification)
  } catch (err) {
    // Never the address or the content in the log: the invoice is enough to find it.
    logger.warn(
      `3PAY emails: could not send the ${notification.data.email_kind} email for invoice ${e!.transaction_id}: ` +
        `${err instanceof Error ? err.message : String(err)} (is a notification provider for the "email" channel configured?)`
    )
  }
}

export const config: SubscriberConfig = {
  event: [THREEPAY_EVENTS.INVOICE_CREATED, THREEPAY_EVENTS.INVOICE_PAID],
  context: { subscriberId: "threepay-emails" },
}
