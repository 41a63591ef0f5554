/**
 * What the packaging specs share: the four tarballs (built and packed by
 * scripts/pack.mjs, the same cache as the e2e suite's demo store), child
 * processes with their output, and temporary folders.
 */
import { spawn } from "node:child_process"
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

export const ROOT = path.resolve(__dirname, "..", "..")

export const PACKAGES = {
  plugin: "medusa-payment-3pay",
  client: "medusa-payment-3pay-client",
  emulator: "medusa-payment-3pay-emulator",
  storefront: "medusa-payment-3pay-storefront",
} as const
export type PackageKey = keyof typeof PACKAGES
export const KEYS = Object.keys(PACKAGES) as PackageKey[]

export type Packed = { hash: string; version: string; tarballs: Record<PackageKey, string> }

/**
 * The environment for tools we start: without the npm_* variables of an
 * outer `npm test`, and without the --experimental-vm-modules that jest needs
 * and npm, vite and the emulator do not.
 */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)))
  env.NODE_OPTIONS = (env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim()
  delete env.NODE_ENV
  return { ...env, ...extra }
}

export type RunResult = { code: number | null; output: string }

/** Runs a command to its end; `output` is stdout and stderr interleaved. Never rejects on an exit code. */
export function run(cmd: string, args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? childEnv(), stdio: ["ignore", "pipe", "pipe"] })
    let output = ""
    child.stdout.on("data", (d) => (output += d))
    child.stderr.on("data", (d) => (output += d))
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 300_000)
    child.once("error", reject)
    child.once("close", (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
}

/** Fails with the command's output, so a failing step explains itself. */
export function expectSuccess(what: string, r: RunResult): void {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.output.slice(-4000)}`)
}

/** Builds and packs the four packages (cached by a hash of their sources). */
export async function packAll(): Promise<Packed> {
  const r = await run(process.execPath, [path.join(ROOT, "scripts", "pack.mjs"), "--work-dir", path.join(ROOT, ".demo", "e2e"), "--json"], {
    cwd: ROOT,
    timeoutMs: 600_000,
  })
  expectSuccess("scripts/pack.mjs", r)
  return JSON.parse(r.output.trim().split("\n").pop()!)
}

/** A temporary folder outside the repository (no parent package.json or node_modules to lean on). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `threepay-${prefix}-`))
}

export function removeDir(dir: string | undefined): void {
  if (dir) fs.rmSync(dir, { recursive: true, force: true })
}

/** Every file under `dir`, relative, with forward slashes. */
export function listFiles(dir: string, base = dir): string[] {
  const out: string[] = []
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, e.name)
    if (e.isDirectory()) out.push(...listFiles(abs, base))
    else out.push(path.relative(base, abs).split(path.sep).join("/"))
  }
  return out.sort()
}

export const readJson = (file: string) => JSON.parse(fs.readFileSync(file, "utf8"))
