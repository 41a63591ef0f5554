// The demo's checkout page: a small storefront app in <workDir>/checkout-app
// that installs the packed medusa-payment-3pay-storefront (with the client's
// tarball beside it: not on the npm registry yet), React and
// @medusajs/js-sdk with a plain `npm install`, bundled with esbuild (vite's
// own dependency) into <workDir>/checkout and served by a tiny static server
// with /config.js.
import fs from "node:fs"
import http from "node:http"
import { createRequire } from "node:module"
import path from "node:path"
import { renderEmailsPage } from "./emails-page.mjs"
import { DEMO_SRC, ROOT, hashFiles, hashString, listFiles, npmInstall, readText, seconds } from "./util.mjs"

const SRC = path.join(DEMO_SRC, "checkout")
const STOREFRONT = "medusa-payment-3pay-storefront"

/** The versions the repository itself uses (already in npm's cache). */
const installed = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", name, "package.json"), "utf8")).version

/**
 * Installs and bundles the page when its sources or the packed storefront
 * changed. Its payment step is the installed package's
 * `medusa-payment-3pay-storefront` (its ES module build, as a storefront's
 * bundler picks it).
 */
export async function buildCheckout({ workDir, packed, logs, log }) {
  const appDir = path.join(workDir, "checkout-app")
  const outDir = path.join(workDir, "checkout")
  const tarball = (key) => `file:${path.relative(appDir, packed.tarballs[key])}`
  const pkg = {
    name: "medusa-3pay-demo-checkout",
    private: true,
    version: "0.0.0",
    description: "Written by `npm run demo` (scripts/demo/checkout.mjs): the demo's checkout page as a storefront installs the component.",
    dependencies: {
      [STOREFRONT]: tarball("storefront"),
      "medusa-payment-3pay-client": tarball("client"),
      "@medusajs/js-sdk": installed("@medusajs/js-sdk"),
      react: installed("react"),
      "react-dom": installed("react-dom"),
    },
  }
  const files = listFiles(SRC)
  const { storefront, client } = packed.hashes
  const installHash = hashString([storefront, client, JSON.stringify(pkg)].join("|"))
  const hash = hashString([hashFiles(files.map((f) => [f, path.join(SRC, f)])), installHash].join("|"))
  const marker = path.join(outDir, ".build-hash")
  if (readText(marker) === hash && fs.existsSync(path.join(outDir, "app.js"))) {
    log(`checkout: page unchanged`)
    return { outDir }
  }
  const t0 = Date.now()
  fs.mkdirSync(appDir, { recursive: true })
  fs.writeFileSync(path.join(appDir, "package.json"), JSON.stringify(pkg, null, 2) + "\n")
  const installMarker = path.join(appDir, "node_modules", ".demo-install-hash")
  if (readText(installMarker) !== installHash) {
    log(`checkout: npm install (the storefront and client tarballs, React, js-sdk)…`)
    await npmInstall(appDir, { logFile: path.join(logs, "checkout-npm-install.log") })
    fs.writeFileSync(installMarker, installHash)
  }
  // The page's sources go into the app, so that every import resolves from
  // its node_modules first, as in a storefront of its own.
  const src = path.join(appDir, "src")
  fs.rmSync(src, { recursive: true, force: true })
  for (const rel of files) {
    fs.mkdirSync(path.dirname(path.join(src, rel)), { recursive: true })
    fs.copyFileSync(path.join(SRC, rel), path.join(src, rel))
  }
  const esbuild = createRequire(path.join(ROOT, "package.json"))("esbuild")
  fs.rmSync(outDir, { recursive: true, force: true })
  const { metafile } = await esbuild.build({
    entryPoints: { app: path.join(src, "main.tsx") },
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    minify: true,
    sourcemap: true,
    metafile: true,
    logLevel: "silent",
    absWorkingDir: appDir,
    define: { "process.env.NODE_ENV": '"production"' },
  })
  // Everything bundled from a package must come from the app's own
  // node_modules, never from the repository's (its workspace links).
  // ("(disabled):…" are modules a package's `browser` field switches off.)
  const strays = Object.keys(metafile.inputs).filter(
    (f) => f.includes("node_modules") && !f.startsWith("node_modules/") && !f.startsWith("(disabled):")
  )
  if (strays.length) throw new Error(`the checkout page bundled files from outside ${appDir}/node_modules:\n  ${strays.slice(0, 5).join("\n  ")}`)
  if (!Object.keys(metafile.inputs).some((f) => f.startsWith(`node_modules/${STOREFRONT}/dist/`))) {
    throw new Error(`the checkout page did not bundle the installed ${STOREFRONT}`)
  }
  fs.copyFileSync(path.join(SRC, "index.html"), path.join(outDir, "index.html"))
  fs.writeFileSync(marker, hash)
  log(`checkout: installed and bundled the page (${seconds(t0)})`)
  return { outDir }
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".map": "application/json", ".svg": "image/svg+xml" }

/**
 * Serves the bundle; every path without a file extension is the page
 * (client-side routing), except /emails: the emails the store sent
 * (scripts/demo/emails-page.mjs), when `emails` says how to read them.
 */
export function serveCheckout({ outDir, port, host = "127.0.0.1", config, emails }) {
  const configJs = `window.DEMO_CONFIG = ${JSON.stringify(config)};\n`
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x")
    if (url.pathname === "/emails" && emails) {
      renderEmailsPage(emails).then((html) => {
        res.writeHead(200, { "content-type": TYPES[".html"], "cache-control": "no-store" })
        res.end(html)
      })
      return
    }
    if (url.pathname === "/config.js") {
      res.writeHead(200, { "content-type": TYPES[".js"], "cache-control": "no-store" })
      return res.end(configJs)
    }
    const ext = path.extname(url.pathname)
    const file = ext ? path.join(outDir, path.normalize(url.pathname).replace(/^([/\\])+/, "")) : path.join(outDir, "index.html")
    if (!file.startsWith(outDir) || !fs.existsSync(file)) {
      res.writeHead(404, { "content-type": "text/plain" })
      return res.end("not found")
    }
    res.writeHead(200, { "content-type": TYPES[ext || ".html"] ?? "application/octet-stream", "cache-control": "no-cache" })
    fs.createReadStream(file).pipe(res)
  })
  return new Promise((resolve, reject) => {
    server.once("error", reject)
    server.listen(port, host, () => {
      resolve({
        port: server.address().port,
        stop: () => new Promise((r) => (server.close(() => r()), server.closeAllConnections())),
      })
    })
  })
}
