/**
 * Rules of the code's shape that a reviewer would otherwise have to re-check
 * by hand: one function creates invoices at 3PAY, and money is never read
 * through a binary float.
 */
import fs from "node:fs"
import path from "node:path"

const SRC = path.resolve(__dirname, "..")

function sources(dir = SRC): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name)
    if (e.isDirectory()) return e.name === "__tests__" ? [] : sources(p)
    return /\.(ts|tsx)$/.test(e.name) ? [p] : []
  })
}

const rel = (p: string) => path.relative(SRC, p)

describe("one path per job", () => {
  it("exactly one function in src/ asks 3PAY to create an invoice: the checkout workflow's create step", () => {
    const callers = sources().filter((f) => /\.createInvoice\(/.test(fs.readFileSync(f, "utf8")))
    expect(callers.map(rel)).toEqual([path.join("workflows", "steps", "create-invoice.ts")])
    const text = fs.readFileSync(callers[0], "utf8")
    expect(text.match(/\.createInvoice\(/g)).toHaveLength(1)
  })

  it("the payment provider never creates an invoice", () => {
    for (const f of sources(path.join(SRC, "providers"))) expect(fs.readFileSync(f, "utf8")).not.toMatch(/createInvoice/)
  })
})

describe("money is exact", () => {
  it("no parseFloat, and no Number() of an amount, anywhere in src/", () => {
    // (basis points are a count, not money)
    const money = /Number\([^)]*(amount|total|received|balance|usdt|price|fee|excess|missing|tolerance(?!_bps))/i
    const offenders = sources().flatMap((f) =>
      fs
        .readFileSync(f, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${rel(f)}:${i + 1}` }))
        .filter(({ line }) => /parseFloat\(/.test(line) || money.test(line))
        .map(({ at, line }) => `${at}: ${line.trim()}`)
    )
    expect(offenders).toEqual([])
  })
})
