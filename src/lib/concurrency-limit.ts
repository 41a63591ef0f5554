/**
 * At most `max` tasks at once in this process; the others wait their turn in
 * arrival order. The webhook subscriber uses it so that a burst of deliveries
 * is applied a few at a time: applying one holds database connections (and
 * waits on locks), and without a bound a burst took the whole pool, so
 * /hooks/3pay itself waited seconds for a connection to record and acknowledge
 * the next delivery. A waiting event is already in the webhook ledger; if the
 * process dies, the retry job applies it.
 */
export function concurrencyLimit(max: number) {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`concurrencyLimit: max must be a positive integer, got ${max}`)
  let active = 0
  const waiting: Array<() => void> = []
  // A finishing task hands its slot straight to the next in line, so a caller
  // arriving in between cannot slip past the bound.
  const release = () => {
    const next = waiting.shift()
    if (next) next()
    else active--
  }
  return async function run<T>(task: () => Promise<T>): Promise<T> {
    if (active < max) active++
    else await new Promise<void>((resolve) => waiting.push(resolve))
    try {
      return await task()
    } finally {
      release()
    }
  }
}
