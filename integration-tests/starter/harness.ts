/**
 * The `starter` suite's setup: Medusa's Next.js starter (a copy of
 * ../shared/clients/nextjs-starter-medusa, or STARTER_SRC) with its own
 * packages installed by scripts/starter/prefetch.mjs (npm in one copy, the
 * starter's yarn in another; `npm test` starts that at its beginning, in the
 * background, and passes the folder in THREEPAY_STARTER_PREFETCH), then the
 * README's guide applied by scripts/starter/apply-guide.mjs and the guide's
 * own install step (plain `npm install`; `yarn add` in the yarn copy); built
 * once with `next build` and served with `next start` against the demo
 * backend (scripts/demo, as `npm run demo` starts it, with the guide's
 * `--store-cors` and `--return-url`). Everything runs in parallel where it can.
 */
import { spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { E2E_WORK_DIR, ROOT, startDemo, type Demo } from "../e2e/harness/demo"
import { freePort } from "../helpers/ports"
import { childEnv as packagingEnv, expectSuccess, run, tempDir, type RunResult } from "../packaging/helpers"

export { run, type RunResult }

export const YARN = ".yarn/releases/yarn-4.12.0.cjs"
const PREFETCH = path.join(ROOT, "scripts", "starter", "prefetch.mjs")

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

type Prefetched = { npmDir: string; yarnDir: string; npm: RunResult & { seconds: number }; yarn: RunResult & { seconds: number } }

/**
 * The two copies of the starter with their own packages: from `npm test`'s
 * background prefetch when there is one (waiting for it to finish), else
 * made now by the same script.
 */
async function starterCopies(): Promise<Prefetched & { dir: string }> {
  const given = process.env.THREEPAY_STARTER_PREFETCH
  const dir = given || tempDir("starter")
  if (!given) expectSuccess("scripts/starter/prefetch.mjs", await run(process.execPath, [PREFETCH, dir], { cwd: ROOT, timeoutMs: 1_500_000 }))
  const file = path.join(dir, "status.json")
  const until = Date.now() + 1_500_000
  while (!fs.existsSync(file)) {
    if (Date.now() > until) throw new Error(`the starter's background install did not finish (${dir})`)
    await new Promise((r) => setTimeout(r, 1000))
  }
  const status = JSON.parse(fs.readFileSync(file, "utf8")) as Prefetched & { error?: string }
  if (status.error) throw new Error(`preparing the starter failed: ${status.error}`)
  expectSuccess("npm install (the starter's own packages)", status.npm)
  expectSuccess("yarn install (the starter's own packages)", status.yarn)
  timings["npm install (starter's own packages, prefetched)"] = status.npm.seconds
  timings["yarn install (starter's own packages, prefetched)"] = status.yarn.seconds
  return { ...status, dir }
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
  /** Holds both copies; removed at the end. */
  workDir: string
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
  const env = childEnv()
  // The demo backend starts while the starter's own packages arrive.
  let backend: { storeCors: string[]; returnUrl: string } | null = null
  const guideRead = readGuideBackend().then((b) => (backend = backendOptions(b, origin)))
  const demo = guideRead.then(() => timed("demo backend", () => startDemo(backend!)))
  const copies = timed("the starter's own packages (waited for)", starterCopies)
  const ready = await Promise.allSettled([copies, demo])
  const removeCopies = () => {
    if (ready[0].status === "fulfilled") fs.rmSync(ready[0].value.dir, { recursive: true, force: true })
  }
  if (ready.some((r) => r.status === "rejected")) {
    if (ready[1].status === "fulfilled") await ready[1].value.stop()
    removeCopies()
    throw (ready.find((r) => r.status === "rejected") as PromiseRejectedResult).reason
  }
  const { npmDir, yarnDir, dir: workDir } = (ready[0] as PromiseFulfilledResult<Prefetched & { dir: string }>).value
  const d = (ready[1] as PromiseFulfilledResult<Demo>).value
  try {
    return await buildAndStart({ packed, port, origin, env, npmDir, yarnDir, workDir, demo: d })
  } catch (e) {
    await d.stop()
    removeCopies()
    throw e
  }
}

/** The guide's backend command, read from the README the way apply-guide.mjs reads it. */
async function readGuideBackend(): Promise<string> {
  const r = await run(process.execPath, ["--input-type=module", "-e", `import { readGuide } from ${JSON.stringify(path.join(ROOT, "scripts", "starter", "apply-guide.mjs"))}; import fs from "node:fs"; const s = readGuide(fs.readFileSync(${JSON.stringify(path.join(ROOT, "README.md"))}, "utf8")).find((x) => x.action === "backend"); process.stdout.write(JSON.stringify(s ? s.code : null))`], { cwd: ROOT })
  expectSuccess("reading the guide's backend step", r)
  const command = JSON.parse(r.output.trim().split("\n").pop()!) as string | null
  if (!command) throw new Error("the guide has no backend step")
  return command
}

async function buildAndStart(o: {
  packed: Packed
  port: number
  origin: string
  env: NodeJS.ProcessEnv
  npmDir: string
  yarnDir: string
  workDir: string
  demo: Demo
}): Promise<Setup> {
  const { packed, port, origin, env, npmDir, yarnDir, workDir } = o
  const d = o.demo
  const guide = await timed("apply the guide", () => applyGuide(npmDir))
  if (!guide.install) throw new Error("the guide has no install step")

  // The packages are not on the npm registry yet: the tarballs stand in for
  // it, next to the app, as a developer would have downloaded them.
  const tgz = (dir: string, k: "client" | "storefront") => {
    fs.copyFileSync(packed.tarballs[k], path.join(dir, path.basename(packed.tarballs[k])))
    return `./${path.basename(packed.tarballs[k])}`
  }

  const npmInstall = timed("npm: the guide's install step", async () => {
    // The guide's command, with the client's tarball beside the storefront's (not on the registry).
    const [cmd, verb, pkg, ...flags] = guide.install!.split(/\s+/)
    if (cmd !== "npm" || verb !== "install" || pkg !== "medusa-payment-3pay-storefront" || flags.length) {
      throw new Error(`the guide's install step is not a plain \`npm install medusa-payment-3pay-storefront\`: ${guide.install}`)
    }
    return run("npm", ["install", tgz(npmDir, "client"), tgz(npmDir, "storefront")], { cwd: npmDir, env, timeoutMs: 600_000 })
  })
  const yarnAdd = timed("yarn: add", async () => {
    // Yarn fetches dependencies from the registry by name: the client, not on
    // it yet, resolves to its tarball.
    const file = path.join(yarnDir, "package.json")
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"))
    pkg.resolutions = { ...pkg.resolutions, "medusa-payment-3pay-client": `file:${tgz(yarnDir, "client")}` }
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n")
    return run(process.execPath, [YARN, "add", tgz(yarnDir, "storefront")], {
      cwd: yarnDir,
      env: { ...env, YARN_NPM_REGISTRY_SERVER: "https://registry.npmjs.org", YARN_ENABLE_PROGRESS_BARS: "false" },
      timeoutMs: 900_000,
    })
  })
  const [npmGuideInstall, yarnResult] = await Promise.all([npmInstall, yarnAdd])
  expectSuccess("npm install (the guide's step)", npmGuideInstall)
  const appEnv = childEnv({
    MEDUSA_BACKEND_URL: d.backendUrl,
    NEXT_PUBLIC_MEDUSA_BACKEND_URL: d.backendUrl,
    NEXT_PUBLIC_MEDUSA_PUBLISHABLE_KEY: d.publishableKey,
    NEXT_PUBLIC_BASE_URL: origin,
    NEXT_PUBLIC_DEFAULT_REGION: "us",
  })
  // next build skips type errors in the starter (ignoreBuildErrors): tsc
  // checks the guide's code, next to the build.
  const [build, tsc] = await Promise.all([
    timed("next build", () => run(process.execPath, [path.join(npmDir, "node_modules", "next", "dist", "bin", "next"), "build"], { cwd: npmDir, env: { ...appEnv, NODE_ENV: "production" }, timeoutMs: 900_000 })),
    timed("tsc (the guide's code)", () => run(process.execPath, [path.join(npmDir, "node_modules", "typescript", "bin", "tsc"), "--noEmit", "-p", "."], { cwd: npmDir, env: appEnv })),
  ])
  expectSuccess("next build", build)
  const starter = await timed("next start", () => nextStart(npmDir, port, { ...appEnv, NODE_ENV: "production" }))
  return { demo: d, starter, workDir, npmDir, yarnDir, guide, npmGuideInstall, yarnAdd: yarnResult, tsc }
}
