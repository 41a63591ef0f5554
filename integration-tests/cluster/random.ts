/**
 * Seeded randomness for the cluster harness and the chaos run: the same seed
 * gives the same routing, the same checkouts and the same faults, so a
 * failing run can be replayed (`npm run chaos -- --seed <seed>`).
 */
import { createHash } from "node:crypto"

export class Rng {
  private a: number
  constructor(readonly seed: string) {
    this.a = createHash("sha256").update(seed).digest().readUInt32LE(0)
  }

  /** mulberry32: a float in [0, 1). */
  next(): number {
    this.a = (this.a + 0x6d2b79f5) | 0
    let t = this.a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  /** An integer in [min, max]. */
  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(p: number): boolean {
    return this.next() < p
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]
  }

  /** A weighted pick: { full: 5, late: 1 } */
  weighted<K extends string>(weights: Record<K, number>): K {
    const entries = Object.entries(weights) as Array<[K, number]>
    const total = entries.reduce((a, [, w]) => a + w, 0)
    let r = this.next() * total
    for (const [k, w] of entries) {
      if ((r -= w) < 0) return k
    }
    return entries[entries.length - 1][0]
  }

  /** An independent stream (e.g. one per checkout), still fixed by the seed. */
  fork(label: string): Rng {
    return new Rng(`${this.seed}/${label}`)
  }
}

/** A short random seed for a new run. */
export function newSeed(): string {
  return createHash("sha256").update(`${Date.now()}-${process.pid}-${Math.random()}`).digest("hex").slice(0, 10)
}
