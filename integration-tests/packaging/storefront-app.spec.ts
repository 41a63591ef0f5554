/**
 * A storefront developer's first hour: a fresh React 19 app (Vite 7, no
 * React plugin: esbuild's automatic JSX) installs the packed
 * medusa-payment-3pay-storefront with a plain `npm install` (no flags), with
 * the client's tarball beside it (not on the npm registry yet), type-checks
 * against the published types and builds. npm must not report ERESOLVE or
 * override a peer, and no Medusa server package may come along.
 */
import fs from "node:fs"
import path from "node:path"
import { PACKAGES, ROOT, childEnv, expectSuccess, packAll, readJson, removeDir, run, tempDir, type Packed } from "./helpers"

/** The versions the repository already uses (in npm's cache), except React: 19 here. */
const repoVersion = (name: string) => readJson(path.join(ROOT, "node_modules", name, "package.json")).version as string

let packed: Packed
let app: string
const env = () => childEnv({ npm_config_update_notifier: "false" })

const files: Record<string, string> = {
  "index.html": `<!doctype html>
<html><head><meta charset="utf-8" /><title>checkout</title></head>
<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>
`,
  "vite.config.js": `// Plain Vite: esbuild compiles the JSX (no @vitejs/plugin-react).
export default { esbuild: { jsx: "automatic" }, logLevel: "warn" }
`,
  "src/main.tsx": `import Medusa from "@medusajs/js-sdk"
import { StrictMode } from "react"
import { createRoot } from "react-dom/client"
import { DEFAULT_LABELS, ThreePayPayment, type ThreePayPlacedOrder } from "medusa-payment-3pay-storefront"

const sdk = new Medusa({ baseUrl: "http://localhost:9000", publishableKey: "pk_test" })

function Payment({ cartId }: { cartId: string }) {
  const done = (order: ThreePayPlacedOrder) => window.location.assign("/order/" + order.id + "/confirmed")
  return <ThreePayPayment sdk={sdk} cartId={cartId} network="TRC20" onOrderPlaced={done} />
}

document.title = DEFAULT_LABELS.title
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <Payment cartId="cart_01" />
  </StrictMode>
)
`,
  // What an SSR storefront's server imports (the Next.js guide, step 5): it must resolve under both settings below.
  "src/server-side.ts": `import { threepayClientHeaders } from "medusa-payment-3pay-storefront/server"

export const signed: Record<string, string> = threepayClientHeaders({ "x-forwarded-for": "203.0.113.7" }, { secret: "0123456789abcdef0123" })
`,
  // A Vite app's TypeScript settings, and the Next.js starter's older "node" resolution.
  "tsconfig.json": JSON.stringify({
    compilerOptions: {
      target: "ES2020",
      lib: ["ES2020", "DOM", "DOM.Iterable"],
      module: "ESNext",
      moduleResolution: "bundler",
      jsx: "react-jsx",
      strict: true,
      noEmit: true,
      skipLibCheck: true,
    },
    include: ["src"],
  }),
  "tsconfig.node.json": JSON.stringify({ extends: "./tsconfig.json", compilerOptions: { moduleResolution: "node" } }),
  // Server rendering and Node's own loaders: the ES module build and the CommonJS one.
  "ssr.mjs": `import { createElement } from "react"
import { renderToString } from "react-dom/server"
import { ThreePayPayment } from "medusa-payment-3pay-storefront"
console.log("esm", renderToString(createElement(ThreePayPayment, { sdk: {}, cartId: "cart_01", onOrderPlaced() {} })).length > 0)
`,
  "ssr.cjs": `const { createElement } = require("react")
const { renderToString } = require("react-dom/server")
const { ThreePayPayment } = require("medusa-payment-3pay-storefront")
console.log("cjs", renderToString(createElement(ThreePayPayment, { sdk: {}, cartId: "cart_01", onOrderPlaced() {} })).length > 0)
`,
}

beforeAll(async () => {
  packed = await packAll()
  app = tempDir("react19-app")
  // The tarballs as a developer would have downloaded them, next to the app.
  const tgz = (k: "storefront" | "client") => {
    fs.copyFileSync(packed.tarballs[k], path.join(app, path.basename(packed.tarballs[k])))
    return `file:./${path.basename(packed.tarballs[k])}`
  }
  const pkg = {
    name: "threepay-react19-app",
    private: true,
    version: "0.0.0",
    type: "module",
    scripts: { typecheck: "tsc -p tsconfig.json && tsc -p tsconfig.node.json", build: "vite build" },
    dependencies: {
      [PACKAGES.storefront]: tgz("storefront"),
      [PACKAGES.client]: tgz("client"),
      "@medusajs/js-sdk": repoVersion("@medusajs/js-sdk"),
      react: "^19.0.0",
      "react-dom": "^19.0.0",
    },
    devDependencies: {
      "@types/react": "^19.0.0",
      "@types/react-dom": "^19.0.0",
      typescript: repoVersion("typescript"),
      vite: repoVersion("vite"),
    },
  }
  fs.writeFileSync(path.join(app, "package.json"), JSON.stringify(pkg, null, 2) + "\n")
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(app, name)), { recursive: true })
    fs.writeFileSync(path.join(app, name), text)
  }
})
afterAll(() => removeDir(app))

it("installs with a plain `npm install`: no ERESOLVE, no peer overridden", async () => {
  const r = await run("npm", ["install"], { cwd: app, env: env(), timeoutMs: 300_000 })
  expect(r.output).not.toMatch(/ERESOLVE|overriding peer dependency|conflicting peer dependency|invalid: /i)
  expectSuccess("npm install", r)
})

it("brings React 19 and no Medusa server package", () => {
  const nm = path.join(app, "node_modules")
  expect(readJson(path.join(nm, "react", "package.json")).version).toMatch(/^19\./)
  expect(readJson(path.join(nm, "react-dom", "package.json")).version).toMatch(/^19\./)
  const server = ["@medusajs/framework", "@medusajs/medusa", "@medusajs/ui", "@medusajs/icons", "@medusajs/admin-sdk", "medusa-payment-3pay"]
  expect(server.filter((n) => fs.existsSync(path.join(nm, n)))).toEqual([])
  // One React: nothing nested a copy of its own.
  const nested = fs.readdirSync(nm).filter((d) => fs.existsSync(path.join(nm, d, "node_modules", "react")))
  expect(nested).toEqual([])
})

it("type-checks against the published types (bundler and node resolution)", async () => {
  expectSuccess("tsc", await run("npm", ["run", "typecheck", "--silent"], { cwd: app, env: env() }))
})

it("builds with Vite, bundling the component on React 19", async () => {
  expectSuccess("vite build", await run("npm", ["run", "build", "--silent"], { cwd: app, env: env() }))
  const assets = path.join(app, "dist", "assets")
  const js = fs.readdirSync(assets).filter((f) => f.endsWith(".js"))
  const bundle = js.map((f) => fs.readFileSync(path.join(assets, f), "utf8")).join("\n")
  expect(bundle).toContain("threepay-payment")
  expect(bundle).toContain(readJson(path.join(app, "node_modules", "react-dom", "package.json")).version)
})

it("renders on the server from both the ES module and the CommonJS build", async () => {
  for (const script of ["ssr.mjs", "ssr.cjs"]) {
    const r = await run(process.execPath, [script], { cwd: app, env: env() })
    expectSuccess(`node ${script}`, r)
    expect(r.output.trim().split("\n").pop()).toBe(`${script === "ssr.mjs" ? "esm" : "cjs"} true`)
  }
})
