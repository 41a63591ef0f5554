/**
 * Default looks, kept deliberately plain. Every rule sits in `:where()`, so
 * it has no specificity: any class of the storefront's own overrides it.
 * Turn them off with `unstyled` and style the `threepay-…` classes and the
 * `data-status` / `data-network` / `data-phase` attributes instead.
 */
export const DEFAULT_CSS = `
:where(.threepay){display:grid;gap:12px;max-width:34rem;font:inherit;color:inherit}
:where(.threepay) :where(p){margin:0}
:where(.threepay) :where(button){font:inherit;cursor:pointer;border:1px solid currentColor;border-radius:6px;background:transparent;color:inherit;padding:6px 12px}
:where(.threepay) :where(button:disabled){opacity:.5;cursor:not-allowed}
:where(.threepay) :where(button:focus-visible,a:focus-visible,input:focus-visible){outline:2px solid #2563eb;outline-offset:2px}
:where(.threepay-networks){display:flex;flex-wrap:wrap;gap:8px;border:0;margin:0;padding:0}
:where(.threepay-networks-legend){margin-bottom:6px;font-weight:600}
:where(.threepay-network[aria-checked="true"]){background:#111827;color:#fff;border-color:#111827}
:where(.threepay-network[aria-checked="true"]:disabled){opacity:1}
:where(.threepay-invoice){display:grid;gap:10px}
:where(.threepay-row){display:flex;flex-wrap:wrap;align-items:center;gap:8px}
:where(.threepay-label){font-size:.875em;opacity:.8}
:where(.threepay-amount){font-size:1.5em;font-weight:600;font-variant-numeric:tabular-nums}
:where(.threepay-address){font-family:ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
:where(.threepay-warning){border-left:4px solid #b45309;background:#fffbeb;color:#78350f;padding:8px 12px;border-radius:4px}
:where(.threepay-testnet){font-size:.875em;color:#1d4ed8}
:where(.threepay-qr){width:180px;height:180px;image-rendering:pixelated;background:#fff}
:where(.threepay-countdown[data-expired="true"]){color:#b91c1c}
:where(.threepay-status){font-weight:600}
:where(.threepay-status[data-status="paid"],.threepay-status[data-status="overpaid"]){color:#15803d}
:where(.threepay-status[data-status="underpaid"],.threepay-status[data-status="wrong_network"],.threepay-status[data-status="expired"],.threepay-status[data-status="cancelled"],.threepay-status[data-status="failed"]){color:#b91c1c}
:where(.threepay-txhash){display:grid;gap:6px}
:where(.threepay-txhash) :where(input){font:inherit;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;padding:6px 8px;border:1px solid #9ca3af;border-radius:6px;width:100%;box-sizing:border-box}
:where(.threepay-error){color:#b91c1c}
:where(.threepay-notice){opacity:.85}
`

export function DefaultStyles() {
  return <style data-threepay-styles="">{DEFAULT_CSS}</style>
}
