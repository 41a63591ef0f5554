// The `starter` suite's slowest part is npm and yarn downloading the
// starter's own packages (about 850 of them, once per tool). `npm test`
// starts this at its beginning, in the background, so that the downloads
// overlap the suites that run before (unit, packaging, integration, e2e):
// two fresh copies of Medusa's Next.js starter, outside the repository (no
// node_modules above them to lean on), with their own packages installed as
// the starter's README has you do: `npm install` in one, the bundled
// `yarn install` in the other. Nothing of ours is installed here: the suite
// then applies the guide and runs the guide's own install step, and times it.
//
//   node scripts/starter/prefetch.mjs <dir>      writes <dir>/npm, <dir>/yarn, <dir>/status.json
//
// As a library: startStarterPrefetch() runs it in a child process and gives
// its folder (the suite reads THREEPAY_STARTER_PREFETCH) and a stop().
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
export const STARTER_SRC = process.env.STARTER_SRC || path.resolve(ROOT, "..", "shared", "clients", "nextjs-starter-medusa")
export const YARN = ".yarn/releases/yarn-4.12.0.cjs"

/** The environment of npm and yarn here: no npm_* of an outer `npm test`, no jest flags. */
export function toolEnv() {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)))
  env.NODE_OPTIONS = (env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim()
  delete env.NODE_ENV
  return {
    ...env,
    npm_config_update_notifier: "false",
    NEXT_TELEMETRY_DISABLED: "1",
    YARN_ENABLE_TELEMETRY: "0",
    YARN_ENABLE_PROGRESS_BARS: "false",
    YARN_NPM_REGISTRY_SERVER: "https://registry.npmjs.org",
  }
}

/** A fresh, writable copy of the starter (the shared one is never touched). */
export function copyStarter(into) {
  if (!fs.existsSync(path.join(STARTER_SRC, "package.json"))) {
    throw new Error(`Medusa's Next.js starter not found at ${STARTER_SRC} (set STARTER_SRC)`)
  }
  fs.rmSync(into, { recursive: true, force: true })
  fs.cpSync(STARTER_SRC, into, { recursive: true, filter: (src) => !/[/\\](node_modules|\.next)$/.test(src) })
  const chmod = (p) => {
    const st = fs.statSync(p)
    fs.chmodSync(p, st.isDirectory() ? 0o755 : 0o644)
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) chmod(path.join(p, e))
  }
  chmod(into)
  return into
}

function run(cmd, args, cwd, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env: toolEnv(), stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    const t0 = Date.now()
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs)
    child.once("error", (e) => resolve({ code: -1, output: String(e), seconds: 0 }))
    child.once("close", (code) => {
      clearTimeout(timer)
      resolve({ code, output: output.slice(-20000), seconds: Math.round((Date.now() - t0) / 100) / 10 })
    })
  })
}

/** Both copies and installs, in parallel; the result also goes to <dir>/status.json. */
export async function prefetch(dir) {
  fs.mkdirSync(dir, { recursive: true })
  fs.rmSync(path.join(dir, "status.json"), { force: true })
  const npmDir = copyStarter(path.join(dir, "npm"))
  const yarnDir = copyStarter(path.join(dir, "yarn"))
  const [npm, yarn] = await Promise.all([
    run("npm", ["install"], npmDir, 1_200_000),
    run(process.execPath, [YARN, "install"], yarnDir, 1_200_000),
  ])
  const status = { npm, yarn, npmDir, yarnDir }
  fs.writeFileSync(path.join(dir, "status.json"), JSON.stringify(status))
  return status
}

/**
 * Starts the prefetch in a child process. `dir` goes to the suite as
 * THREEPAY_STARTER_PREFETCH; stop() ends the child if it still runs and
 * removes the folder.
 */
export function startStarterPrefetch() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "threepay-starter-prefetch-"))
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), dir], { env: toolEnv(), stdio: "ignore", detached: true })
  const exited = new Promise((r) => child.once("exit", r))
  return {
    dir,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        try {
          process.kill(-child.pid, "SIGTERM")
        } catch {}
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2]
  if (!dir) {
    console.error("usage: node scripts/starter/prefetch.mjs <dir>")
    process.exit(2)
  }
  prefetch(path.resolve(dir)).then(
    (s) => process.exit(s.npm.code === 0 && s.yarn.code === 0 ? 0 : 1),
    (e) => {
      fs.writeFileSync(path.join(dir, "status.json"), JSON.stringify({ error: String(e?.message ?? e) }))
      process.exit(1)
    }
  )
}
