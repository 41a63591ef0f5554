/**
 * The `starter` suite's setup: Medusa's Next.js starter (a copy of
 * ../shared/clients/nextjs-starter-medusa, or STARTER_SRC) with the README's
 * guide applied by scripts/starter/apply-guide.mjs, installed with npm
 * (plain `npm install`) and, in a second copy, with the starter's own yarn;
 * built once with `next build` and served with `next start` against the demo
 * backend (scripts/demo, as `npm run demo` starts it, with the guide's
 * `--store-cors` and `--return-url`). Everything runs in parallel where it can:
 * the installs wait on the network, the demo on its own processes.
 */
import { spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { E2E_WORK_DIR, ROOT, startDemo, type Demo } from "../e2e/harness/demo"
import { freePort } from "../helpers/ports"
import { childEnv as packagingEnv, expectSuccess, run, tempDir, type RunResult } from "../packaging/helpers"

export { run, type RunResult }

export const STARTER_SRC = process.env.STARTER_SRC || path.resolve(ROOT, "..", "shared", "clients", "nextjs-starter-medusa")
export const YARN = ".yarn/releases/yarn-4.12.0.cjs"

/** Wall-clock seconds of each setup step, printed at the end (the suite must fit CI's 15 minutes). */
export const timings: Record<string, number> = {}
export async function timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t0 = Date.now()
  try {
    return await fn()
  } finally {
    timings[name] = Math.round((Date.now() - t0) / 100) / 10
  }
}

/** The environment of the tools we start (no npm_* of an outer `npm test`, no jest's --experimental-vm-modules), quiet. */
export const childEnv = (extra: Record<string, string> = {}) =>
  packagingEnv({ npm_config_update_notifier: "false", NEXT_TELEMETRY_DISABLED: "1", YARN_ENABLE_TELEMETRY: "0", ...extra })

export type Packed = { tarballs: Record<"plugin" | "client" | "emulator" | "storefront", string> }

/** The packed packages (scripts/pack.mjs, cached with the e2e suite's demo builds). */
export async function packAll(): Promise<Packed> {
  const r = await run(process.execPath, [path.join(ROOT, "scripts", "pack.mjs"), "--work-dir", E2E_WORK_DIR, "--json"], { cwd: ROOT, timeoutMs: 900_000 })
  expectSuccess("scripts/pack.mjs", r)
  return JSON.parse(r.output.trim().split("\n").pop()!)
}

/** A fresh, writable copy of the starter (the shared one is never touched). */
export function copyStarter(into: string): string {
  if (!fs.existsSync(path.join(STARTER_SRC, "package.json"))) throw new Error(`Medusa's Next.js starter not found at ${STARTER_SRC} (set STARTER_SRC)`)
  fs.cpSync(STARTER_SRC, into, { recursive: true, filter: (src) => !/[/\\](node_modules|\.next)$/.test(src) })
  for (const f of walk(into)) fs.chmodSync(f, fs.statSync(f).isDirectory() ? 0o755 : 0o644)
  return into
}

function walk(dir: string): string[] {
  const out = [dir]
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...walk(p))
    else out.push(p)
  }
  return out
}

export type GuideResult = {
  done: Array<{ action: string; file: string; line: number }>
  install: string | null
  env: string[]
  backend: string | null
}

/** Applies the README's guide to `dir` with the very script a reader can run. */
export async function applyGuide(dir: string): Promise<GuideResult> {
  const r = await run(process.execPath, [path.join(ROOT, "scripts", "starter", "apply-guide.mjs"), dir, "--json"], { cwd: ROOT })
  expectSuccess("scripts/starter/apply-guide.mjs", r)
  return JSON.parse(r.output.trim().split("\n").pop()!)
}

/**
 * The guide's backend command (`npm run demo -- … --store-cors <origin>
 * --return-url <url>`) as options for the demo, with the starter's real
 * origin in place of the guide's http://localhost:8000.
 */
export function backendOptions(command: string, origin: string): { storeCors: string[]; returnUrl: string } {
  const m = /^npm run demo -- (.*)$/.exec(command.trim())
  if (!m) throw new Error(`the guide's backend step is not \`npm run demo -- …\`: ${command}`)
  const args = m[1].match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ""))
  const value = (flag: string) => {
    const i = args.indexOf(flag)
    if (i < 0) throw new Error(`the guide's backend step has no ${flag}: ${command}`)
    return args[i + 1]
  }
  const guideOrigin = new URL(value("--store-cors")).origin
  return {
    storeCors: [origin],
    returnUrl: value("--return-url").replace(guideOrigin, origin),
  }
}

export type StarterServer = { url: string; stop(): Promise<void> }

/** `next start` on `port`, in its own process group; resolves once the home page answers. */
export async function nextStart(dir: string, port: number, env: NodeJS.ProcessEnv): Promise<StarterServer> {
  const log = path.join(dir, "next-start.log")
  const fd = fs.openSync(log, "w")
  const child: ChildProcess = spawn(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port)], {
    cwd: dir,
    env,
    detached: true,
    stdio: ["ignore", fd, fd],
  })
  fs.closeSync(fd)
  const exited = new Promise<void>((r) => child.once("exit", () => r()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGTERM")
      } catch {}
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))])
  }
  const url = `http://localhost:${port}`
  const until = Date.now() + 60_000
  while (Date.now() < until) {
    if (child.exitCode !== null) break
    try {
      const res = await fetch(`${url}/us`, { redirect: "manual" })
      if (res.status < 500) return { url, stop }
    } catch {}
    await new Promise((r) => setTimeout(r, 300))
  }
  await stop()
  throw new Error(`next start did not answer on ${url}:\n${fs.readFileSync(log, "utf8").slice(-3000)}`)
}

export type Setup = {
  demo: Demo
  starter: StarterServer
  npmDir: string
  yarnDir: string
  guide: GuideResult
  npmGuideInstall: RunResult
  yarnAdd: RunResult
  /** tsc on the npm copy: the guide's code must type-check (next build skips that in the starter). */
  tsc: RunResult
}

/** Everything the specs need, in parallel where it can be. */
export async function setUp(): Promise<Setup> {
  const packed = await timed("pack (cached)", packAll)
  const port = await freePort()
  const origin = `http://localhost:${port}`
  const npmDir = copyStarter(tempDir("starter-npm"))
  const yarnDir = copyStarter(tempDir("starter-yarn"))
  const guide = await timed("apply the guide", () => applyGuide(npmDir))
  if (!guide.install || !guide.backend) throw new Error("the guide has no install or backend step")

  // The packages are not on the npm registry yet: the tarballs stand in for
  // it, next to the app, as a developer would have downloaded them.
  const tgz = (dir: string, k: "client" | "storefront") => {
    fs.copyFileSync(packed.tarballs[k], path.join(dir, path.basename(packed.tarballs[k])))
    return `./${path.basename(packed.tarballs[k])}`
  }
  const env = childEnv()

  const npmInstall = timed("npm: starter + guide install", async () => {
    // The starter as its README has you install it, then the guide's command,
    // with the client's tarball beside the storefront's (not on the registry).
    expectSuccess("npm install (the starter)", await run("npm", ["install"], { cwd: npmDir, env, timeoutMs: 900_000 }))
    const [cmd, verb, pkg, ...flags] = guide.install!.split(/\s+/)
    if (cmd !== "npm" || verb !== "install" || pkg !== "medusa-payment-3pay-storefront" || flags.length) {
      throw new Error(`the guide's install step is not a plain \`npm install medusa-payment-3pay-storefront\`: ${guide.install}`)
    }
    return run("npm", ["install", tgz(npmDir, "client"), tgz(npmDir, "storefront")], { cwd: npmDir, env, timeoutMs: 600_000 })
  })
  const yarnAdd = timed("yarn: add (whole install)", async () => {
    // Yarn fetches dependencies from the registry by name: the client, not on
    // it yet, resolves to its tarball.
    const file = path.join(yarnDir, "package.json")
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
    pkg.resolutions = { ...pkg.resolutions, "medusa-payment-3pay-client": `file:${tgz(yarnDir, "client")}` }
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")
    return run(process.execPath, [YARN, "add", tgz(yarnDir, "storefront")], {
      cwd: yarnDir,
      env: { ...env, YARN_NPM_REGISTRY_SERVER: "https://registry.npmjs.org", YARN_ENABLE_PROGRESS_BARS: "false", YARN_ENABLE_INLINE_BUILDS: "false" },
      timeoutMs: 900_000,
    })
  })
  const backend = backendOptions(guide.backend, origin)
  const demo = timed("demo backend", () => startDemo({ storeCors: backend.storeCors, returnUrl: backend.returnUrl }))

  const settled = await Promise.allSettled([npmInstall, yarnAdd, demo])
  const failure = settled.find((s) => s.status === "rejected") as PromiseRejectedResult | undefined
  if (failure) {
    if (settled[2].status === "fulfilled") await settled[2].value.stop()
    throw failure.reason
  }
  const [npmGuideInstall, yarnResult, d] = settled.map((s) => (s as PromiseFulfilledResult<unknown>).value) as [RunResult, RunResult, Demo]
  expectSuccess("npm install (the guide's step)", npmGuideInstall)

  const appEnv = childEnv({
    MEDUSA_BACKEND_URL: d.backendUrl,
    NEXT_PUBLIC_MEDUSA_BACKEND_URL: d.backendUrl,
    NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY: d.publishableKey,
    NEXT_PUBLIC_BASE_URL: origin,
    NEXT_PUBLIC_DEFAULT_REGION: "us",
  })
  try {
    // next build skips type errors in the starter (ignoreBuildErrors): tsc
    // checks the guide's code, next to the build.
    const [build, tsc] = await Promise.all([
      timed("next build", () => run(process.execPath, [path.join(npmDir, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: npmDir, env: { ...appEnv, NODE_ENV: "production" }, timeoutMs: 900_000 })),
      timed("tsc (the guide's code)", () => run(process.execPath, [path.join(npmDir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."], { cwd: npmDir, env: appEnv })),
    ])
    expectSuccess("next build", build)
    const starter = await timed("next start", () => nextStart(npmDir, port, { ...appEnv, NODE_ENV: "production" }))
    return { demo: d, starter, npmDir, yarnDir, guide, npmGuideInstall, yarnAdd: yarnResult, tsc }
  } catch (e) {
    await d.stop()
    throw e
  }
}
