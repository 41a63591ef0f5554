import QRCode from "qrcode"
import { NETWORK_INFO, WRONG_NETWORK_WARNING } from "medusa-payment-3pay-client"
import { compareUsdt, fromMicro, subUsdt } from "medusa-payment-3pay-client"
import type { Emulator } from "./core"
import type { Invoice } from "./types"

/**
 * The hosted payment page (`/s/<code>`), like 3PAY's: network with its
 * warning, exact amount, address with QR code, countdown, live status, and
 * buttons that simulate what a wallet would do. Self-contained: no external
 * fonts, scripts or images.
 */
export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!)

export function statusLabel(inv: Invoice): string {
  const amount = fromMicro(inv.amount)
  const actual = fromMicro(inv.actualBalance)
  switch (inv.status) {
    case "initiated":
      return "Waiting for payment"
    case "amount confirmed":
      return "Payment detected, confirming…"
    case "confirmed": {
      const diff = compareUsdt(actual, amount)
      const extra =
        diff > 0 ? ` (overpaid by ${subUsdt(actual, amount)} USDT)` : diff < 0 ? ` (${subUsdt(amount, actual)} USDT short)` : ""
      return `Paid${inv.late ? " late" : ""}${extra}`
    }
    case "underpaid":
      return `Underpaid (${subUsdt(amount, actual)} USDT short)`
    case "expired":
      return "Expired"
    case "cancelled":
      return "Cancelled"
  }
}

export function statusJson(emu: Emulator, inv: Invoice) {
  const now = emu.clock.now()
  return {
    transactionId: inv.transactionId,
    invoiceNo: inv.invoiceNo,
    status: inv.status,
    label: statusLabel(inv),
    final: inv.status !== "initiated" && inv.status !== "amount confirmed",
    amount: fromMicro(inv.amount),
    actualBalance: fromMicro(inv.actualBalance),
    currencyType: NETWORK_INFO[inv.network].currencyType,
    paidCurrencyType: inv.paidNetwork ? NETWORK_INFO[inv.paidNetwork].currencyType : null,
    expiresAt: new Date(inv.expiresAt).toISOString(),
    now: new Date(now).toISOString(),
    secondsLeft: inv.status === "initiated" ? Math.max(0, Math.ceil((inv.expiresAt - now) / 1000)) : 0,
    callbackUrl: inv.callbackUrl,
  }
}

type Action = { id: string; label: string; hint: string }

function actionsFor(inv: Invoice): Action[] {
  if (inv.status === "initiated") {
    return [
      { id: "pay-full", label: "Pay in full", hint: "the exact amount arrives" },
      { id: "pay-under", label: "Pay too little", hint: "short by the configured shortfall" },
      { id: "pay-over", label: "Pay too much", hint: "the configured excess on top" },
      { id: "pay-two-step", label: "Detect, then confirm", hint: "amount confirmed, then confirmed" },
      { id: "pay-wrong-network", label: "Pay on the wrong network", hint: "arrives on the other chain" },
      { id: "expire", label: "Let it expire", hint: "the timer runs out now" },
    ]
  }
  if (inv.status === "expired") {
    return [{ id: "pay-late", label: "Pay after expiry", hint: "a late payment" }]
  }
  return []
}

const STYLE = `
*{box-sizing:border-box}body{margin:0;background:#f3f4f6;color:#111827;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif}
main{max-width:480px;margin:24px auto;background:#fff;border-radius:14px;box-shadow:0 1px 3px rgba(0,0,0,.08),0 8px 24px rgba(0,0,0,.06);overflow:hidden}
.banner{background:#111827;color:#fbbf24;font-size:12px;letter-spacing:.06em;text-transform:uppercase;padding:8px 20px;font-weight:600}
section,header,footer{padding:14px 20px;border-bottom:1px solid #f0f0f3}footer{border-bottom:0}
h1{font-size:20px;margin:0}h2{font-size:14px;margin:0 0 8px;color:#374151}
.muted{color:#6b7280;font-size:13px;margin:2px 0 0}.label{color:#6b7280;font-size:12px;text-transform:uppercase;letter-spacing:.05em}
.amount{font-size:30px;font-weight:700;font-variant-numeric:tabular-nums}.amount small{font-size:16px;color:#374151}
.chip{display:inline-block;background:#eef2ff;color:#3730a3;border-radius:999px;padding:1px 8px;font-size:12px;margin-left:6px}
.warning{background:#fff7ed;border:1px solid #fdba74;color:#9a3412;border-radius:8px;padding:8px 10px;margin:8px 0 0;font-size:13px}
.error{background:#fef2f2;border:1px solid #fca5a5;color:#991b1b;border-radius:8px;padding:8px 10px;margin:0;font-size:13px}
.qr{display:flex;justify-content:center;margin:8px 0}.qr svg{width:200px;height:200px}
.addr{display:flex;gap:8px;align-items:center}.addr code{flex:1;word-break:break-all;background:#f9fafb;border:1px solid #e5e7eb;border-radius:6px;padding:6px 8px;font-size:13px}
.row{display:flex;justify-content:space-between;align-items:center;gap:12px}
.status{font-weight:600}.status[data-status=confirmed]{color:#047857}.status[data-status=expired],.status[data-status=cancelled],.status[data-status=underpaid]{color:#b91c1c}
.countdown{font-variant-numeric:tabular-nums;font-weight:600}
.actions{display:grid;grid-template-columns:1fr 1fr;gap:8px}
button{font:inherit;cursor:pointer;border-radius:8px;border:1px solid #d1d5db;background:#fff;padding:8px 10px;text-align:left}
button:hover{background:#f9fafb}button small{display:block;color:#6b7280;font-size:12px}
button.primary{background:#111827;color:#fff;border-color:#111827}button.primary small{color:#d1d5db}
a{color:#1d4ed8}
`

const SCRIPT = `
(function(){
  var cfg = JSON.parse(document.getElementById("emu-data").textContent);
  var deadline = Date.now() + cfg.secondsLeft * 1000;
  var cd = document.querySelector("[data-testid=countdown]");
  function fmt(s){ var m = Math.floor(s / 60), r = s % 60; return (m < 10 ? "0" : "") + m + ":" + (r < 10 ? "0" : "") + r; }
  function tick(){ if (!cd) return; cd.textContent = cfg.status === "initiated" ? fmt(Math.max(0, Math.round((deadline - Date.now()) / 1000))) : "—"; }
  tick(); setInterval(tick, 1000);
  function poll(){
    fetch(cfg.statusUrl, { cache: "no-store" }).then(function(r){ return r.json(); }).then(function(s){
      if (s.status !== cfg.status) { location.replace(cfg.pageUrl); return; }
      deadline = Date.now() + s.secondsLeft * 1000;
    }).catch(function(){});
  }
  setInterval(poll, 2000);
  var copy = document.querySelector("[data-testid=copy-address]");
  if (copy) copy.addEventListener("click", function(){
    if (navigator.clipboard) navigator.clipboard.writeText(cfg.address).then(function(){ copy.textContent = "Copied"; });
  });
})();
`

export async function renderPaymentPage(emu: Emulator, inv: Invoice, error: string | null): Promise<string> {
  const info = NETWORK_INFO[inv.network]
  const status = statusJson(emu, inv)
  const pagePath = `/s/${encodeURIComponent(inv.code)}`
  const qr = await QRCode.toString(inv.walletAddress, { type: "svg", margin: 1, errorCorrectionLevel: "M", width: 200 })
  const amount = fromMicro(inv.amount)
  const actions = actionsFor(inv)
  const data = JSON.stringify({
    status: inv.status,
    secondsLeft: status.secondsLeft,
    address: inv.walletAddress,
    statusUrl: `${pagePath}/status`,
    pageUrl: pagePath,
  }).replace(/</g, "\\u003c")
  const e = escapeHtml
  const buttons = actions
    .map(
      (a, i) =>
        `<button type="submit" name="action" value="${a.id}" data-testid="${a.id}"${i === 0 ? ' class="primary"' : ""}>${e(a.label)}<small>${e(a.hint)}</small></button>`
    )
    .join("\n        ")
  const paidLine =
    inv.status === "initiated"
      ? ""
      : `<p class="muted" data-testid="received">Received: ${e(fromMicro(inv.actualBalance))} USDT${
          inv.paidNetwork && inv.paidNetwork !== inv.network ? ` on ${e(NETWORK_INFO[inv.paidNetwork].label)} (wrong network)` : ""
        }${inv.blockchainTxHash ? ` · tx <code data-testid="tx-hash">${e(inv.blockchainTxHash)}</code>` : ""}</p>`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pay ${e(amount)} USDT (${e(info.network)}) · 3PAY emulator</title>
<style>${STYLE}</style>
</head>
<body>
<main data-testid="payment-page" data-transaction-id="${e(inv.transactionId)}" data-status="${e(inv.status)}">
  <div class="banner">3PAY emulator · test page · no real funds move</div>
  <header>
    <h1>Pay with USDT</h1>
    <p class="muted">Invoice <span data-testid="invoice-no">${e(inv.invoiceNo)}</span></p>
  </header>
  ${error ? `<section><p class="error" role="alert" data-testid="error">${e(error)}</p></section>` : ""}
  <section data-testid="network">
    <div class="label">Network</div>
    <div><strong data-testid="network-label">${e(info.label)}</strong><span class="chip" data-testid="chain">${e(info.chain)} chain</span></div>
    <p class="warning" role="note" data-testid="network-warning"><strong>Send only USDT on the ${e(info.chain)} network (${e(info.network)}).</strong> ${e(
      WRONG_NETWORK_WARNING
    )} The address ${e(info.addressHint)}.</p>
  </section>
  <section>
    <div class="label">Amount</div>
    <div class="amount"><span data-testid="amount">${e(amount)}</span> <small>USDT</small></div>
    <p class="muted">Send exactly this amount. Network fees are paid by the sender.</p>
  </section>
  <section>
    <div class="label">Address</div>
    <div class="qr" data-testid="qr">${qr}</div>
    <div class="addr"><code data-testid="address">${e(inv.walletAddress)}</code><button type="button" data-testid="copy-address">Copy</button></div>
  </section>
  <section class="row">
    <div>Status: <span class="status" data-testid="status" data-status="${e(inv.status)}">${e(status.label)}</span></div>
    <div>Time left: <span class="countdown" data-testid="countdown">${inv.status === "initiated" ? "--:--" : "—"}</span></div>
  </section>
  ${paidLine ? `<section>${paidLine}</section>` : ""}
  ${
    actions.length
      ? `<section>
    <h2>Simulate (emulator only)</h2>
    <form method="post" action="${pagePath}/simulate" class="actions">
        ${buttons}
    </form>
  </section>`
      : ""
  }
  <footer class="muted">
    ${inv.callbackUrl ? `<a href="${e(inv.callbackUrl)}" data-testid="return-link">Return to the store</a> · ` : ""}Expires ${e(status.expiresAt)}
  </footer>
</main>
<script type="application/json" id="emu-data">${data}</script>
<script>${SCRIPT}</script>
</body>
</html>`
}

export function notFoundPage(code: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Payment link not found · 3PAY emulator</title><style>${STYLE}</style></head>
<body><main><div class="banner">3PAY emulator</div><section><h1>Payment link not found</h1><p class="muted">No invoice has the code ${escapeHtml(
    code
  )}. Invoices live in memory: a restart or reset forgets them.</p></section></main></body></html>`
}
