/**
 * A store run the way Medusa's production docs describe, on this machine:
 * two server-mode Medusa instances and one worker-mode instance of the
 * packed plugin (installed from its npm tarball into a host app, see
 * scripts/cluster/prepare.mjs), one PostgreSQL database, one Redis behind
 * the event bus, the workflow engine, locking and caching modules, a load
 * balancer in front of the servers (storefront calls and 3PAY's webhooks go
 * to either), and the 3PAY emulator over HTTP.
 *
 * Scheduled jobs are on (they run only where Medusa runs jobs: the worker);
 * their schedules come from `reconcileSchedule` / `retrySchedule`. Instances
 * can be killed (`kill -9`) and restarted, and the database's connections
 * cut, while the store is in use.
 *
 * Needs REDIS_URL (scripts/test.mjs starts a redis-server) and DB_* (the
 * PostgreSQL that npm test found or started).
 */
import { execFile, spawn, type ChildProcess } from "node:child_process"
import fs from "node:fs"
import path from "node:path"
import { promisify } from "node:util"
import { Pool } from "pg"
import Redis from "ioredis"
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "medusa-payment-3pay-emulator"
import { Balancer, type Policy } from "./balancer"
import { freePort } from "../helpers/ports"
import { Rng } from "./random"

export const ROOT = path.resolve(__dirname, "..", "..")
const run = promisify(execFile)

export type ClusterSeed = {
  regionId: string
  salesChannelId: string
  publishableKey: string
  secretKey: string
  variantId: string
  variantPrice: number
  shippingOptionId: string
  shippingPrice: number
  country: string
  currency: string
}

type Prepared = {
  storeDir: string
  logs: string
  template: string
  seed: ClusterSeed
  pluginHash: string
  medusaCli: string
  postgres: { host: string; port: number; user: string; password: string }
}

export type InstanceMode = "server" | "worker"
export type InstanceName = "a" | "b" | "worker"

export type Instance = {
  name: InstanceName
  mode: InstanceMode
  port: number
  logFile: string
  child: ChildProcess | null
  /** Answering /health since its last start. */
  ready: boolean
  /** Boots and how long each took to answer /health (ms). */
  boots: number[]
  /** kill -9s suffered. */
  kills: number
  /** Boots that failed (the process exited before answering) and were retried. */
  bootFailures: number
}

export type ClusterOptions = {
  /** Routing, and whatever else the caller draws from it. */
  seed?: string
  /** Names the run's database and log files. */
  name?: string
  /** Cron (with seconds) for the jobs; default every 5 s and every 3 s. */
  reconcileSchedule?: string
  retrySchedule?: string
  /** Extra emulator options (faults, settings). */
  emulator?: EmulatorOptions
  /** Extra environment for every instance. */
  env?: Record<string, string>
  log?: (m: string) => void
}

let prepared: Promise<Prepared> | null = null

/** Packs the plugin, installs it into the host app, migrates and seeds the template database (cached). */
export function prepareCluster(log: (m: string) => void = () => {}): Promise<Prepared> {
  prepared ??= (async () => {
    const t0 = Date.now()
    const nodeOptions = (process.env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim()
    const { stdout } = await run(process.execPath, [path.join(ROOT, "scripts", "cluster", "prepare.mjs")], {
      cwd: ROOT,
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
      maxBuffer: 16 * 1024 * 1024,
    }).catch((e: Error & { stderr?: string }) => {
      throw new Error(`scripts/cluster/prepare.mjs failed: ${e.message}\n${e.stderr ?? ""}`)
    })
    const r = JSON.parse(stdout.trim().split("\n").pop()!) as Prepared
    log(`prepared the host app and template database in ${Date.now() - t0} ms`)
    return r
  })()
  return prepared
}

function databaseUrl(pg: Prepared["postgres"], database: string) {
  const auth = encodeURIComponent(pg.user) + (pg.password ? `:${encodeURIComponent(pg.password)}` : "")
  return `postgres://${auth}@${pg.host}:${pg.port}/${database}?ssl_mode=disable`
}

export class Cluster {
  readonly instances: Record<InstanceName, Instance>
  readonly rng: Rng
  private stopped = false

  private constructor(
    readonly prepared: Prepared,
    readonly database: string,
    readonly redisUrl: string,
    readonly redis: Redis,
    readonly db: Pool,
    readonly emulator: EmulatorHandle,
    readonly balancer: Balancer,
    private readonly env: Record<string, string>,
    ports: Record<InstanceName, number>,
    logPrefix: string,
    seed: string,
    readonly log: (m: string) => void
  ) {
    this.rng = new Rng(seed)
    const inst = (name: InstanceName, mode: InstanceMode): Instance => ({
      name,
      mode,
      port: ports[name],
      logFile: `${logPrefix}-${name}.log`,
      child: null,
      ready: false,
      boots: [],
      kills: 0,
      bootFailures: 0,
    })
    this.instances = { a: inst("a", "server"), b: inst("b", "server"), worker: inst("worker", "worker") }
  }

  get seed(): ClusterSeed {
    return this.prepared.seed
  }

  /** The load balancer: storefront calls and webhooks. */
  get url(): string {
    return this.balancer.url
  }

  serverUrl(name: InstanceName): string {
    return `http://127.0.0.1:${this.instances[name].port}`
  }

  static async start(opts: ClusterOptions = {}): Promise<Cluster> {
    const log = opts.log ?? (() => {})
    if (!process.env.REDIS_URL) {
      throw new Error("REDIS_URL is not set: run the cluster suites through `npm test` / `npm run test:cluster`, which start a redis-server")
    }
    // A database of its own (never FLUSHALL someone's Redis): db 13 unless CLUSTER_REDIS_DB says otherwise.
    const redisUrl = withDb(process.env.REDIS_URL, Number(process.env.CLUSTER_REDIS_DB ?? 13))
    const prep = await prepareCluster(log)
    const name = (opts.name ?? "run").replace(/[^a-z0-9_]/gi, "_").toLowerCase()
    const database = `medusa_3pay_cluster_${name}_${process.pid}`
    const admin = new Pool({ ...prep.postgres, database: "postgres", max: 1 })
    try {
      await admin.query(`drop database if exists "${database}" with (force)`)
      await admin.query(`create database "${database}" template "${prep.template}"`)
    } finally {
      await admin.end()
    }
    // A clean Redis: no queued events, schedules or locks of an earlier run.
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 3, lazyConnect: false })
    await redis.flushdb()

    const seed = opts.seed ?? "cluster"
    const emulatorPort = await freePort()
    const ports = { a: await freePort(), b: await freePort(), worker: await freePort() }
    const balancer = new Balancer(
      [
        { name: "a", port: ports.a },
        { name: "b", port: ports.b },
      ],
      emulatorPort,
      new Rng(`${seed}/balancer`)
    )
    await balancer.start()
    const emulator = await startEmulator({
      port: emulatorPort,
      seed,
      rateLimits: false,
      // 3PAY's redelivery schedule (1 min, 5 min, 30 min...), 20 times faster.
      timeScale: 0.05,
      ...opts.emulator,
      webhookUrl: `${balancer.url}/hooks/3pay`,
    })
    const db = new Pool({ ...prep.postgres, database, max: 4 })
    // A cut connection (pg_terminate_backend) must not take the harness down.
    db.on("error", () => undefined)

    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      // ts-node for the host app's medusa-config.ts; not "development" (MikroORM would log every query).
      NODE_ENV: "test",
      NODE_OPTIONS: (process.env.NODE_OPTIONS ?? "").replace("--experimental-vm-modules", "").trim(),
      MEDUSA_DISABLE_TELEMETRY: "true",
      LOG_LEVEL: process.env.CLUSTER_LOG_LEVEL ?? "info",
      DATABASE_URL: databaseUrl(prep.postgres, database),
      REDIS_URL: redisUrl,
      THREEPAY_API_KEY: emulator.apiKey,
      THREEPAY_API_SECRET: emulator.apiSecret,
      THREEPAY_WEBHOOK_SECRET: emulator.webhookSecret,
      THREEPAY_BACKEND_URL: balancer.url,
      STORE_CORS: balancer.url,
      ADMIN_CORS: balancer.url,
      AUTH_CORS: balancer.url,
      JWT_SECRET: "cluster-jwt-secret",
      COOKIE_SECRET: "cluster-cookie-secret",
      DISABLE_MEDUSA_ADMIN: "true",
      THREEPAY_RECONCILE_SCHEDULE: opts.reconcileSchedule ?? "*/5 * * * * *",
      THREEPAY_RETRY_SCHEDULE: opts.retrySchedule ?? "*/3 * * * * *",
      // The emulator's limits are off; the plugin's shared budget gets room for the test's checkouts.
      THREEPAY_RATE_LIMITS: JSON.stringify({ walletGen: 100_000, standard: 100_000 }),
      ...opts.env,
    }
    delete env.THREEPAY_DISABLE_JOBS
    delete env.JEST_WORKER_ID
    const logs = path.join(prep.logs, "runs")
    fs.mkdirSync(logs, { recursive: true })
    const cluster = new Cluster(prep, database, redisUrl, redis, db, emulator, balancer, env, ports, path.join(logs, name), seed, log)
    try {
      await Promise.all((["worker", "a", "b"] as const).map((n) => cluster.startInstance(n)))
    } catch (e) {
      await cluster.stop()
      throw e
    }
    return cluster
  }

  /**
   * Starts (or restarts) one instance and waits until it answers /health. A
   * process that exits while booting (Medusa stops when a module's loader
   * fails, e.g. its database connection was cut) is started again, as a
   * process supervisor would, up to `attempts` times.
   */
  async startInstance(name: InstanceName, attempts = 3): Promise<number> {
    const t0 = Date.now()
    for (let i = 1; ; i++) {
      try {
        await this.bootOnce(name)
        break
      } catch (e) {
        if (i >= attempts || !/exited/.test((e as Error).message)) throw e
        this.instances[name].bootFailures++
        this.log(`instance ${name} failed to boot (attempt ${i}); starting it again`)
      }
    }
    return Date.now() - t0
  }

  private async bootOnce(name: InstanceName): Promise<number> {
    const inst = this.instances[name]
    if (inst.child && inst.child.exitCode === null && inst.child.signalCode === null) return 0
    const t0 = Date.now()
    inst.ready = false
    fs.appendFileSync(inst.logFile, `\n===== start ${name} (${inst.mode}) at ${new Date().toISOString()}\n`)
    const fd = fs.openSync(inst.logFile, "a")
    const child = spawn(process.execPath, [this.prepared.medusaCli, "start"], {
      cwd: this.prepared.storeDir,
      env: {
        ...this.env,
        PORT: String(inst.port),
        MEDUSA_WORKER_MODE: inst.mode,
        THREEPAY_BASE_URL: this.balancer.apiBaseFor(name),
      },
      stdio: ["ignore", fd, fd],
    })
    fs.closeSync(fd)
    inst.child = child
    // CLUSTER_BOOT_TIMEOUT_MS: a machine shared with other work boots Medusa more slowly than CI's.
    const bootMs = Number(process.env.CLUSTER_BOOT_TIMEOUT_MS ?? 180_000)
    const until = Date.now() + bootMs
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`instance ${name} exited (${child.signalCode ?? child.exitCode}) while starting; log ${inst.logFile}:\n${tail(inst.logFile)}`)
      }
      try {
        const res = await fetch(`${this.serverUrl(name)}/health`, { signal: AbortSignal.timeout(2000) })
        if (res.ok) break
      } catch {
        /* not yet */
      }
      if (Date.now() > until) throw new Error(`instance ${name} did not answer /health in ${Math.round(bootMs / 1000)} s; log ${inst.logFile}:\n${tail(inst.logFile)}`)
      await sleep(200)
    }
    const ms = Date.now() - t0
    inst.ready = true
    inst.boots.push(ms)
    this.log(`instance ${name} (${inst.mode}) ready on port ${inst.port} in ${ms} ms`)
    return ms
  }

  /** `kill -9` (or another signal); resolves once the process is gone. */
  async kill(name: InstanceName, signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    const inst = this.instances[name]
    const child = inst.child
    if (!child || child.exitCode !== null || child.signalCode !== null) return
    const gone = new Promise<void>((r) => child.once("exit", () => r()))
    inst.ready = false
    child.kill(signal)
    await gone
    if (signal === "SIGKILL") inst.kills++
    fs.appendFileSync(inst.logFile, `\n===== ${signal} ${name} at ${new Date().toISOString()}\n`)
  }

  /** Running and answering (not killed, not still booting). */
  isUp(name: InstanceName): boolean {
    const inst = this.instances[name]
    const c = inst.child
    return inst.ready && !!c && c.exitCode === null && c.signalCode === null
  }

  /** Cuts every PostgreSQL connection of the store's database (pg_terminate_backend). */
  async cutDatabaseConnections(): Promise<number> {
    const r = await this.db.query(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [this.database]
    )
    return r.rows[0].n as number
  }

  async sql<T extends Record<string, unknown> = Record<string, any>>(text: string, params: unknown[] = []): Promise<T[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return (await this.db.query(text, params)).rows as T[]
      } catch (e) {
        // Our own connection may have been cut with the others.
        if (attempt >= 3 || !/terminat|Connection|ECONNRESET/i.test(String((e as Error).message))) throw e
        await sleep(100)
      }
    }
  }

  setPolicy(policy: Policy): void {
    this.balancer.policy = policy
  }

  /** Admin API with the seeded secret key (e.g. POST /admin/3pay/settings), through the balancer or on one server. */
  async admin(method: string, route: string, body?: unknown, on?: InstanceName): Promise<{ status: number; data: any }> {
    const res = await fetch(`${on ? this.serverUrl(on) : this.url}${route}`, {
      method,
      headers: {
        authorization: `Basic ${Buffer.from(`${this.seed.secretKey}:`).toString("base64")}`,
        "content-type": "application/json",
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    return { status: res.status, data: await res.json().catch(() => null) }
  }

  async setFlow(flow: "pay_first" | "order_first"): Promise<void> {
    const r = await this.admin("POST", "/admin/3pay/settings", { flow })
    if (r.status !== 200) throw new Error(`POST /admin/3pay/settings: ${r.status} ${JSON.stringify(r.data)}`)
  }

  async stop(): Promise<void> {
    if (this.stopped) return
    this.stopped = true
    await Promise.all(
      Object.values(this.instances).map(async (inst) => {
        const c = inst.child
        if (!c || c.exitCode !== null || c.signalCode !== null) return
        const gone = new Promise<void>((r) => c.once("exit", () => r()))
        c.kill("SIGTERM")
        const t = setTimeout(() => c.kill("SIGKILL"), 10_000)
        await gone
        clearTimeout(t)
      })
    )
    await this.emulator.stop().catch(() => undefined)
    await this.balancer.stop().catch(() => undefined)
    await this.db.end().catch(() => undefined)
    await this.redis.flushdb().catch(() => undefined)
    this.redis.disconnect()
    if (!process.env.CLUSTER_KEEP_DB) {
      const admin = new Pool({ ...this.prepared.postgres, database: "postgres", max: 1 })
      await admin.query(`drop database if exists "${this.database}" with (force)`).catch(() => undefined)
      await admin.end()
    }
  }
}

function withDb(url: string, db: number): string {
  const u = new URL(url)
  u.pathname = `/${db}`
  return u.toString()
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").split("\n").slice(-lines).join("\n")
  } catch {
    return "(no log)"
  }
}
