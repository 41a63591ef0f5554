/**
 * The four npm tarballs, as `npm publish` would upload them: what each one
 * holds and leaves out, where its package.json points, and who may depend
 * on what. Issue #10: the plugin carries no emulator and no storefront code;
 * the storefront's only peer is React; every exports entry names a packed
 * file; every package has its LICENSE, README, repository and homepage.
 */
import { builtinModules } from "node:module"
import fs from "node:fs"
import path from "node:path"
import { KEYS, PACKAGES, childEnv, expectSuccess, listFiles, packAll, readJson, removeDir, run, tempDir, type PackageKey, type Packed } from "./helpers"

const REPOSITORY = "git+https://github.com/medusa-payment-3pay/medusa-payment-3pay.git"
const HOME = "https://github.com/medusa-payment-3pay/medusa-payment-3pay"
const COPYRIGHT = "Copyright (c) 2026 medusa-payment-3pay contributors"

let packed: Packed
let root: string
/** Each tarball unpacked into <root>/node_modules/<name>, as npm installs it. */
const dirOf = (k: PackageKey) => path.join(root, "node_modules", PACKAGES[k])
const manifest = (k: PackageKey) => readJson(path.join(dirOf(k), "package.json"))
const files = (k: PackageKey) => listFiles(dirOf(k))
const read = (k: PackageKey, file: string) => fs.readFileSync(path.join(dirOf(k), file), "utf8")
const code = (k: PackageKey) => files(k).filter((f) => /\.(c|m)?js$/.test(f))

beforeAll(async () => {
  packed = await packAll()
  root = tempDir("tarballs")
  for (const k of KEYS) {
    fs.mkdirSync(dirOf(k), { recursive: true })
    expectSuccess(`tar ${packed.tarballs[k]}`, await run("tar", ["-xzf", packed.tarballs[k], "--strip-components=1", "-C", dirOf(k)], { cwd: root }))
  }
})
afterAll(() => removeDir(root))

/** Every file path an exports map (or main/module/types/bin) names, with its subpath pattern if any. */
function entryPoints(pkg: any): { entry: string; target: string }[] {
  const out: { entry: string; target: string }[] = []
  const walk = (entry: string, v: unknown) => {
    if (typeof v === "string") out.push({ entry, target: v })
    else if (Array.isArray(v)) v.forEach((x) => walk(entry, x))
    else if (v && typeof v === "object") for (const [cond, x] of Object.entries(v)) walk(`${entry} [${cond}]`, x)
  }
  if (typeof pkg.exports === "string") walk(".", pkg.exports)
  else for (const [subpath, v] of Object.entries(pkg.exports ?? {})) walk(subpath, v)
  for (const field of ["main", "module", "types", "typings"]) if (pkg[field]) walk(field, pkg[field])
  const bin = typeof pkg.bin === "string" ? { [pkg.name]: pkg.bin } : pkg.bin ?? {}
  for (const [name, v] of Object.entries(bin)) walk(`bin ${name}`, v)
  return out
}

/** Files a target names: itself, or every packed file its `*` matches. */
function matches(k: PackageKey, target: string): string[] {
  const rel = target.replace(/^\.\//, "")
  if (!rel.includes("*")) return fs.existsSync(path.join(dirOf(k), rel)) && fs.statSync(path.join(dirOf(k), rel)).isFile() ? [rel] : []
  const re = new RegExp("^" + rel.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join("[^/]+") + "$")
  return files(k).filter((f) => re.test(f))
}

/** The packages a compiled file requires or imports by name (not relative paths). */
function bareImports(source: string): string[] {
  const names = new Set<string>()
  const re =
    /\brequire\(\s*["']([^"']+)["']\s*\)|\bimport\(\s*["']([^"']+)["']\s*\)|^\s*(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm
  for (const m of source.matchAll(re)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4]
    const name = /^(node:.*|(@[\w.~-]+\/)?[\w.~-]+)/.exec(spec)?.[1]
    if (name && !spec.startsWith(".")) names.add(name)
  }
  return [...names]
}

/** Where Node (outside jest's resolver) resolves each specifier from `root`, relative to `root`. */
async function resolveAll(specs: string[], mode: "require" | "import"): Promise<string[]> {
  const resolve = mode === "require" ? "require.resolve(s)" : "fileURLToPath(import.meta.resolve(s))"
  const script = `import { createRequire } from "node:module"; import { fileURLToPath } from "node:url"
const require = createRequire(process.cwd() + "/"); const specs = ${JSON.stringify(specs)}
console.log(JSON.stringify(specs.map((s) => { try { return ${resolve} } catch (e) { return "unresolved: " + e.message.split("\\n")[0] } })))`
  const r = await run(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env: childEnv() })
  expectSuccess(`resolving with ${mode}`, r)
  return (JSON.parse(r.output.trim().split("\n").pop()!) as string[]).map((f) => (f.startsWith("unresolved") ? f : path.relative(root, f)))
}
const isBuiltin = (name: string) => name.startsWith("node:") || builtinModules.includes(name)

describe.each(KEYS)("%s tarball", (k) => {
  it("has its LICENSE (MIT), a README that says how to install it, repository and homepage", () => {
    const pkg = manifest(k)
    expect(pkg.name).toBe(PACKAGES[k])
    expect(pkg.license).toBe("MIT")
    const license = read(k, "LICENSE")
    expect(license).toMatch(/^MIT License/)
    expect(license).toContain(COPYRIGHT)
    expect(read(k, "README.md")).toMatch(new RegExp(`npm install (--save-dev )?${pkg.name}\\b`))
    const dir = k === "plugin" ? undefined : `packages/${k}`
    expect(pkg.repository).toEqual({ type: "git", url: REPOSITORY, ...(dir ? { directory: dir } : {}) })
    expect(pkg.homepage).toBe(dir ? `${HOME}/tree/main/${dir}#readme` : `${HOME}#readme`)
    expect(pkg.bugs).toBe(`${HOME}/issues`)
  })

  it("points every exports entry, main, module, types and bin at a packed file", () => {
    const entries = entryPoints(manifest(k))
    expect(entries.length).toBeGreaterThan(0)
    const dangling = entries.filter(({ target }) => matches(k, target).length === 0)
    expect(dangling).toEqual([])
  })

  it("packs no tests, specs or TypeScript sources", () => {
    const strays = files(k).filter((f) => /(^|\/)__tests__\/|\.(spec|test)\.[cm]?[jt]sx?$|(^|\/)integration-tests\/|(?<!\.d)\.tsx?$/.test(f))
    expect(strays).toEqual([])
  })

  it("declares every package its code loads (dependencies, peers or Node built-ins)", () => {
    const pkg = manifest(k)
    const declared = new Set([pkg.name, ...Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })])
    // The admin extension is bundled by the Medusa dashboard, which supplies its imports.
    const server = code(k).filter((f) => !f.startsWith(".medusa/server/src/admin/"))
    const undeclared = server.flatMap((f) => bareImports(read(k, f)).filter((n) => !isBuiltin(n) && !declared.has(n)).map((n) => `${f}: ${n}`))
    expect(undeclared).toEqual([])
  })

  it("depends on its sibling packages at the version being packed", () => {
    const pkg = manifest(k)
    const deps = { ...pkg.dependencies, ...pkg.peerDependencies }
    for (const sibling of KEYS.filter((s) => deps[PACKAGES[s]])) {
      expect([PACKAGES[sibling], deps[PACKAGES[sibling]]]).toEqual([PACKAGES[sibling], manifest(sibling).version])
    }
  })
})

describe("the plugin tarball", () => {
  it("holds no emulator code and no storefront component", () => {
    const paths = files("plugin").filter((f) => /(^|\/)emulator(\/|\.|$)|^\.medusa\/server\/src\/storefront\/|^bin\//.test(f))
    expect(paths).toEqual([])
    const forbidden =
      /medusa-payment-3pay-(emulator|storefront)|startEmulator|EmulatorControl|@noble\/hashes|@scure\/base|ThreePayPayment|useThreePayPayment|["']use client["']/
    const offenders = files("plugin")
      .filter((f) => /\.(c|m)?js$|\.d\.ts$|\.json$/.test(f) && f !== "package.json")
      .filter((f) => forbidden.test(read("plugin", f)))
    expect(offenders).toEqual([])
  })

  it("has neither in its package.json: no bin, no emulator or storefront dependency, no hash libraries", () => {
    const pkg = manifest("plugin")
    expect(pkg.bin).toBeUndefined()
    const runtime = Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies })
    expect(runtime.filter((n) => /emulator|storefront|^@noble\/|^@scure\//.test(n))).toEqual([])
    expect(pkg.dependencies[PACKAGES.client]).toBe(manifest("client").version)
  })

  it("pins its Medusa peers to the version it was verified on", () => {
    const peers = manifest("plugin").peerDependencies
    for (const [name, range] of Object.entries<string>(peers)) {
      if (name.startsWith("@medusajs/")) expect([name, range]).toEqual([name, expect.stringMatching(/^\d+\.\d+\.\d+$/)])
    }
    expect(peers["@medusajs/framework"]).toBe("2.21.2")
  })

  it("resolves what Medusa and a medusa-config.ts load from it", async () => {
    const subpaths = ["package.json", "providers/3pay", "modules/threepay", ".medusa/server/src/modules/threepay", "admin"]
    const at = (f: string) => `node_modules/${PACKAGES.plugin}/${f}`
    expect(await resolveAll(subpaths.map((s) => `${PACKAGES.plugin}/${s}`), "require")).toEqual([
      at("package.json"),
      at(".medusa/server/src/providers/3pay/index.js"),
      at(".medusa/server/src/modules/threepay/index.js"),
      at(".medusa/server/src/modules/threepay/index.js"),
      at(".medusa/server/src/admin/index.js"),
    ])
    // The admin bundler imports the ES module.
    expect(await resolveAll([`${PACKAGES.plugin}/admin`], "import")).toEqual([at(".medusa/server/src/admin/index.mjs")])
  })
})

describe("the storefront tarball", () => {
  it("has React (18 or 19) as its only peer, and no Medusa package at all", () => {
    const pkg = manifest("storefront")
    expect(pkg.peerDependencies).toEqual({ react: "^18.2.0 || ^19.0.0" })
    expect(pkg.peerDependenciesMeta).toBeUndefined()
    expect(Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }).filter((n) => n.startsWith("@medusajs/"))).toEqual([])
  })

  it('ships CommonJS and an ES module, each starting with "use client" (Next.js client components)', () => {
    const pkg = manifest("storefront")
    const main = pkg.exports["."]
    expect([main.import, main.default, pkg.module, pkg.main]).toEqual(["./dist/index.mjs", "./dist/index.js", "./dist/index.mjs", "./dist/index.js"])
    for (const file of ["dist/index.js", "dist/index.mjs"]) {
      expect([file, read("storefront", file).trimStart().slice(0, 13)]).toEqual([file, '"use client";'])
    }
  })

  it("resolves to the ES module for import and to CommonJS for require", async () => {
    const at = (f: string) => `node_modules/${PACKAGES.storefront}/${f}`
    expect(await resolveAll([PACKAGES.storefront], "require")).toEqual([at("dist/index.js")])
    expect(await resolveAll([PACKAGES.storefront], "import")).toEqual([at("dist/index.mjs")])
  })
})

describe("the client and emulator tarballs", () => {
  it("resolve their documented entry points", async () => {
    const { client, emulator } = PACKAGES
    expect(await resolveAll([client, `${client}/chains`, `${client}/store-api`, emulator], "require")).toEqual([
      `node_modules/${client}/dist/index.js`,
      `node_modules/${client}/dist/chains.js`,
      `node_modules/${client}/dist/store-api.js`,
      `node_modules/${emulator}/dist/index.js`,
    ])
    expect(manifest("emulator").bin).toEqual({ "medusa-payment-3pay-emulator": "./bin/emulator.js" })
  })
})
