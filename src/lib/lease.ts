/**
 * Work held as a short lease, renewed while its holder is alive: the plugin's
 * locks (an invoice's, a cart's during a settlement) and its webhook-event
 * claims. A process killed with `kill -9` stops renewing, so its work is
 * taken over after at most one lease, not after a TTL sized for the slowest
 * run (two minutes before); a live holder keeps renewing, so no second live
 * process ever gets the same lock while the first is still settling.
 *
 * Renewal uses Medusa's locking module as it is: `acquire` again with the
 * same `ownerId` and `expire` extends the lease (locking-redis, the in-memory
 * provider, locking-postgres). A renewal that fails is logged and tried again
 * on the next beat; the lease tolerates several missed beats (a Redis stall).
 *
 * Renewal timers are process-local and keyed by owner: the workflow step that
 * takes a lease and the one that gives it back run in the same process (the
 * plugin's workflows are synchronous), and a dead process takes its timers
 * with it, which is the point.
 */
import { randomUUID } from "node:crypto"
import { setTimeout as sleep } from "node:timers/promises"
import type { ILockingModule, Logger } from "@medusajs/framework/types"

/** A lock nobody renews is free after this long. */
export const LOCK_LEASE_SECONDS = 20
/** Four beats per lease: three can be missed (a Redis or PostgreSQL stall) before it lapses. */
export const beatEvery = (leaseMs: number) => Math.max(250, Math.floor(leaseMs / 4))

const beats = new Map<string, NodeJS.Timeout>()

/**
 * Calls `beat` every `everyMs` until `stopKeepAlive(id)`, or until a beat
 * resolves `false` (what it renews is gone: settled, or taken over). A beat
 * that throws is logged, not fatal: the next one tries again.
 */
export function keepAlive(id: string, everyMs: number, beat: () => Promise<unknown>, logger?: Pick<Logger, "warn">): void {
  stopKeepAlive(id)
  const timer = setInterval(() => {
    beat().then(
      (alive) => {
        if (alive === false && beats.get(id) === timer) stopKeepAlive(id)
      },
      (e) => logger?.warn(`[3pay] could not renew ${id}: ${(e as Error)?.message ?? e}`)
    )
  }, everyMs)
  timer.unref()
  beats.set(id, timer)
}

export function stopKeepAlive(id: string): void {
  const timer = beats.get(id)
  if (timer) clearInterval(timer)
  beats.delete(id)
}

/** How many renewals are running in this process (tests: none left behind). */
export const liveKeepAlives = () => beats.size

/** What a `kill -9` does to this process's renewals (tests). */
export function stopAllKeepAlives(): void {
  for (const id of [...beats.keys()]) stopKeepAlive(id)
}

export type Lease = { keys: string[]; owner_id: string }

const leaseKeepAliveId = (lease: Lease) => `lock ${lease.keys.join(",")} (${lease.owner_id})`

/**
 * Takes `keys` as a lease of LOCK_LEASE_SECONDS (tests: `leaseSeconds`), waiting up to
 * `timeoutSeconds` for a holder to give them back (or die), and keeps it
 * renewed until releaseLease.
 */
export async function acquireLease(
  locking: ILockingModule,
  keys: string[],
  opts: { timeoutSeconds: number; logger?: Pick<Logger, "warn">; leaseSeconds?: number }
): Promise<Lease> {
  const leaseSeconds = opts.leaseSeconds ?? LOCK_LEASE_SECONDS
  const owner_id = `threepay:${randomUUID()}`
  const until = Date.now() + opts.timeoutSeconds * 1000
  for (;;) {
    try {
      await locking.acquire(keys, { ownerId: owner_id, expire: leaseSeconds })
      break
    } catch (e) {
      if (Date.now() >= until) throw e
      await sleep(300)
    }
  }
  keepAlive(
    leaseKeepAliveId({ keys, owner_id }),
    beatEvery(leaseSeconds * 1000),
    () => locking.acquire(keys, { ownerId: owner_id, expire: leaseSeconds }),
    opts.logger
  )
  return { keys, owner_id }
}

/** Stops renewing and gives the keys back. Never throws: a lease not given back lapses by itself. */
export async function releaseLease(locking: ILockingModule, lease: Lease, logger?: Pick<Logger, "warn">): Promise<void> {
  stopKeepAlive(leaseKeepAliveId(lease))
  try {
    await locking.release(lease.keys, { ownerId: lease.owner_id })
  } catch (e) {
    logger?.warn(`[3pay] could not release ${lease.keys.join(",")}; it lapses within ${LOCK_LEASE_SECONDS} s: ${(e as Error)?.message ?? e}`)
  }
}
