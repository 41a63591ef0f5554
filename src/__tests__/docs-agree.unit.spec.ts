/**
 * README, medusa-config.example.ts and the code say the same thing: every
 * option the plugin accepts is in the README's Options table and nothing
 * else is, and the example config passes the plugin's own validation.
 */
import fs from "node:fs"
import path from "node:path"
import { z } from "zod"
import { optionsSchema, parseOptions } from "../lib/options"

const root = path.resolve(__dirname, "../..")
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")

function documentedOptions(): string[] {
  const section = readme.slice(readme.indexOf("\n## Options"), readme.indexOf("\n## ", readme.indexOf("\n## Options") + 1))
  return [...section.matchAll(/^\| `([A-Za-z]+)` \|/gm)].map((m) => m[1])
}

function acceptedOptions(): string[] {
  // optionsSchema is z.object(...).strict().transform(...): its input side holds the keys.
  const input = (optionsSchema as unknown as { in: z.ZodObject }).in
  return Object.keys(input.shape)
}

describe("the docs agree with the code", () => {
  it("the README's Options table lists exactly the options the plugin accepts", () => {
    expect(documentedOptions().sort()).toEqual(acceptedOptions().sort())
  })

  it("medusa-config.example.ts's options pass the plugin's validation", () => {
    const source = fs.readFileSync(path.join(root, "medusa-config.example.ts"), "utf8")
    // Every option the example sets is one the plugin knows (a typo would stop the boot).
    const block = source.slice(source.indexOf("const threepay = {"), source.indexOf("\n}\n", source.indexOf("const threepay = {")))
    const set = [...block.matchAll(/^  ([A-Za-z]+):/gm)].map((m) => m[1])
    expect(set.length).toBeGreaterThan(5)
    for (const key of set) expect(acceptedOptions()).toContain(key)
    process.env.THREEPAY_API_KEY = "key_example"
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = require(path.join(root, "medusa-config.example.ts"))
      const plugin = config.plugins.find((p: { resolve: string }) => p.resolve === "medusa-payment-3pay")
      expect(() => parseOptions(plugin.options)).not.toThrow()
    })
  })
})
