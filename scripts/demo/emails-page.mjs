// The demo's "Sent emails" page (/emails on the checkout page's server): the
// emails the plugin sent through Medusa's Notification Module, as the local
// notification provider recorded them. Read on the server through the admin
// API (`GET /admin/notifications`), so no admin token reaches the browser;
// each email's HTML is shown in a sandboxed frame (no scripts, no same origin).

const esc = (s) => String(s ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c])

let token = null

async function adminFetch({ backendUrl, admin }, path) {
  for (let attempt = 0; attempt < 2; attempt++) {
    if (!token) {
      const res = await fetch(`${backendUrl}/auth/user/emailpass`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(admin),
      })
      if (!res.ok) throw new Error(`admin login failed: HTTP ${res.status}`)
      token = (await res.json()).token
    }
    const res = await fetch(`${backendUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
    if (res.status === 401) {
      token = null
      continue
    }
    if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`)
    return res.json()
  }
  throw new Error(`${path}: not authorised`)
}

/** The emails, newest first: `{ id, to, template, created_at, subject, text, html, kind }`. */
export async function listSentEmails(emails) {
  const q = new URLSearchParams({ channel: "email", order: "-created_at", limit: "50" })
  const { notifications } = await adminFetch(emails, `/admin/notifications?${q}`)
  return notifications.map((n) => ({
    id: n.id,
    to: n.to,
    template: n.template,
    created_at: n.created_at,
    kind: n.data?.email_kind ?? null,
    subject: n.data?.subject ?? n.template,
    text: n.data?.text ?? null,
    html: n.data?.html ?? null,
  }))
}

export async function renderEmailsPage(emails) {
  let list
  try {
    list = await listSentEmails(emails)
  } catch (e) {
    return page(`<p class="error" role="alert">Could not read the sent emails: ${esc(e.message)}</p>`)
  }
  if (!list.length) {
    return page(`<p data-testid="no-emails">No email sent yet. Buy something on the <a href="/">checkout page</a>: the payment instructions arrive here as soon as the invoice exists, the receipt once it is paid.</p>`)
  }
  const items = list
    .map(
      (m) => `<article class="email" data-testid="email" data-kind="${esc(m.kind)}" data-to="${esc(m.to)}">
  <header><h2>${esc(m.subject)}</h2><p class="meta">To <b>${esc(m.to)}</b> · ${esc(new Date(m.created_at).toUTCString())} · template <code>${esc(m.template)}</code></p></header>
  ${m.html ? `<iframe title="${esc(m.subject)}" sandbox srcdoc="${esc(m.html)}"></iframe>` : ""}
  ${m.text ? `<details><summary>Plain text</summary><pre data-testid="email-text">${esc(m.text)}</pre></details>` : ""}
</article>`
    )
    .join("\n")
  return page(items)
}

function page(body) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sent emails · 3PAY demo store</title>
<style>
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f7f9}
.page{max-width:860px;margin:0 auto;padding:24px}
h1{font-size:22px;margin:0 0 4px}
.lead{color:#57606a;margin:0 0 20px}
.email{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:16px;margin:0 0 16px}
.email h2{font-size:17px;margin:0}
.meta{color:#57606a;font-size:13px;margin:4px 0 12px}
iframe{width:100%;height:520px;border:1px solid #eaeef2;border-radius:6px;background:#f3f4f6}
pre{white-space:pre-wrap;word-break:break-all;background:#f6f8fa;padding:12px;border-radius:6px}
a{color:#0969da}.error{color:#cf222e}
</style></head>
<body><div class="page">
<h1>Sent emails</h1>
<p class="lead">What the shopper received: Medusa's local notification provider records the plugin's emails instead of sending them. <a href="/">Back to the checkout page</a> · reload to refresh.</p>
${body}
</div></body></html>`
}
