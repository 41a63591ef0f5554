/**
 * `npx medusa-payment-3pay-emulator`, as a store owner runs it: the packed
 * emulator (with the client's tarball beside it, not on the npm registry
 * yet) installed with a plain `npm install`, started through npx on a port
 * of our choosing, answering its API and control API, stopped by its
 * process group.
 */
import { spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { freePort } from "../helpers/ports"
import { PACKAGES, childEnv, expectSuccess, packAll, removeDir, run, tempDir } from "./helpers"

let dir: string
let child: ChildProcess | undefined

beforeAll(async () => {
  const packed = await packAll()
  dir = tempDir("emulator")
  const dependencies: Record<string, string> = {}
  for (const k of ["emulator", "client"] as const) {
    fs.copyFileSync(packed.tarballs[k], path.join(dir, path.basename(packed.tarballs[k])))
    dependencies[PACKAGES[k]] = `file:./${path.basename(packed.tarballs[k])}`
  }
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "threepay-emulator-user", private: true, devDependencies: dependencies }, null, 2))
  expectSuccess("npm install", await run("npm", ["install"], { cwd: dir }))
})
afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child!.once("exit", r))
    try {
      process.kill(-child.pid!, "SIGTERM")
    } catch {}
    await exited
  }
  removeDir(dir)
})

it("starts with `npx medusa-payment-3pay-emulator --port <n>` and serves the 3PAY API", async () => {
  const port = await freePort()
  // Its own process group: npx, its shell and the emulator stop together.
  child = spawn("npx", [PACKAGES.emulator, "--port", String(port), "--quiet"], {
    cwd: dir,
    env: childEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  })
  let output = ""
  child.stdout!.on("data", (d) => (output += d))
  child.stderr!.on("data", (d) => (output += d))
  const base = `http://127.0.0.1:${port}`
  const until = Date.now() + 60_000
  while (!output.includes("listening on")) {
    if (child.exitCode !== null || Date.now() > until) throw new Error(`the emulator did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 100))
  }
  expect(output).toContain(`THREEPAY_BASE_URL=${base}/api/v1`)

  expect((await fetch(`${base}/_control/settings`)).status).toBe(200)
  // The API wants its key, as 3PAY does, and answers with it.
  const list = `${base}/api/v1/public/transaction/list`
  expect((await fetch(list)).status).toBe(401)
  const keyed = await fetch(list, { headers: { apikey: "emu_test_key" } })
  expect([keyed.status, ((await keyed.json()) as { success?: boolean }).success]).toEqual([200, true])
})
