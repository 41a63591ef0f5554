#!/usr/bin/env node
// `npm test`: runs every suite on a fresh machine with only Node and npm.
// It finds or starts PostgreSQL (and, for the cluster suites, Redis), runs
// jest once per suite with JSON output, stops what it started, and prints
// the plain line `N passed, M failed`.
//
//   node scripts/test.mjs                 all suites
//   node scripts/test.mjs unit            one suite (unit | packaging | integration | cluster | e2e)
//   node scripts/test.mjs integration -t "budget"   extra args go to jest
//
// The whole run (no suite named) goes in two lanes side by side, since the
// suites that drive one Medusa over HTTP leave a CPU idle while they wait:
// each suite's output goes to .ci-out/<suite>.log and is printed whole when
// the suite ends. THREEPAY_TEST_SERIAL=1 runs one suite at a time instead.
import { spawn } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"
import { ensurePostgres } from "./lib/postgres.mjs"
import { startStarterPrefetch } from "./starter/prefetch.mjs"
import { ensureRedis } from "./lib/redis.mjs"

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..")
const SUITES = {
  unit: { testType: "unit", needsDb: false },
  // The packed tarballs; a fresh React 19 app and an emulator user install them.
  packaging: { testType: "packaging", needsDb: false },
  integration: { testType: "integration:http", needsDb: true },
  // Two servers and a worker of the packed plugin on Redis; a short seeded chaos run.
  cluster: { testType: "cluster", needsDb: true, needsRedis: true },
  e2e: { testType: "e2e", needsDb: true },
  // Medusa's Next.js starter with the README's guide applied, against the demo backend (after e2e: it reuses its builds).
  starter: { testType: "starter", needsDb: true },
  bench: { testType: "bench", needsDb: true, needsRedis: true, explicit: true },
  // npm run chaos (scripts/chaos.mjs): the long run, never part of `npm test`.
  chaos: { testType: "chaos", needsDb: true, needsRedis: true, explicit: true },
}

const args = process.argv.slice(2)
const named = Boolean(args[0] && SUITES[args[0]])
const picked = named ? [args.shift()] : Object.keys(SUITES).filter((s) => !SUITES[s].explicit)
const jestArgs = args
// Lane 1: the in-process suites. Lane 2: what runs from the packed tarballs
// (packaging packs them first; e2e builds the demo the starter suite reuses).
const LANES = named || process.env.THREEPAY_TEST_SERIAL === "1" ? [picked] : [["unit", "integration"], ["packaging", "e2e", "starter", "cluster"]]

const outDir = path.join(root, ".ci-out")
fs.mkdirSync(outDir, { recursive: true })

// The starter suite's slowest part, npm and yarn downloading the starter's own
// packages, runs in the background from the start (scripts/starter/prefetch.mjs).
let starterPrefetch = null
let pg = null
let redis = null
const stopAll = async () => {
  if (starterPrefetch) await starterPrefetch.stop()
  starterPrefetch = null
  if (redis) await redis.stop()
  redis = null
  if (pg) await pg.stop()
  pg = null
}
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, async () => {
    await stopAll()
    process.exit(130)
  })
}

function runJest(suite, { toLog }) {
  const { testType } = SUITES[suite]
  const outFile = path.join(outDir, `${suite}.json`)
  fs.rmSync(outFile, { force: true })
  const logFile = path.join(outDir, `${suite}.log`)
  const logFd = toLog ? fs.openSync(logFile, "w") : null
  const jestBin = path.join(root, "node_modules", "jest", "bin", "jest.js")
  const argv = [
    jestBin,
    "--runInBand",
    "--forceExit",
    "--json",
    `--outputFile=${outFile}`,
    ...(suite === "unit" ? ["--silent"] : []),
    ...(suite === "e2e" ? ["--passWithNoTests"] : []),
    ...jestArgs,
  ]
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argv, {
      cwd: root,
      stdio: logFd === null ? "inherit" : ["ignore", logFd, logFd],
      env: {
        ...process.env,
        TEST_TYPE: testType,
        NODE_OPTIONS: [process.env.NODE_OPTIONS, "--experimental-vm-modules"].filter(Boolean).join(" "),
        MEDUSA_DISABLE_TELEMETRY: "true",
        LOG_LEVEL: process.env.LOG_LEVEL || "error",
        ...(starterPrefetch ? { THREEPAY_STARTER_PREFETCH: starterPrefetch.dir } : {}),
      },
    })
    child.on("exit", (code) => {
      if (logFd !== null) {
        fs.closeSync(logFd)
        console.log(`\n=== ${suite} tests (output) ===\n${fs.readFileSync(logFile, "utf8")}`)
      }
      resolve({ suite, code: code ?? 1, outFile })
    })
  })
}

function readResult(outFile) {
  try {
    const r = JSON.parse(fs.readFileSync(outFile, "utf8"))
    return {
      passed: r.numPassedTests,
      failed: r.numFailedTests + r.numRuntimeErrorTestSuites,
      total: r.numTotalTests,
    }
  } catch {
    return null
  }
}

let passed = 0
let failed = 0
let exitCode = 0
try {
  if (picked.includes("starter")) starterPrefetch = startStarterPrefetch()
  if (picked.some((s) => SUITES[s].needsDb)) {
    pg = await ensurePostgres({ log: (m) => console.log(m) })
    Object.assign(process.env, {
      DB_HOST: pg.host,
      DB_PORT: String(pg.port),
      DB_USERNAME: pg.user,
      DB_PASSWORD: pg.password,
    })
  }
  const toLog = LANES.length > 1
  let redisReady = null
  const needRedis = () =>
    (redisReady ??= ensureRedis({ log: (m) => console.log(m) }).then((r) => {
      redis = r
      process.env.REDIS_URL = r.url
    }))
  const runSuite = async (suite) => {
    const started = Date.now()
    console.log(`\n=== ${suite} tests${toLog ? " (started)" : ""} ===`)
    if (SUITES[suite].needsRedis) {
      try {
        await needRedis()
      } catch (e) {
        // No Redis on this machine: this suite fails with the way to get one; the others still run.
        console.log(`[${suite}] not run: ${e instanceof Error ? e.message : e}`)
        fs.writeFileSync(path.join(outDir, `${suite}.json`), JSON.stringify({ numPassedTests: 0, numFailedTests: 1, numRuntimeErrorTestSuites: 0, numTotalTests: 1 }))
        failed += 1
        exitCode = 1
        return
      }
    }
    const { code, outFile } = await runJest(suite, { toLog })
    const r = readResult(outFile)
    const took = `${Math.round((Date.now() - started) / 1000)} s`
    if (!r) {
      console.log(`[${suite}] jest wrote no results (exit ${code}, ${took})`)
      failed += 1
      exitCode = 1
      return
    }
    console.log(`[${suite}] ${r.passed} passed, ${r.failed} failed (${took})`)
    passed += r.passed
    failed += r.failed
    if (code !== 0 || r.failed > 0) exitCode = 1
  }
  await Promise.all(
    LANES.map(async (lane) => {
      for (const suite of lane) if (picked.includes(suite)) await runSuite(suite)
    }),
  )
} catch (e) {
  console.error(e instanceof Error ? e.message : e)
  exitCode = 1
  failed += 1
} finally {
  await stopAll()
}
if (passed === 0) exitCode = 1
console.log(`${passed} passed, ${failed} failed`)
process.exit(exitCode)
