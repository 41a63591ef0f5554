/**
 * Starts the demo store (scripts/demo) for a spec file, in a child process:
 * the demo is ESM and spawns Medusa, none of which belongs in jest's module
 * registry. Every spec file gets free ports, a fresh emulator and its own
 * copy of the seeded database. The store runs the packed plugin and the
 * packed emulator, the checkout page the packed storefront component;
 * tarballs and builds are cached in .demo/e2e.
 */
import { spawn, type ChildProcess } from "node:child_process"
import path from "node:path"

export const ROOT = path.resolve(__dirname, "..", "..", "..")

export type Demo = {
  adminUrl: string
  backendUrl: string
  storeUrl: string
  checkoutUrl: string
  /** The demo's "Sent emails" page (the local notification provider's records). */
  emailsUrl: string
  /** Origins allowed on the store API beyond the demo's own. */
  storeCors: string[]
  /** Where 3PAY's payment page sends the shopper back ({cart_id} replaced). */
  returnUrl: string
  emulator: { url: string; controlUrl: string; apiBase: string; apiKey: string; apiSecret: string; webhookSecret: string }
  admin: { email: string; password: string }
  publishableKey: string
  regionId: string
  database: string
  logs: string
  stop(): Promise<void>
}

export type DemoOptions = {
  /** Where builds are cached (default .demo/e2e, apart from `npm run demo`'s .demo). */
  workDir?: string
  /** The seeded template database; each start runs on a throwaway copy of it. */
  database?: string
  rateLimits?: boolean
  /** Print the demo's progress (default: only when DEMO_VERBOSE is set). */
  verbose?: boolean
  /** A storefront of your own: origins allowed on the store API, and where 3PAY's page returns to. */
  storeCors?: string[]
  returnUrl?: string
}

/**
 * Where the e2e and starter suites cache builds (.demo/e2e) and the seeded
 * template database they copy; DEMO_E2E_WORK_DIR (a folder inside the
 * repository: the build resolves React and Medusa from its node_modules) and
 * DEMO_E2E_DATABASE keep a run of your own apart from another one.
 */
export const E2E_WORK_DIR = process.env.DEMO_E2E_WORK_DIR || path.join(ROOT, ".demo", "e2e")
const E2E_DATABASE = process.env.DEMO_E2E_DATABASE || "medusa_3pay_e2e"

export async function startDemo(opts: DemoOptions = {}): Promise<Demo> {
  const options = {
    workDir: opts.workDir ?? E2E_WORK_DIR,
    database: opts.database ?? E2E_DATABASE,
    fresh: true,
    ports: { backend: 0, emulator: 0, checkout: 0 },
    rateLimits: opts.rateLimits ?? true,
    quiet: !(opts.verbose ?? !!process.env.DEMO_VERBOSE),
    ...(opts.storeCors ? { storeCors: opts.storeCors } : {}),
    ...(opts.returnUrl ? { returnUrl: opts.returnUrl } : {}),
  }
  // jest's --experimental-vm-modules is not for Medusa.
  const nodeOptions = (process.env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim()
  const child: ChildProcess = spawn(process.execPath, [path.join(ROOT, "scripts", "demo", "run.mjs")], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: nodeOptions, DEMO_OPTIONS: JSON.stringify(options) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
    detached: true,
  })
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM")
    await exited
  }
  const info = await new Promise<Omit<Demo, "stop">>((resolve, reject) => {
    child.on("message", (msg: any) => {
      if (msg?.type === "ready") resolve(msg.info)
      if (msg?.type === "error") reject(new Error(`the demo did not start: ${msg.message}`))
    })
    child.once("exit", (code, signal) => reject(new Error(`the demo exited (${signal ?? code}) before it was ready`)))
  })
  return { ...info, stop }
}
