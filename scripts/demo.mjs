#!/usr/bin/env node
// `npm run demo`: a real Medusa store paying through the local 3PAY emulator.
// PostgreSQL, the emulator, the store with this plugin packed and installed,
// and a small checkout page; Ctrl-C stops them all. Parts: scripts/demo/.
import { DEMO_STOREFRONT_SECRET } from "./demo/host-app.mjs"
import { spawnDemo, DEFAULT_PORTS } from "./demo/lib.mjs"

const HELP = `npm run demo [-- options]

  --port <n>           Medusa (store API and admin)   default ${DEFAULT_PORTS.backend}  (env DEMO_PORT)
  --checkout-port <n>  the checkout page              default ${DEFAULT_PORTS.checkout}  (env DEMO_CHECKOUT_PORT)
  --emulator-port <n>  the 3PAY emulator              default ${DEFAULT_PORTS.emulator}  (env DEMO_EMULATOR_PORT)
  --store-cors <origins>  also let these origins call the store API (comma-separated;
                       repeatable), e.g. a storefront of your own on another port
                       (env DEMO_STORE_CORS; a STORE_CORS in the environment is added too)
  --return-url <url>   where 3PAY's payment page sends the shopper back; {cart_id} is
                       replaced (env DEMO_RETURN_URL; default: the demo's checkout page)
  --no-rate-limits     the emulator does not apply 3PAY's rate limits

  env DEMO_STOREFRONT_SECRET  the plugin's storefrontSecret, for an SSR storefront that
                       signs the shopper's IP (default ${DEMO_STOREFRONT_SECRET})
  --reset              drop the demo database first (migrate and seed again;
                       also after the plugin's migrations were rewritten)
  --quiet              print only the URLs

PostgreSQL: the one at DB_HOST/DB_PORT (DB_USERNAME/DB_PASSWORD) when it answers,
else an embedded one kept in .demo/pg. Build caches and logs are in .demo/.`

function parseArgs(argv) {
  const opts = {
    ports: {
      backend: Number(process.env.DEMO_PORT || DEFAULT_PORTS.backend),
      checkout: Number(process.env.DEMO_CHECKOUT_PORT || DEFAULT_PORTS.checkout),
      emulator: Number(process.env.DEMO_EMULATOR_PORT || DEFAULT_PORTS.emulator),
    },
    emulatorLog: true,
    storeCors: splitOrigins(process.env.DEMO_STORE_CORS),
    returnUrl: process.env.DEMO_RETURN_URL || undefined,
  }
  const portFlags = { "--port": "backend", "--checkout-port": "checkout", "--emulator-port": "emulator" }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    if (a in portFlags) {
      const n = Number(argv[++i])
      if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${a} needs a port number`)
      opts.ports[portFlags[a]] = n
    } else if (a === "--store-cors") {
      const origins = splitOrigins(argv[++i])
      if (!origins.length) fail(`--store-cors needs an origin such as http://localhost:8000`)
      opts.storeCors.push(...origins)
    } else if (a === "--return-url") {
      const url = argv[++i]
      if (!url || !/^https?:\/\//.test(url)) fail(`--return-url needs a URL such as "http://localhost:8000/checkout/3pay-return?cart_id={cart_id}"`)
      opts.returnUrl = url
    } else if (a === "--no-rate-limits") opts.rateLimits = false
    else if (a === "--reset") opts.reset = true
    else if (a === "--quiet") opts.quiet = true
    else if (a === "--help" || a === "-h") {
      console.log(HELP)
      process.exit(0)
    } else fail(`unknown option ${a}\n\n${HELP}`)
  }
  return opts
}

/** "http://a:1, http://b:2" → origins, each checked to be one (scheme, host, port; no path). */
function splitOrigins(value) {
  const origins = (value ?? "").split(",").map((o) => o.trim().replace(/\/+$/, "")).filter(Boolean)
  for (const o of origins) {
    let ok = false
    try {
      ok = new URL(o).origin === o
    } catch {}
    if (!ok) fail(`"${o}" is not an origin (scheme://host[:port], no path)`)
  }
  return origins
}

function fail(message) {
  console.error(message)
  process.exit(2)
}

function banner(d) {
  const rows = [
    ["Checkout page", d.checkoutUrl, "buy something, pay with USDT on TRC20 or ERC20"],
    ["Sent emails", d.emailsUrl, "what the shopper got (Medusa's local notification provider)"],
    ["Medusa admin", d.adminUrl, `${d.admin.email} / ${d.admin.password}`],
    ["Store API", d.storeUrl, `publishable key ${d.publishableKey}`],
    ["3PAY emulator", d.emulator.url, `payment pages /s/<code>, control API ${d.emulator.controlUrl}`],
    ["", "", `API key ${d.emulator.apiKey}, webhook secret ${d.emulator.webhookSecret} (public test values)`],
    ["Logs", d.logs, ""],
  ]
  if (d.storeCors.length) rows.splice(3, 0, ["", "", `store API also open to ${d.storeCors.join(", ")}`])
  if (d.returnUrl) rows.splice(3, 0, ["", "", `3PAY's page returns to ${d.returnUrl}`])
  const w0 = Math.max(...rows.map((r) => r[0].length))
  const w1 = Math.max(...rows.map((r) => r[1].length))
  const lines = rows.map(([a, b, c]) => `  ${a.padEnd(w0)}  ${b.padEnd(w1)}  ${c}`.trimEnd())
  return `\n  The 3PAY demo store is running.\n\n${lines.join("\n")}\n\n  Ctrl-C stops everything.\n`
}

const opts = parseArgs(process.argv.slice(2))
const started = Date.now()
let demo = null
let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  if (demo) await demo.stop()
  process.exit(0)
}
process.on("SIGINT", stop)
process.on("SIGTERM", stop)

try {
  demo = await spawnDemo(opts)
  console.log(banner(demo) + `  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`)
  // The child exiting on its own (a crash) ends the demo too.
  demo.exited.then((code) => {
    if (!stopping) {
      console.error(`[demo] stopped unexpectedly (${code}); see ${demo.logs}`)
      process.exit(1)
    }
  })
} catch (e) {
  if (!stopping) {
    console.error(`\n[demo] could not start: ${e instanceof Error ? e.message : e}`)
    process.exit(1)
  }
}
