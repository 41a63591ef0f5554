// The demo store: a Medusa app in <workDir>/store that installs the packed
// plugin as a store owner does: `npm install` of its tarball, with the
// client's tarball beside it (medusa-payment-3pay-client is not on the npm
// registry yet) and the emulator's as a dev dependency. Medusa itself is
// listed in its package.json but not installed there: Node finds @medusajs/*
// by walking up to the repository's node_modules, so the demo costs no second
// Medusa install (and runs on the very Medusa the tests use).
import { spawn } from "node:child_process"
import { createRequire } from "node:module"
import fs from "node:fs"
import path from "node:path"
import { DEMO_SRC, MEDUSA_CLI, ROOT, hashFiles, hashString, listFiles, medusa, npmInstall, readText, seconds, stopGroup, tail, track, waitForHttp } from "./util.mjs"
import { databaseUrl, readMeta, writeMeta } from "./db.mjs"

const TEMPLATE = path.join(DEMO_SRC, "store")
const ROOT_PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"))

export const ADMIN = { email: "admin@example.com", password: "supersecret" }
// What a Medusa app depends on (the medusa CLI looks for them in package.json).
const MEDUSA_PACKAGES = ["@medusajs/framework", "@medusajs/medusa", "@medusajs/cli"]

/**
 * Writes the host app's files.
 * @param {{ storeDir: string, packed: Awaited<ReturnType<typeof import("./pack.mjs").ensurePacked>> }} o
 * @returns {{ buildHash: string, installHash: string }} what `medusa build`
 *   and what the store's `npm install` depend on
 */
export function writeHostApp({ storeDir, packed }) {
  const files = listFiles(TEMPLATE)
  for (const rel of files) {
    const to = path.join(storeDir, rel)
    fs.mkdirSync(path.dirname(to), { recursive: true })
    fs.copyFileSync(path.join(TEMPLATE, rel), to)
  }
  const medusaVersion = ROOT_PKG.devDependencies["@medusajs/medusa"]
  const tarball = (key) => `file:${path.relative(storeDir, packed.tarballs[key])}`
  const pkg = {
    name: "medusa-3pay-demo-store",
    private: true,
    version: "0.0.0",
    description: "Written by `npm run demo` (scripts/demo/host-app.mjs).",
    "//":
      "npm run demo installs only the medusa-payment-3pay* tarballs here; @medusajs/* come from the plugin " +
      "repository's node_modules. medusa-payment-3pay-client comes from its tarball because it is not on the npm registry yet.",
    scripts: { build: "medusa build", start: "medusa start", seed: "medusa exec ./src/scripts/seed-demo.ts" },
    dependencies: {
      ...Object.fromEntries(MEDUSA_PACKAGES.map((name) => [name, medusaVersion])),
      "medusa-payment-3pay": tarball("plugin"),
      "medusa-payment-3pay-client": tarball("client"),
    },
    devDependencies: {
      "medusa-payment-3pay-emulator": tarball("emulator"),
    },
  }
  // The Medusa app starter's tsconfig.
  const tsconfig = {
    compilerOptions: {
      target: "ES2021",
      esModuleInterop: true,
      module: "Node16",
      moduleResolution: "Node16",
      emitDecoratorMetadata: true,
      experimentalDecorators: true,
      skipLibCheck: true,
      skipDefaultLibCheck: true,
      declaration: false,
      sourceMap: false,
      inlineSourceMap: true,
      outDir: "./.medusa/server",
      rootDir: "./",
      jsx: "react-jsx",
      forceConsistentCasingInFileNames: true,
      resolveJsonModule: true,
      checkJs: false,
      strictNullChecks: true,
    },
    "ts-node": { swc: true },
    include: ["**/*", ".medusa/types/*"],
    exclude: ["node_modules", ".medusa/server", ".medusa/admin", ".cache"],
  }
  const generated = { "package.json": pkg, "tsconfig.json": tsconfig }
  for (const [name, json] of Object.entries(generated)) {
    fs.writeFileSync(path.join(storeDir, name), JSON.stringify(json, null, 2) + "\n")
  }
  const { plugin, client, emulator } = packed.hashes
  return {
    // The admin bundles the plugin's widgets and, through them, the client's store-api.
    buildHash: hashString(
      [plugin, client, hashFiles(files.map((f) => [f, path.join(TEMPLATE, f)])), JSON.stringify(generated)].join("|")
    ),
    installHash: hashString([plugin, client, emulator, JSON.stringify(pkg)].join("|")),
  }
}

/** `npm install` in the store, only when a tarball or the package.json changed. */
export async function installHostApp({ storeDir, installHash, logs, log }) {
  const marker = path.join(storeDir, "node_modules", ".demo-install-hash")
  if (readText(marker) === installHash) {
    log(`store: packages unchanged`)
    return false
  }
  const t0 = Date.now()
  log(`store: npm install (the plugin, client and emulator tarballs)…`)
  // npm sees the package.json without the Medusa packages (they resolve from
  // the repository), then gets the whole one back.
  const file = path.join(storeDir, "package.json")
  const whole = fs.readFileSync(file, "utf8")
  const pkg = JSON.parse(whole)
  for (const name of MEDUSA_PACKAGES) delete pkg.dependencies[name]
  fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")
  try {
    await npmInstall(storeDir, { logFile: path.join(logs, "store-npm-install.log") })
  } finally {
    fs.writeFileSync(file, whole)
  }
  fs.writeFileSync(marker, installHash)
  log(`store: installed (${seconds(t0)})`)
  return true
}

/**
 * The store must use the very @medusajs/framework the plugin uses: two
 * copies mean two module registries and a plugin Medusa cannot see.
 */
export function checkSingleFramework({ storeDir, pluginDir }) {
  // The package root of whatever `require("@medusajs/framework")` loads from `dir`.
  const from = (dir) => {
    const entry = fs.realpathSync(createRequire(path.join(dir, "noop.js")).resolve("@medusajs/framework"))
    return entry.slice(0, entry.lastIndexOf(`${path.sep}framework${path.sep}`) + "/framework".length)
  }
  const store = from(storeDir)
  const plugin = from(fs.realpathSync(pluginDir))
  const cli = from(path.dirname(MEDUSA_CLI))
  if (store !== plugin || store !== cli) {
    throw new Error(`@medusajs/framework resolves to different copies:\n  store  ${store}\n  plugin ${plugin}\n  cli    ${cli}`)
  }
  return store
}

/** `medusa build` (backend + admin with the plugin's widgets), only when its inputs changed. */
export async function ensureBuilt({ storeDir, buildHash, env, logs, log }) {
  const out = path.join(storeDir, ".medusa", "server")
  const marker = path.join(out, ".demo-build-hash")
  if (readText(marker) === buildHash && fs.existsSync(path.join(out, "public", "admin", "index.html"))) {
    log(`store: admin build unchanged`)
    return false
  }
  const t0 = Date.now()
  log(`store: medusa build (backend + admin dashboard, about a minute)…`)
  await medusa(["build"], { cwd: storeDir, env, logFile: path.join(logs, "medusa-build.log") })
  // `medusa start` runs from the build output; its dependencies are the store's.
  fs.symlinkSync(path.join("..", "..", "node_modules"), path.join(out, "node_modules"), "dir")
  fs.writeFileSync(marker, buildHash)
  log(`store: built (${seconds(t0)})`)
  return true
}

/**
 * Migrations, the admin user and the seed, each done once per database and
 * plugin build (recorded in the database's demo_meta table).
 */
export async function ensureDatabase({ storeDir, pg, database, pluginHash, env, logs, log }) {
  const meta = await readMeta(pg, database)
  if (meta.migrated !== pluginHash) {
    const t0 = Date.now()
    log(`database: medusa db:migrate…`)
    await medusa(["db:migrate"], { cwd: storeDir, env, logFile: path.join(logs, "db-migrate.log") })
    await writeMeta(pg, database, { migrated: pluginHash })
    log(`database: migrated (${seconds(t0)})`)
  }
  // One after the other: each `medusa` command boots Medusa, and on a fresh
  // database every boot creates the store's defaults; two at once race
  // ("Price preference … already exists"). The seed goes first.
  const tasks = []
  let seed = meta.seed
  if (!seed) {
    const out = path.join(logs, "seed.json")
    tasks.push(async () => {
      fs.rmSync(out, { force: true })
      await medusa(["exec", "./src/scripts/seed-demo.ts"], {
        cwd: storeDir,
        env: { ...env, DEMO_SEED_OUT: out },
        logFile: path.join(logs, "seed.log"),
      })
      seed = JSON.parse(fs.readFileSync(out, "utf8"))
      await writeMeta(pg, database, { seed })
    })
  }
  if (!meta.admin) {
    tasks.push(async () => {
      await medusa(["user", "-e", ADMIN.email, "-p", ADMIN.password], {
        cwd: storeDir,
        env,
        logFile: path.join(logs, "medusa-user.log"),
      })
      await writeMeta(pg, database, { admin: ADMIN.email })
    })
  }
  if (tasks.length) {
    const t0 = Date.now()
    log(`database: ${meta.seed ? "" : "seed"}${!meta.seed && !meta.admin ? ", " : ""}${meta.admin ? "" : "admin user"}…`)
    for (const task of tasks) await task()
    log(`database: ready (${seconds(t0)})`)
  } else {
    log(`database: admin user and seed already there`)
  }
  return seed
}

/** `medusa start` from the build output, in its own process group. */
export async function startMedusa({ storeDir, env, port, logs, log }) {
  const cwd = path.join(storeDir, ".medusa", "server")
  const logFile = path.join(logs, "medusa.log")
  const fd = fs.openSync(logFile, "w")
  const t0 = Date.now()
  const child = spawn(process.execPath, [MEDUSA_CLI, "start"], {
    cwd,
    env: { ...env, PORT: String(port) },
    // Detached: a Ctrl-C in the terminal reaches the demo, which then stops
    // Medusa before the database, in that order.
    detached: true,
    stdio: ["ignore", fd, fd],
  })
  fs.closeSync(fd)
  track(child, { group: true })
  try {
    await waitForHttp(`http://127.0.0.1:${port}/health`, { child, what: "medusa start", timeoutMs: 120_000 })
  } catch (e) {
    await stopGroup(child)
    throw new Error(`${e.message}; log ${logFile}:\n${tail(logFile)}`)
  }
  log(`store: medusa start ready on port ${port} (${seconds(t0)})`)
  return { child, logFile, stop: () => stopGroup(child) }
}

/** The demo's storefront secret (a local demo only; a real store sets its own). */
export const DEMO_STOREFRONT_SECRET = "demo-storefront-secret-change-me"

/**
 * The environment of every Medusa command of the demo. `storeCors`: extra
 * origins for the store API (a storefront of your own), on top of the demo's
 * and of a STORE_CORS already in the environment; `returnUrl`: where 3PAY's
 * page sends the shopper back (default: the demo's checkout page).
 */
export function medusaEnv({ pg, database, ports, urls, emulator, storeCors = [], returnUrl }) {
  const origins = (port) => [`http://localhost:${port}`, `http://127.0.0.1:${port}`]
  const fromEnv = (process.env.STORE_CORS ?? "").split(",").map((o) => o.trim()).filter(Boolean)
  const extra = [...new Set([...storeCors, ...fromEnv])]
  const store = [...origins(ports.checkout), ...origins(ports.backend), ...extra].join(",")
  const admin = origins(ports.backend).join(",")
  return {
    ...process.env,
    NODE_ENV: "production",
    MEDUSA_DISABLE_TELEMETRY: "true",
    LOG_LEVEL: process.env.DEMO_LOG_LEVEL || "info",
    DATABASE_URL: databaseUrl(pg, database),
    STORE_CORS: store,
    ADMIN_CORS: admin,
    AUTH_CORS: [admin, store].join(","),
    THREEPAY_API_KEY: emulator.apiKey,
    THREEPAY_API_SECRET: emulator.apiSecret,
    THREEPAY_WEBHOOK_SECRET: emulator.webhookSecret,
    THREEPAY_BASE_URL: `http://127.0.0.1:${ports.emulator}/api/v1`,
    THREEPAY_BACKEND_URL: `http://127.0.0.1:${ports.backend}`,
    STOREFRONT_URL: urls.checkout,
    THREEPAY_RETURN_URL: returnUrl || `${urls.checkout}/checkout?cart_id={cart_id}`,
    // What an SSR storefront signs the shopper's IP with (the README's Next.js guide, step 5).
    THREEPAY_STOREFRONT_SECRET: process.env.DEMO_STOREFRONT_SECRET || DEMO_STOREFRONT_SECRET,
  }
}
