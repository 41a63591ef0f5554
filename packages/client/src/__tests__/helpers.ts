/**
 * Shared test kit: a fake clock whose sleep advances time (so retries and
 * budget windows are deterministic), a client factory with an isolated
 * budget, and the capture of every log line and error the suite produces,
 * which each spec file scans for the API key and secret at its end.
 */
import nock from "nock"
import { inspect } from "node:util"
import { ThreePayClient } from "../client"
import { InMemoryRateBudgetStore, RateBudget } from "../rate-budget"
import type { ThreePayClientOptions, ThreePayLogger } from "../types"

export const KEY = "pk_test_KEY_0a1b2c3d4e5f6789"
export const SECRET = "sk_test_SECRET_9z8y7x6w5v4u3210"
export const ORIGIN = "https://sandbox.pay.3pa-y.com"
export const API = "/api/v1"
export const T0 = Date.parse("2026-03-01T12:00:00.000Z")

export class FakeClock {
  t = T0
  readonly sleeps: number[] = []
  now = (): number => this.t
  sleep = async (ms: number): Promise<void> => {
    this.sleeps.push(ms)
    this.t += ms
  }
  advance(ms: number): void {
    this.t += ms
  }
}

type Line = { level: string; message: string }
export const captured: { lines: Line[]; errors: unknown[] } = { lines: [], errors: [] }

export function makeLogger(sink: Line[] = []): ThreePayLogger & { lines: Line[] } {
  const push = (level: string) => (message: string) => {
    sink.push({ level, message })
    captured.lines.push({ level, message })
  }
  return { lines: sink, debug: push("debug"), info: push("info"), warn: push("warn"), error: push("error") }
}

export function newBudget(scope = "test"): RateBudget {
  return new RateBudget({ scope, store: new InMemoryRateBudgetStore() })
}

export type TestClient = {
  client: ThreePayClient
  clock: FakeClock
  budget: RateBudget
  logger: ReturnType<typeof makeLogger>
}

export function makeClient(overrides: Partial<ThreePayClientOptions> = {}, clock = new FakeClock()): TestClient {
  const logger = makeLogger()
  const budget = overrides.budget ?? newBudget()
  const client = new ThreePayClient({
    apiKey: KEY,
    apiSecret: SECRET,
    environment: "sandbox",
    logger,
    budget,
    now: clock.now,
    sleep: clock.sleep,
    random: () => 0.5,
    ...overrides,
  })
  return { client, clock, budget, logger }
}

/** nock scope for the sandbox API asserting the auth headers. */
export function api(opts: { secret?: boolean } = {}): nock.Scope {
  const withSecret = opts.secret ?? true
  return nock(ORIGIN, {
    reqheaders: {
      apikey: KEY,
      accept: "application/json",
      "x-request-id": (v: string) => /^req_[0-9a-f]{10}$/.test(v),
      ...(withSecret ? { "x-api-secret": SECRET } : {}),
    },
    badheaders: withSecret ? [] : ["x-api-secret"],
  })
}

/** Awaits a rejection, records the error for the leak scan, and returns it. */
export async function rejectionOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    captured.errors.push(e)
    return e
  }
  throw new Error("expected the call to fail, it succeeded")
}

export function rejectionOfSync(fn: () => unknown): unknown {
  try {
    fn()
  } catch (e) {
    captured.errors.push(e)
    return e
  }
  throw new Error("expected the call to throw, it did not")
}

export function connError(code: string): Error {
  return Object.assign(new Error(`connect ${code} 203.0.113.7:443`), { code })
}

export function installNock(): void {
  beforeAll(() => nock.disableNetConnect())
  afterEach(() => {
    nock.abortPendingRequests()
    nock.cleanAll()
  })
  afterAll(() => nock.enableNetConnect())
}

function textsOf(e: unknown): string[] {
  if (!(e instanceof Error)) return [String(e)]
  const out = [e.message, e.stack ?? "", inspect(e, { depth: 6 })]
  try {
    out.push(JSON.stringify(e))
  } catch {
    /* circular: inspect covers it */
  }
  const cause = (e as { cause?: unknown }).cause
  if (cause) out.push(...textsOf(cause))
  return out
}

/**
 * Call last in each spec file: one test that reads every log line and error
 * the file produced and fails if the API key or secret appears in any.
 */
export function registerLeakScan(expect_: { minLines?: number; minErrors?: number } = {}): void {
  describe("redaction", () => {
    it("no log line and no error (message, stack, fields) contains the API key or secret", () => {
      expect(captured.lines.length).toBeGreaterThanOrEqual(expect_.minLines ?? 1)
      expect(captured.errors.length).toBeGreaterThanOrEqual(expect_.minErrors ?? 1)
      for (const l of captured.lines) {
        expect(l.message).not.toContain(KEY)
        expect(l.message).not.toContain(SECRET)
      }
      for (const e of captured.errors) {
        for (const t of textsOf(e)) {
          expect(t).not.toContain(KEY)
          expect(t).not.toContain(SECRET)
        }
      }
    })
  })
}
