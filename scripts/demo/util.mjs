// Small helpers shared by the demo's parts: hashing, child processes, waiting.
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import fs from "node:fs"
import net from "node:net"
import path from "node:path"
import { fileURLToPath } from "node:url"

/** The plugin repository (…/scripts/demo/util.mjs → …). */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
export const DEMO_SRC = path.join(ROOT, "scripts", "demo")
export const MEDUSA_CLI = path.join(ROOT, "node_modules", "@medusajs", "cli", "cli.js")

/** Every file under `dir` (sorted, relative), skipping names `skip` rejects. */
export function listFiles(dir, skip = () => false, base = dir) {
  if (!fs.existsSync(dir)) return []
  const out = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name)
    const rel = path.relative(base, abs)
    if (skip(rel, e)) continue
    if (e.isDirectory()) out.push(...listFiles(abs, skip, base))
    else if (e.isFile()) out.push(rel)
  }
  return out.sort()
}

/** SHA-256 over file names and contents: the cache key of a build step. */
export function hashFiles(entries) {
  const h = crypto.createHash("sha256")
  for (const [name, abs] of entries) {
    h.update(name + "\0")
    h.update(fs.readFileSync(abs))
    h.update("\0")
  }
  return h.digest("hex").slice(0, 16)
}

export function hashString(s) {
  return crypto.createHash("sha256").update(s).digest("hex").slice(0, 16)
}

export function readText(file) {
  try {
    return fs.readFileSync(file, "utf8").trim()
  } catch {
    return null
  }
}

/** Last lines of a log file, for error messages. */
export function tail(file, lines = 40) {
  const text = readText(file)
  if (!text) return "(empty log)"
  return text.split("\n").slice(-lines).join("\n")
}

/**
 * Runs a command to completion with its output in `logFile`. Rejects with the
 * log's tail, so a failed migration or build explains itself.
 */
export function run(cmd, args, { cwd, env, logFile, title = `${path.basename(cmd)} ${args.join(" ")}` }) {
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const fd = fs.openSync(logFile, "w")
  return new Promise((resolve, reject) => {
    // Own process group: stopping it also stops what it spawns (`medusa
    // db:migrate` runs `db:migrate:search` as a child of its own).
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", fd, fd], detached: true })
    track(child, { group: true })
    child.once("error", (e) => {
      fs.closeSync(fd)
      reject(e)
    })
    child.once("exit", (code, signal) => {
      fs.closeSync(fd)
      if (code === 0) resolve()
      else reject(new Error(`${title} failed (${signal ?? `exit ${code}`}); log ${logFile}:\n${tail(logFile)}`))
    })
  })
}

/**
 * The environment for a nested npm: without the npm_* variables that an
 * outer `npm run demo` or `npm test` exports (its prefix, workspace and
 * lifecycle settings), so the inner npm works on its own folder only.
 */
export function npmEnv(env = process.env) {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !/^npm_/i.test(k)))
}

/**
 * A plain `npm install` in `dir`, as an app's owner runs it, from a clean
 * slate: the tarballs it installs are rebuilt under the same file names, so
 * an old lockfile's integrity would not match them.
 */
export async function npmInstall(dir, { logFile }) {
  fs.rmSync(path.join(dir, "node_modules"), { recursive: true, force: true })
  fs.rmSync(path.join(dir, "package-lock.json"), { force: true })
  const env = npmEnv()
  // devDependencies too (the demo store's emulator), whatever NODE_ENV says.
  delete env.NODE_ENV
  await run("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir, env, logFile })
}

/** node <medusa cli> <args…> */
export function medusa(args, opts) {
  return run(process.execPath, [MEDUSA_CLI, ...args], { title: `medusa ${args.join(" ")}`, ...opts })
}

// Children still running when this process exits for any reason are killed
// (whole process group for detached ones): a crash must not leave a Medusa
// holding port 9000.
const live = new Set()
export function track(child, { group = false } = {}) {
  const entry = { child, group }
  live.add(entry)
  child.once("exit", () => live.delete(entry))
  return child
}
/** SIGTERM to every tracked child: an interrupted start then fails fast and cleans up. */
export function abortAll() {
  for (const { child, group } of live) {
    try {
      if (group) process.kill(-child.pid, "SIGTERM")
      else child.kill("SIGTERM")
    } catch {}
  }
}
process.once("exit", () => {
  for (const { child, group } of live) {
    try {
      if (group) process.kill(-child.pid, "SIGKILL")
      else child.kill("SIGKILL")
    } catch {}
  }
})

/** Kills a detached child's process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopGroup(child, graceMs = 10_000) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise((r) => child.once("exit", r))
  const kill = (sig) => {
    try {
      process.kill(-child.pid, sig)
    } catch {}
  }
  kill("SIGTERM")
  const timer = setTimeout(() => kill("SIGKILL"), graceMs)
  await exited
  clearTimeout(timer)
}

export { freePort } from "../lib/postgres.mjs"

export function portInUse(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const s = net.connect({ port, host })
    s.setTimeout(1000, () => (s.destroy(), resolve(false)))
    s.once("connect", () => (s.destroy(), resolve(true)))
    s.once("error", () => resolve(false))
  })
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms))

/** Polls `url` until it answers 2xx; fails early when `child` exits. */
export async function waitForHttp(url, { timeoutMs = 120_000, child, what = url } = {}) {
  const until = Date.now() + timeoutMs
  let exited = false
  child?.once("exit", () => (exited = true))
  while (Date.now() < until) {
    if (exited) throw new Error(`${what} exited before answering`)
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) })
      if (res.ok) return
    } catch {}
    await sleep(250)
  }
  throw new Error(`${what} did not answer within ${Math.round(timeoutMs / 1000)} s`)
}

export function seconds(since) {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`
}
