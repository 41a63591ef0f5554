#!/usr/bin/env node
// Prepares what a Medusa cluster of the packed plugin needs, once per plugin
// build (cached, like the demo): the four tarballs (scripts/demo/pack.mjs),
// a host app in <workDir>/store that `npm install`s them as a store owner
// does, with scripts/cluster/store/medusa-config.ts (the Redis modules), and
// a migrated, seeded template database that every run copies. Prints one
// JSON line: { storeDir, template, seed, pluginHash, medusaCli }.
//
//   node scripts/cluster/prepare.mjs [--work-dir .demo/cluster] [--database medusa_3pay_cluster]
//
// PostgreSQL comes from DB_HOST/DB_PORT/DB_USERNAME/DB_PASSWORD (npm test sets
// them). Tarballs are packed into CLUSTER_PACK_DIR (default .demo/e2e, shared
// with the e2e suite); CLUSTER_PACKED_JSON=<file> uses tarballs packed
// elsewhere (the output of `node scripts/pack.mjs --json`) instead.
import fs from "node:fs"
import path from "node:path"
import { parseArgs } from "node:util"
import { ensurePostgres } from "../lib/postgres.mjs"
import { createDatabase, databaseExists, databaseUrl, dropDatabase, readMeta, writeMeta } from "../demo/db.mjs"
import { checkSingleFramework, installHostApp, writeHostApp } from "../demo/host-app.mjs"
import { ensurePacked } from "../demo/pack.mjs"
import { MEDUSA_CLI, ROOT, hashFiles, hashString, listFiles, medusa, seconds } from "../demo/util.mjs"

const TEMPLATE_SRC = path.join(ROOT, "scripts", "cluster", "store")
const SEED_HELPER = path.join(ROOT, "integration-tests", "helpers", "seed-store.ts")

/**
 * @param {{ workDir?: string, database?: string, log?: (m: string) => void }} [opts]
 */
export async function prepareCluster(opts = {}) {
  const t0 = Date.now()
  const workDir = path.resolve(opts.workDir ?? path.join(ROOT, ".demo", "cluster"))
  const storeDir = path.join(workDir, "store")
  const logs = path.join(workDir, "logs")
  const database = opts.database ?? "medusa_3pay_cluster"
  const log = opts.log ?? ((m) => console.error(`[cluster] ${m}`))
  fs.mkdirSync(logs, { recursive: true })

  // The tarballs are the e2e suite's (.demo/e2e/packs, same cache key): one build per tree for both suites.
  const packed = process.env.CLUSTER_PACKED_JSON
    ? JSON.parse(fs.readFileSync(process.env.CLUSTER_PACKED_JSON, "utf8"))
    : await ensurePacked({ workDir: path.resolve(process.env.CLUSTER_PACK_DIR ?? path.join(ROOT, ".demo", "e2e")), log })

  // The demo's host app (package.json with the tarballs, the starter's
  // tsconfig), then this store's own files over the demo's.
  fs.mkdirSync(storeDir, { recursive: true })
  const { installHash } = writeHostApp({ storeDir, packed })
  const own = listFiles(TEMPLATE_SRC)
  for (const rel of own) {
    const to = path.join(storeDir, rel)
    fs.mkdirSync(path.dirname(to), { recursive: true })
    fs.copyFileSync(path.join(TEMPLATE_SRC, rel), to)
  }
  await installHostApp({ storeDir, installHash, logs, log })
  checkSingleFramework({ storeDir, pluginDir: path.join(storeDir, "node_modules", "medusa-payment-3pay") })

  // The template database: migrated and seeded for this plugin build and these store files.
  const pg = await ensurePostgres({ log })
  const dbHash = hashString(
    [packed.hashes.plugin, hashFiles(own.map((f) => [f, path.join(TEMPLATE_SRC, f)])), hashFiles([["seed", SEED_HELPER]])].join("|")
  )
  if ((await databaseExists(pg, database)) && (await readMeta(pg, database)).prepared !== dbHash) {
    await dropDatabase(pg, database)
  }
  if (!(await databaseExists(pg, database))) await createDatabase(pg, database)
  let meta = await readMeta(pg, database)
  if (meta.prepared !== dbHash) {
    const env = {
      ...process.env,
      NODE_ENV: "test",
      MEDUSA_DISABLE_TELEMETRY: "true",
      DATABASE_URL: databaseUrl(pg, database),
      // Migrations and the seed need no Redis; the modules fall back to none.
      REDIS_URL: process.env.REDIS_URL ?? "",
      THREEPAY_API_KEY: "emu_test_key",
      STORE_CORS: "http://localhost",
      ADMIN_CORS: "http://localhost",
      AUTH_CORS: "http://localhost",
      JWT_SECRET: "prepare",
      COOKIE_SECRET: "prepare",
      DISABLE_MEDUSA_ADMIN: "true",
      NODE_OPTIONS: (process.env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim(),
    }
    let t = Date.now()
    log(`template database ${database}: medusa db:migrate…`)
    await medusa(["db:migrate"], { cwd: storeDir, env, logFile: path.join(logs, "db-migrate.log") })
    log(`template database: migrated (${seconds(t)})`)
    t = Date.now()
    const out = path.join(logs, "seed.json")
    fs.rmSync(out, { force: true })
    await medusa(["exec", "./src/scripts/seed-cluster.ts"], {
      cwd: storeDir,
      env: { ...env, CLUSTER_SEED_OUT: out, CLUSTER_SEED_HELPER: SEED_HELPER },
      logFile: path.join(logs, "seed.log"),
    })
    await writeMeta(pg, database, { prepared: dbHash, seed: JSON.parse(fs.readFileSync(out, "utf8")) })
    log(`template database: seeded (${seconds(t)})`)
    meta = await readMeta(pg, database)
  } else {
    log(`template database ${database}: ready`)
  }
  await pg.stop()
  log(`prepared in ${seconds(t0)}`)
  return {
    storeDir,
    logs,
    template: database,
    seed: meta.seed,
    pluginHash: packed.hashes.plugin,
    medusaCli: MEDUSA_CLI,
    postgres: { host: pg.host, port: pg.port, user: pg.user, password: pg.password },
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { "work-dir": { type: "string" }, database: { type: "string" } } })
  try {
    const r = await prepareCluster({ workDir: values["work-dir"], database: values.database })
    console.log(JSON.stringify(r))
  } catch (e) {
    console.error(`[cluster] ${e instanceof Error ? e.message : e}`)
    process.exit(1)
  }
}
