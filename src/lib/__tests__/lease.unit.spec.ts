/**
 * Leases on Medusa's own in-memory locking provider (the same acquire /
 * release contract as locking-redis): a live holder keeps its keys past
 * many lease lengths, a holder that stops renewing (what `kill -9` does)
 * loses them after one lease, and a renewal that fails is not fatal.
 */
import { setTimeout as sleep } from "node:timers/promises"
import type { ILockingModule } from "@medusajs/framework/types"
import { InMemoryLockingProvider } from "@medusajs/locking/dist/providers/in-memory"
import { acquireLease, beatEvery, keepAlive, liveKeepAlives, releaseLease, stopAllKeepAlives, stopKeepAlive } from "../lease"

const locking = () => new InMemoryLockingProvider() as unknown as ILockingModule
const LEASE = 1

afterEach(() => stopAllKeepAlives())

describe("a lock held as a lease", () => {
  it("a live holder keeps it past several lease lengths; nobody else gets it meanwhile", async () => {
    const l = locking()
    const a = await acquireLease(l, ["threepay:invoice:t1"], { timeoutSeconds: 0, leaseSeconds: LEASE })
    await sleep(2_500)
    await expect(acquireLease(l, ["threepay:invoice:t1"], { timeoutSeconds: 0, leaseSeconds: LEASE })).rejects.toThrow()
    await releaseLease(l, a)
    const b = await acquireLease(l, ["threepay:invoice:t1"], { timeoutSeconds: 0, leaseSeconds: LEASE })
    await releaseLease(l, b)
    expect(liveKeepAlives()).toBe(0)
  })

  it("a holder that stops renewing (killed) loses it after one lease; a waiter takes it over", async () => {
    const l = locking()
    await acquireLease(l, ["threepay:invoice:t2"], { timeoutSeconds: 0, leaseSeconds: LEASE })
    stopAllKeepAlives()
    const t0 = Date.now()
    const b = await acquireLease(l, ["threepay:invoice:t2"], { timeoutSeconds: 5, leaseSeconds: LEASE })
    expect(Date.now() - t0).toBeLessThan(LEASE * 1000 + 700)
    await releaseLease(l, b)
  })

  it("release never throws (the lease lapses by itself) and stops the renewal", async () => {
    const l = locking()
    const a = await acquireLease(l, ["k"], { timeoutSeconds: 0, leaseSeconds: LEASE })
    const warn = jest.fn()
    const broken = { release: () => Promise.reject(new Error("redis down")) } as unknown as ILockingModule
    await expect(releaseLease(broken, a, { warn })).resolves.toBeUndefined()
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("lapses within"))
    expect(liveKeepAlives()).toBe(0)
  })
})

describe("keepAlive", () => {
  it("beats four times a lease until stopped; a failed beat is logged and the next one still runs", async () => {
    expect(beatEvery(30_000)).toBe(7_500)
    let n = 0
    const warn = jest.fn()
    keepAlive("claim e1", 50, async () => {
      n++
      if (n === 1) throw new Error("connection terminated")
    }, { warn })
    await sleep(230)
    stopKeepAlive("claim e1")
    const seen = n
    await sleep(150)
    expect(seen).toBeGreaterThanOrEqual(3)
    expect(n).toBe(seen)
    expect(warn).toHaveBeenCalledTimes(1)
  })

  it("stops by itself once a beat says what it renews is gone (a claim settled or taken over)", async () => {
    let n = 0
    keepAlive("claim e2 #1", 50, async () => ++n < 3)
    await sleep(400)
    expect(n).toBe(3)
    expect(liveKeepAlives()).toBe(0)
  })
})
