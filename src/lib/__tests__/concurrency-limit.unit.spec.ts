import { concurrencyLimit } from "../concurrency-limit"

const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r))
}

describe("concurrencyLimit", () => {
  it("runs at most max tasks at once, the rest in arrival order; a failed task frees its slot; a late caller cannot slip past the queue", async () => {
    const run = concurrencyLimit(2)
    const started: number[] = []
    const finish = new Map<number, (fail: boolean) => void>()
    let active = 0
    let peak = 0
    const task = (i: number) =>
      run(async () => {
        started.push(i)
        peak = Math.max(peak, ++active)
        const fail = await new Promise<boolean>((r) => finish.set(i, r))
        active--
        if (fail) throw new Error(`task ${i} failed`)
        return i
      }).catch((e: Error) => e.message)

    const results = [0, 1, 2, 3].map(task)
    await settle()
    expect(started).toEqual([0, 1])

    finish.get(1)!(true)
    const late = task(4) // arrives while task 1's slot is handed to task 2
    await settle()
    expect(started).toEqual([0, 1, 2])

    finish.get(0)!(false)
    await settle()
    expect(started).toEqual([0, 1, 2, 3])
    for (const i of [2, 3]) finish.get(i)!(false)
    await settle()
    finish.get(4)!(false)

    expect(await Promise.all([...results, late])).toEqual([0, "task 1 failed", 2, 3, 4])
    expect(started).toEqual([0, 1, 2, 3, 4])
    expect(peak).toBe(2)
  })

  it("refuses a bound that is not a positive integer", () => {
    expect(() => concurrencyLimit(0)).toThrow(RangeError)
    expect(() => concurrencyLimit(1.5)).toThrow(RangeError)
  })
})
