// The demo's database: one per demo (the interactive demo keeps its own;
// tests clone a migrated, seeded template so each spec file starts clean in a
// second instead of migrating for half a minute).
import { createRequire } from "node:module"
import path from "node:path"
import { ROOT } from "./util.mjs"

const require = createRequire(path.join(ROOT, "package.json"))
const { Client } = require("pg")

const ident = (name) => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`unsafe database name "${name}"`)
  return `"${name}"`
}

async function withClient(pg, database, fn) {
  const client = new Client({ host: pg.host, port: pg.port, user: pg.user, password: pg.password, database })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end().catch(() => {})
  }
}

export function databaseUrl(pg, database) {
  const auth = encodeURIComponent(pg.user) + (pg.password ? `:${encodeURIComponent(pg.password)}` : "")
  // ssl_mode=disable: Medusa turns SSL on for any host that is not
  // "localhost" (a PostgreSQL container, say); the demo never needs it.
  return `postgres://${auth}@${pg.host}:${pg.port}/${database}?ssl_mode=disable`
}

export async function databaseExists(pg, name) {
  return withClient(pg, "postgres", async (c) => {
    const r = await c.query("select 1 from pg_database where datname = $1", [name])
    return r.rowCount > 0
  })
}

export async function createDatabase(pg, name, { template } = {}) {
  await withClient(pg, "postgres", (c) =>
    c.query(`create database ${ident(name)}${template ? ` template ${ident(template)}` : ""}`)
  )
}

export async function dropDatabase(pg, name) {
  await withClient(pg, "postgres", (c) => c.query(`drop database if exists ${ident(name)} with (force)`))
}

// What the demo did to a database (migrated for which plugin build, the seed's
// output) lives in the database itself: a fresh PostgreSQL, or a dropped
// database, is then never mistaken for a prepared one.
const META_DDL = "create table if not exists demo_meta (key text primary key, value jsonb not null)"

export async function readMeta(pg, database) {
  return withClient(pg, database, async (c) => {
    await c.query(META_DDL)
    const r = await c.query("select key, value from demo_meta")
    return Object.fromEntries(r.rows.map((row) => [row.key, row.value]))
  })
}

export async function writeMeta(pg, database, entries) {
  await withClient(pg, database, async (c) => {
    await c.query(META_DDL)
    for (const [key, value] of Object.entries(entries)) {
      await c.query(
        "insert into demo_meta (key, value) values ($1, $2) on conflict (key) do update set value = excluded.value",
        [key, JSON.stringify(value)]
      )
    }
  })
}

/** Names of the databases starting with `prefix`. */
export async function listDatabases(pg, prefix) {
  return withClient(pg, "postgres", async (c) => {
    const r = await c.query("select datname from pg_database where starts_with(datname, $1)", [prefix])
    return r.rows.map((row) => row.datname)
  })
}
