/**
 * Default looks. They must hold inside any storefront: Tailwind's preflight,
 * normalize.css and other resets style bare elements (`button { padding: 0;
 * background: transparent }`, `a { color: inherit; text-decoration: inherit
 * }`), so every rule here is scoped under `.threepay` with a class or
 * element after it. That outweighs element and attribute selectors (resets)
 * and ties with one host class, where this `<style>`, coming later in the
 * document, wins.
 *
 * Theme it three ways:
 * - CSS variables, on `.threepay` or any ancestor (`--threepay-accent`,
 *   `--threepay-on-accent`, `--threepay-text`, `--threepay-muted`,
 *   `--threepay-surface`, `--threepay-subtle`, `--threepay-border`,
 *   `--threepay-radius`, `--threepay-focus`, `--threepay-link`,
 *   `--threepay-success`, `--threepay-danger`, `--threepay-warning-bg`,
 *   `--threepay-warning-border`, `--threepay-warning-text`, `--threepay-font`);
 * - `className` on the root and rules of your own with one more class
 *   (`.threepay.my-checkout .threepay-network { … }`);
 * - `unstyled`, to drop all of this and style the `threepay-…` classes and
 *   the `data-status` / `data-network` / `data-phase` attributes yourself.
 */
export const DEFAULT_CSS = `
.threepay{--_accent:var(--threepay-accent,#1d4ed8);--_on-accent:var(--threepay-on-accent,#fff);--_text:var(--threepay-text,#111827);--_muted:var(--threepay-muted,#4b5563);--_surface:var(--threepay-surface,#fff);--_subtle:var(--threepay-subtle,#f3f4f6);--_border:var(--threepay-border,#6b7280);--_radius:var(--threepay-radius,8px);--_focus:var(--threepay-focus,#1d4ed8);--_link:var(--threepay-link,#1d4ed8);--_success:var(--threepay-success,#15803d);--_danger:var(--threepay-danger,#b91c1c);--_warn-bg:var(--threepay-warning-bg,#fffbeb);--_warn-border:var(--threepay-warning-border,#b45309);--_warn-text:var(--threepay-warning-text,#78350f);display:grid;gap:14px;max-width:36rem;color:var(--_text);font-family:var(--threepay-font,inherit);font-size:1rem;line-height:1.5;text-align:left}
.threepay *,.threepay *::before,.threepay *::after{box-sizing:border-box}
.threepay p,.threepay figure,.threepay ul{margin:0}
.threepay ul{padding-left:1.25em;list-style:disc}
.threepay button{-webkit-appearance:none;appearance:none;display:inline-flex;align-items:center;justify-content:center;gap:8px;min-height:40px;margin:0;padding:8px 14px;font:inherit;font-weight:500;line-height:1.25;text-align:left;text-decoration:none;color:var(--_text);background:var(--_surface);border:1px solid var(--_border);border-radius:var(--_radius);cursor:pointer}
.threepay button:hover{border-color:var(--_accent)}
.threepay button[aria-disabled="true"],.threepay button:disabled{opacity:.6;cursor:not-allowed}
.threepay .threepay-primary{color:var(--_on-accent);background:var(--_accent);border-color:var(--_accent);font-weight:600}
.threepay :is(button,a,input,[tabindex]):focus-visible{outline:3px solid var(--_focus);outline-offset:2px;box-shadow:0 0 0 1px var(--_surface)}
.threepay a{color:var(--_link);text-decoration:underline;text-underline-offset:3px;text-decoration-thickness:1px;cursor:pointer}
.threepay a:hover{text-decoration-thickness:2px}
.threepay .threepay-networks{display:grid;gap:8px;min-width:0;margin:0;padding:0;border:0}
.threepay .threepay-networks-legend{float:none;margin:0 0 2px;padding:0;font-weight:600}
.threepay .threepay-network-options{display:flex;flex-wrap:wrap;gap:8px}
.threepay .threepay-network{justify-content:flex-start;min-width:13rem;border-width:2px}
.threepay .threepay-network-mark{flex:none;width:18px;height:18px;border:2px solid currentColor;border-radius:50%;background:transparent}
.threepay .threepay-network[aria-checked="true"]{color:var(--_on-accent);background:var(--_accent);border-color:var(--_accent);font-weight:600}
.threepay .threepay-network[aria-checked="true"] .threepay-network-mark{background:currentColor;box-shadow:inset 0 0 0 3px var(--_accent)}
.threepay .threepay-network[aria-checked="true"][aria-disabled="true"]{opacity:1}
.threepay .threepay-invoice{display:grid;gap:12px}
.threepay .threepay-row{display:flex;flex-wrap:wrap;align-items:center;gap:8px}
.threepay .threepay-label{font-size:.875em;color:var(--_muted)}
.threepay .threepay-amount{font-size:1.5em;font-weight:700;font-variant-numeric:tabular-nums}
.threepay .threepay-network-label{font-weight:600}
.threepay .threepay-address{padding:2px 6px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.95em;word-break:break-all;background:var(--_subtle);border-radius:4px}
.threepay .threepay-copy{min-height:32px;padding:4px 10px;font-size:.875em}
.threepay .threepay-warning{display:grid;gap:4px;padding:10px 12px;color:var(--_warn-text);background:var(--_warn-bg);border:0;border-left:4px solid var(--_warn-border);border-radius:4px}
.threepay .threepay-testnet{font-size:.875em}
.threepay .threepay-qr-box{display:flex;flex-wrap:wrap;align-items:center;gap:12px}
.threepay .threepay-qr{display:block;width:180px;height:180px;max-width:100%;image-rendering:pixelated;background:#fff;border:1px solid var(--_subtle);border-radius:4px}
.threepay .threepay-qr-caption{flex:1 1 12rem;font-size:.875em;color:var(--_muted)}
.threepay .threepay-pay-link{display:inline-flex;align-items:center;gap:4px;width:fit-content;font-weight:600}
.threepay .threepay-countdown[data-expired="true"]{color:var(--_danger)}
.threepay .threepay-status{font-weight:600}
.threepay .threepay-status:empty{display:none}
.threepay .threepay-status:is([data-status="paid"],[data-status="overpaid"]){color:var(--_success)}
.threepay .threepay-status:is([data-status="underpaid"],[data-status="wrong_network"],[data-status="expired"],[data-status="expired_partial"],[data-status="cancelled"],[data-status="failed"]){color:var(--_danger)}
.threepay .threepay-txhash{display:grid;gap:6px;padding-top:4px}
.threepay .threepay-txhash label{display:block;font-weight:500}
.threepay .threepay-txhash input{display:block;width:100%;margin:0;padding:8px 10px;font:inherit;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;color:var(--_text);background:var(--_surface);border:1px solid var(--_border);border-radius:var(--_radius)}
.threepay .threepay-error{color:var(--_danger)}
.threepay .threepay-notice{color:var(--_muted)}
.threepay .threepay-wallet{display:grid;gap:12px}
.threepay .threepay-method-detail{font-weight:400}
.threepay :is(.threepay-title,.threepay-subtitle){margin:0;font-size:1.125em;font-weight:600;line-height:1.3}
.threepay .threepay-subtitle{font-size:1em}
.threepay .threepay-balance{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;align-items:baseline;margin:0}
.threepay .threepay-balance dt{color:var(--_muted)}
.threepay .threepay-balance dd{margin:0}
.threepay :is(.threepay-wallet-addresses,.threepay-entries){display:grid;gap:12px;margin:0;padding:0;list-style:none}
.threepay .threepay-wallet-addresses > li{display:grid;gap:8px;padding:10px 12px;border:1px solid var(--_subtle);border-radius:var(--_radius)}
.threepay .threepay-entry-change{font-weight:600;font-variant-numeric:tabular-nums}
.threepay .threepay-sr-only{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap;border:0}
`

export function DefaultStyles() {
  return <style data-threepay-styles="">{DEFAULT_CSS}</style>
}
