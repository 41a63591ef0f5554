// The demo's checkout page: bundled with esbuild (vite's own dependency) into
// <workDir>/checkout and served by a tiny static server with /config.js.
import fs from "node:fs"
import http from "node:http"
import { createRequire } from "node:module"
import path from "node:path"
import { DEMO_SRC, ROOT, hashFiles, hashString, listFiles, readText, seconds } from "./util.mjs"

const SRC = path.join(DEMO_SRC, "checkout")
const STOREFRONT = path.join(".medusa", "server", "src", "storefront", "index.js")

/**
 * Bundles the page when its sources or the installed plugin changed. Its
 * payment step is the installed package's `medusa-payment-3pay/storefront`.
 */
export async function buildCheckout({ workDir, plugin, log }) {
  const outDir = path.join(workDir, "checkout")
  const component = path.join(plugin.dir, STOREFRONT)
  if (!fs.existsSync(component)) {
    throw new Error(`the packed plugin has no ${STOREFRONT} (medusa-payment-3pay/storefront): is src/storefront there?`)
  }
  const files = listFiles(SRC)
  const hash = hashString([hashFiles(files.map((f) => [f, path.join(SRC, f)])), plugin.hash].join("|"))
  const marker = path.join(outDir, ".build-hash")
  if (readText(marker) === hash && fs.existsSync(path.join(outDir, "app.js"))) {
    log(`checkout: page unchanged`)
    return { outDir }
  }
  const t0 = Date.now()
  // esbuild comes with vite (a dev dependency of the plugin).
  const esbuild = createRequire(path.join(ROOT, "package.json"))("esbuild")
  fs.rmSync(outDir, { recursive: true, force: true })
  await esbuild.build({
    entryPoints: { app: path.join(SRC, "main.tsx") },
    outdir: outDir,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2020",
    jsx: "automatic",
    minify: true,
    sourcemap: true,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
    plugins: [
      {
        name: "threepay-storefront",
        setup(b) {
          // Exactly the installed package (not the repository's own build,
          // which Node's self-reference would find from scripts/).
          b.onResolve({ filter: /^medusa-payment-3pay\/storefront$/ }, () => ({ path: component }))
        },
      },
    ],
  })
  fs.copyFileSync(path.join(SRC, "index.html"), path.join(outDir, "index.html"))
  fs.writeFileSync(marker, hash)
  log(`checkout: bundled the page (${seconds(t0)})`)
  return { outDir }
}

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css", ".map": "application/json", ".svg": "image/svg+xml" }

/** Serves the bundle; every path without a file extension is the page (client-side routing). */
export function serveCheckout({ outDir, port, host = "127.0.0.1", config }) {
  const configJs = `window.DEMO_CONFIG = ${JSON.stringify(config)};\n`
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x")
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
