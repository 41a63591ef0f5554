// Finds a Redis for the cluster tests: the one at REDIS_URL when it answers,
// otherwise Debian's `redis-server` started on a free port without
// persistence (nothing written to disk) and stopped by its pid afterwards.
// Redis does not come from npm: without `redis-server` the message says how
// to get it (.ci/run installs it with apt, like chromium).
import { spawn, spawnSync } from "node:child_process"
import net from "node:net"
import { freePort } from "./postgres.mjs"

export const REDIS_INSTALL_HINT =
  "redis-server was not found. Install Redis 6.2 or newer (Debian/Ubuntu: `sudo apt-get install redis-server`, " +
  "macOS: `brew install redis`), or point REDIS_URL at a running one."

function ping(url, timeoutMs = 1500) {
  const u = new URL(url)
  return new Promise((resolve) => {
    const socket = net.connect({ host: u.hostname, port: Number(u.port || 6379) })
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.once("data", (d) => done(d.toString().startsWith("+PONG")))
    socket.once("error", () => done(false))
  })
}

export function findRedisServer() {
  const r = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" })
  const bin = r.stdout.trim()
  return r.status === 0 && bin ? bin : null
}

/**
 * @param {{ log?: (m: string) => void }} [opts]
 * @returns {Promise<{ url: string, port: number, started: boolean, pid: number | null, stop: () => Promise<void> }>}
 */
export async function ensureRedis(opts = {}) {
  const log = opts.log ?? ((m) => console.log(m))
  if (process.env.REDIS_URL) {
    if (await ping(process.env.REDIS_URL)) {
      log(`[redis] using the server at ${process.env.REDIS_URL}`)
      const port = Number(new URL(process.env.REDIS_URL).port || 6379)
      return { url: process.env.REDIS_URL, port, started: false, pid: null, stop: async () => {} }
    }
    throw new Error(`REDIS_URL=${process.env.REDIS_URL} does not answer PING`)
  }
  const bin = findRedisServer()
  if (!bin) throw new Error(REDIS_INSTALL_HINT)
  const port = await freePort()
  const child = spawn(
    bin,
    ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--loglevel", "warning"],
    { stdio: ["ignore", "ignore", "inherit"], detached: false }
  )
  const exited = new Promise((resolve) => child.once("exit", resolve))
  const url = `redis://127.0.0.1:${port}`
  const until = Date.now() + 10_000
  while (!(await ping(url, 500))) {
    if (child.exitCode !== null || Date.now() > until) {
      child.kill("SIGKILL")
      throw new Error(`redis-server did not start on port ${port}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  log(`[redis] started redis-server on 127.0.0.1:${port} (pid ${child.pid}, no persistence)`)
  let stopped = false
  return {
    url,
    port,
    started: true,
    pid: child.pid ?? null,
    stop: async () => {
      if (stopped) return
      stopped = true
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL")
    },
  }
}
