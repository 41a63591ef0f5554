// The demo store as a library: `startDemo()` brings up PostgreSQL, the 3PAY
// emulator, a Medusa store with the packed plugin installed, and the checkout
// page built on the packed storefront component, and
// returns their URLs and a stop(). `spawnDemo()` runs the same in a child
// process (what `npm run demo`, the screenshots and the browser tests use).
import { spawn } from "node:child_process"
import fs from "node:fs"
import { createRequire } from "node:module"
import path from "node:path"
import { ensurePostgres } from "../lib/postgres.mjs"
import { createDatabase, databaseExists, dropDatabase, listDatabases, readMeta } from "./db.mjs"
import { buildCheckout, serveCheckout } from "./checkout.mjs"
import { ADMIN, checkSingleFramework, ensureBuilt, ensureDatabase, installHostApp, medusaEnv, startMedusa, writeHostApp } from "./host-app.mjs"
import { ensurePacked } from "./pack.mjs"
import { ROOT, abortAll, freePort, portInUse, seconds } from "./util.mjs"

export const DEFAULT_PORTS = { backend: 9000, emulator: 4010, checkout: 8000 }
// The demo's own embedded PostgreSQL port, away from 5432: `npm test` (or a
// system PostgreSQL) can then run next to a running demo.
const DEMO_PG_PORT = 54329

/**
 * @param {{
 *   workDir?: string, ports?: Partial<typeof DEFAULT_PORTS>, database?: string,
 *   fresh?: boolean, reset?: boolean, rateLimits?: boolean, quiet?: boolean,
 *   log?: (m: string) => void, emulatorLog?: (line: string) => void,
 *   storeCors?: string[], returnUrl?: string
 * }} [opts]
 *   ports: 0 picks a free port. fresh: run on a throwaway copy of the seeded
 *   database (dropped by stop()), so every test file starts from the same store.
 *   reset: drop the demo's database first (migrated and seeded again).
 *   storeCors: more origins allowed to call the store API (a storefront of
 *   your own); returnUrl: where 3PAY's page sends the shopper back
 *   ({cart_id} replaced; default: the demo's checkout page).
 */
export async function startDemo(opts = {}) {
  const t0 = Date.now()
  const workDir = path.resolve(opts.workDir ?? path.join(ROOT, ".demo"))
  const storeDir = path.join(workDir, "store")
  const logs = path.join(workDir, "logs")
  const log = opts.log ?? (opts.quiet ? () => {} : (m) => console.log(`[demo] ${m}`))
  const database = opts.database ?? "medusa_3pay_demo"
  fs.mkdirSync(logs, { recursive: true })

  const ports = await pickPorts({ ...DEFAULT_PORTS, ...opts.ports })
  const urls = {
    backend: `http://localhost:${ports.backend}`,
    admin: `http://localhost:${ports.backend}/app`,
    checkout: `http://localhost:${ports.checkout}`,
    emulator: `http://localhost:${ports.emulator}`,
  }

  const cleanups = []
  const stop = async () => {
    while (cleanups.length) await cleanups.pop()().catch((e) => log(`stop: ${e.message}`))
  }
  try {
    const pg = await startPostgres({ workDir, log })
    cleanups.push(() => pg.stop())
    // The four packages, built and packed as `npm publish` would.
    const packed = await ensurePacked({ workDir, log })
    const pluginHash = packed.hashes.plugin
    if (opts.reset) {
      log(`database: --reset, dropping ${database}`)
      await dropDatabase(pg, database)
    } else if (opts.fresh && (await databaseExists(pg, database))) {
      // Tests migrate a changed plugin from an empty database, as CI does: a
      // migration rewritten during development must not meet its old tables.
      if ((await readMeta(pg, database)).migrated !== pluginHash) await dropDatabase(pg, database)
    }
    if (!(await databaseExists(pg, database))) await createDatabase(pg, database)

    const { buildHash, installHash } = writeHostApp({ storeDir, packed })
    await installHostApp({ storeDir, installHash, logs, log })
    checkSingleFramework({ storeDir, pluginDir: path.join(storeDir, "node_modules", "medusa-payment-3pay") })
    // The emulator as a store owner would import it from the installed
    // package (medusa-payment-3pay-emulator, a dev dependency of the store).
    const emulatorModule = createRequire(path.join(storeDir, "package.json"))("medusa-payment-3pay-emulator")
    const keys = {
      apiKey: emulatorModule.DEFAULT_API_KEY,
      apiSecret: emulatorModule.DEFAULT_API_SECRET,
      webhookSecret: emulatorModule.DEFAULT_WEBHOOK_SECRET,
    }

    let runDb = database
    const storeCors = opts.storeCors ?? []
    const env = (db) => medusaEnv({ pg, database: db, ports, urls, emulator: keys, storeCors, returnUrl: opts.returnUrl })
    const [, seed, checkout] = await allOrAbort([
      // Independent: the build needs no database, the seed no admin build.
      ensureBuilt({ storeDir, buildHash, env: env(database), logs, log }),
      ensureDatabase({ storeDir, pg, database, pluginHash, env: env(database), logs, log }),
      buildCheckout({ workDir, packed, logs, log }),
    ])
    if (opts.fresh) {
      await dropOrphanCopies(pg, database)
      runDb = `${database}_run_${process.pid}_${Date.now() % 100000}`
      await createDatabase(pg, runDb, { template: database })
      cleanups.push(() => dropDatabase(pg, runDb))
    }

    const emulator = await emulatorModule.startEmulator({
      port: ports.emulator,
      host: "127.0.0.1",
      publicUrl: urls.emulator,
      // The plugin's own webhook route (invoices also carry it, from backendUrl).
      webhookUrl: `http://127.0.0.1:${ports.backend}/hooks/3pay`,
      rateLimits: opts.rateLimits ?? true,
      logger: opts.emulatorLog,
    })
    cleanups.push(() => emulator.stop())

    const server = await serveCheckout({
      outDir: checkout.outDir,
      port: ports.checkout,
      config: { backendUrl: urls.backend, publishableKey: seed.publishableKey, adminUrl: urls.admin, emulatorUrl: urls.emulator },
      // The emails page reads the sent emails through the admin API, on the server side (the token never reaches the browser).
      emails: { backendUrl: `http://127.0.0.1:${ports.backend}`, admin: ADMIN },
    })
    cleanups.push(() => server.stop())

    const medusa = await startMedusa({ storeDir, env: env(runDb), port: ports.backend, logs, log })
    cleanups.push(() => medusa.stop())
    log(`ready in ${seconds(t0)}`)

    return {
      adminUrl: urls.admin,
      backendUrl: urls.backend,
      storeUrl: urls.backend,
      checkoutUrl: urls.checkout,
      emailsUrl: `${urls.checkout}/emails`,
      storeCors,
      returnUrl: medusaEnv({ pg, database: runDb, ports, urls, emulator: keys, storeCors, returnUrl: opts.returnUrl }).THREEPAY_RETURN_URL,
      emulator: { url: urls.emulator, controlUrl: `${urls.emulator}/_control`, apiBase: `${urls.emulator}/api/v1`, ...keys },
      admin: { ...ADMIN },
      publishableKey: seed.publishableKey,
      regionId: seed.regionId,
      ports,
      database: runDb,
      postgres: { host: pg.host, port: pg.port, embedded: pg.embedded },
      logs,
      stop,
    }
  } catch (e) {
    await stop()
    throw e
  }
}

/**
 * Promise.all for the parallel build steps, except that when one fails the
 * others' processes are stopped (and awaited) before the error goes on: no
 * migration keeps running against a database that is being stopped.
 */
async function allOrAbort(promises) {
  try {
    return await Promise.all(promises)
  } catch (e) {
    abortAll()
    await Promise.allSettled(promises)
    throw e
  }
}

async function pickPorts(wanted) {
  const ports = {}
  for (const [name, port] of Object.entries(wanted)) {
    if (!port) ports[name] = await freePort()
    else if (await portInUse(port)) {
      throw new Error(`port ${port} (${name}) is in use; pick another one (npm run demo -- --help)`)
    } else ports[name] = Number(port)
  }
  return ports
}

// Throwaway copies of runs that were killed before their stop(): the pid in
// the name no longer exists.
async function dropOrphanCopies(pg, database) {
  for (const name of await listDatabases(pg, `${database}_run_`)) {
    const pid = Number(name.slice(`${database}_run_`.length).split("_")[0])
    let alive = false
    try {
      process.kill(pid, 0)
      alive = true
    } catch {}
    if (!alive) await dropDatabase(pg, name)
  }
}

async function startPostgres({ workDir, log }) {
  // No DB_HOST/DB_PORT and nothing on 5432: the demo's own persistent embedded
  // PostgreSQL on its own port (whose login we then know, so one left running
  // by a killed demo is simply reused).
  if (!process.env.DB_HOST && !process.env.DB_PORT && !(await portInUse(5432, "localhost"))) {
    Object.assign(process.env, { DB_PORT: String(DEMO_PG_PORT), DB_USERNAME: "postgres", DB_PASSWORD: "postgres" })
  }
  return ensurePostgres({ log: (m) => log(m.replace(/^\[postgres\] /, "postgres: ")), dataDir: path.join(workDir, "pg"), persistent: true })
}

/**
 * Runs startDemo() in a child process (scripts/demo/run.mjs) in its own
 * process group: a Ctrl-C in the terminal reaches only the caller, which then
 * stops Medusa before the database. The child also stops everything when
 * its parent goes away (IPC disconnect).
 * @returns {Promise<Awaited<ReturnType<typeof startDemo>>>}
 */
export function spawnDemo(opts = {}, { output = "inherit" } = {}) {
  // Functions cannot cross the process boundary; `emulatorLog: true` can.
  const serializable = Object.fromEntries(Object.entries(opts).filter(([, v]) => typeof v !== "function"))
  const child = spawn(process.execPath, [path.join(ROOT, "scripts", "demo", "run.mjs")], {
    env: { ...process.env, DEMO_OPTIONS: JSON.stringify(serializable) },
    stdio: ["ignore", output, output, "ipc"],
    detached: true,
  })
  const exited = new Promise((r) => child.once("exit", r))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
    await exited
  }
  return new Promise((resolve, reject) => {
    child.on("message", (msg) => {
      if (msg?.type === "ready") resolve({ ...msg.info, stop, child, exited })
      if (msg?.type === "error") reject(new Error(msg.message))
    })
    child.once("exit", (code, signal) => reject(new Error(`the demo exited (${signal ?? code}) before it was ready`)))
  })
}
