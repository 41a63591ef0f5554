#!/usr/bin/env node
// `npm run chaos`: the long seeded chaos run on a cluster of the packed plugin
// (two servers and a worker on Redis; integration-tests/cluster/long.chaos.ts).
// It starts what it needs like `npm test` (PostgreSQL, Redis), prints the seed,
// and writes bench/chaos-report.{md,json}. Not part of `npm test` or CI.
//
//   npm run chaos                                  a new seed, 4 runs of 55 checkouts
//   npm run chaos -- --seed 3f9c2a71be             replay a seed (same checkouts, same faults)
//   npm run chaos -- --seed 3f9c2a71be --run 3     replay only that run of it
//   npm run chaos -- --runs 2 --checkouts 30       smaller
//   npm run chaos -- --no-report                   do not touch bench/chaos-report.*
import { spawn } from "node:child_process"
import crypto from "node:crypto"
import path from "node:path"
import { parseArgs } from "node:util"
import { fileURLToPath } from "node:url"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const { values } = parseArgs({
  options: {
    seed: { type: "string" },
    runs: { type: "string" },
    run: { type: "string" },
    checkouts: { type: "string" },
    concurrency: { type: "string" },
    "no-report": { type: "boolean" },
    help: { type: "boolean", short: "h" },
  },
})
if (values.help) {
  console.log(
    "npm run chaos -- [--seed <seed>] [--runs <n>] [--run <i>] [--checkouts <per run>] [--concurrency <shoppers>] [--no-report]"
  )
  process.exit(0)
}
const seed = values.seed ?? crypto.randomBytes(5).toString("hex")
console.log(`chaos seed ${seed} (replay: npm run chaos -- --seed ${seed})`)
const env = {
  ...process.env,
  CHAOS_SEED: seed,
  ...(values.runs ? { CHAOS_RUNS: values.runs } : {}),
  ...(values.run ? { CHAOS_ONLY_RUN: values.run } : {}),
  ...(values.checkouts ? { CHAOS_CHECKOUTS: values.checkouts } : {}),
  ...(values.concurrency ? { CHAOS_CONCURRENCY: values.concurrency } : {}),
  ...(values["no-report"] || values.run ? { CHAOS_NO_REPORT: "true" } : {}),
}
const child = spawn(process.execPath, [path.join(root, "scripts", "test.mjs"), "chaos"], { cwd: root, env, stdio: "inherit" })
child.on("exit", (code) => {
  console.log(`chaos seed ${seed}`)
  process.exit(code ?? 1)
})
