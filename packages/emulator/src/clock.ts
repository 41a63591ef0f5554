/**
 * Time for the emulator. `now()` is the base clock (Date.now, or the one the
 * caller injected) plus an offset that `advance()` moves forward. Delayed
 * work (expiry, the second step of a two-step payment, webhook retries) is a
 * task on the scheduler: it runs when the clock passes its time, either on
 * `advance()`/`runDue()` or, in auto mode, from a timer.
 */
export class Clock {
  private offset = 0
  constructor(private readonly base: () => number = Date.now) {}

  now(): number {
    return this.base() + this.offset
  }

  iso(at: number = this.now()): string {
    return new Date(at).toISOString()
  }

  /** Moves the clock to `at` if that is in the future. */
  moveTo(at: number): void {
    const now = this.now()
    if (at > now) this.offset += at - now
  }

  resetOffset(): void {
    this.offset = 0
  }
}

type Task = { id: number; at: number; label: string; run: () => unknown }

export class Scheduler {
  private tasks: Task[] = []
  private nextId = 1
  private timer: NodeJS.Timeout | null = null
  private stopped = false

  constructor(
    private readonly clock: Clock,
    private readonly auto: boolean,
    private readonly track: (work: Promise<unknown>) => void,
    private readonly onError: (label: string, error: unknown) => void
  ) {}

  schedule(at: number, label: string, run: () => unknown): number {
    const id = this.nextId++
    this.tasks.push({ id, at, label, run })
    this.tasks.sort((a, b) => a.at - b.at || a.id - b.id)
    this.arm()
    return id
  }

  cancel(id: number | null | undefined): void {
    if (id == null) return
    this.tasks = this.tasks.filter((t) => t.id !== id)
  }

  pending(): Array<{ id: number; at: number; label: string }> {
    return this.tasks.map(({ id, at, label }) => ({ id, at, label }))
  }

  clear(): void {
    this.tasks = []
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }

  /** Runs every task that is due now (and those they schedule for now). */
  runDue(): Promise<void> {
    const runs: Promise<unknown>[] = []
    for (;;) {
      const next = this.tasks[0]
      if (!next || next.at > this.clock.now()) break
      this.tasks.shift()
      runs.push(this.execute(next))
    }
    this.arm()
    return Promise.all(runs).then(() => undefined)
  }

  /**
   * Moves the clock forward by `ms`, stopping at each task's time so that the
   * work it schedules is timed from that moment, and waits for each task.
   */
  async advance(ms: number): Promise<void> {
    const target = this.clock.now() + Math.max(0, ms)
    for (;;) {
      const next = this.tasks[0]
      if (!next || next.at > target) break
      this.tasks.shift()
      this.clock.moveTo(next.at)
      await this.execute(next)
    }
    this.clock.moveTo(target)
    this.arm()
  }

  stop(): void {
    this.stopped = true
    this.clear()
  }

  /** Runs the task's synchronous part now, so state changes are visible at once. */
  private execute(task: Task): Promise<unknown> {
    let work: Promise<unknown>
    try {
      work = Promise.resolve(task.run())
    } catch (e) {
      work = Promise.reject(e)
    }
    const settled = work.catch((e) => this.onError(task.label, e))
    this.track(settled)
    return settled
  }

  private arm(): void {
    if (!this.auto || this.stopped) return
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const next = this.tasks[0]
    if (!next) return
    const delay = Math.min(Math.max(0, next.at - this.clock.now()), 2 ** 31 - 1)
    this.timer = setTimeout(() => {
      this.timer = null
      void this.runDue()
    }, delay)
    this.timer.unref()
  }
}
