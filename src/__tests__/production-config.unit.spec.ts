/**
 * README's "Running in production" shows the medusa-config.ts the cluster
 * tests run (scripts/cluster/store/medusa-config.ts), minus its header
 * comment. This keeps the two equal: what the README tells a store owner to
 * deploy is what `npm run test:cluster` and `npm run chaos` prove.
 */
import fs from "node:fs"
import path from "node:path"

const root = path.resolve(__dirname, "..", "..")

function productionConfigBlock(file: string): string {
  // The file without its leading /** ... */ comment.
  return file.replace(/^\/\*\*[\s\S]*?\*\/\n/, "").trim()
}

describe("README: Running in production", () => {
  it("shows exactly the medusa-config.ts the cluster tests run", () => {
    const readme = fs.readFileSync(path.join(root, "README.md"), "utf8")
    const m = /<!-- production-config:start[^>]*-->\n```ts\n([\s\S]*?)\n```\n<!-- production-config:end -->/.exec(readme)
    expect(m).not.toBeNull()
    const config = fs.readFileSync(path.join(root, "scripts", "cluster", "store", "medusa-config.ts"), "utf8")
    expect(m![1].trim()).toBe(productionConfigBlock(config))
  })
})
