// Builds the plugin and its three workspace packages the way they are
// published (the root's `npm run build`: the packages' tsc builds, then
// `medusa plugin:build`) and packs each of them with `npm pack`, as
// `npm publish` would. The tarballs are what the demo store and its checkout
// page install, and what the packaging tests (integration-tests/packaging)
// inspect and install into fresh apps. Cached by a hash of the sources: an
// unchanged tree costs nothing on the next run. CLI: scripts/pack.mjs.
import fs from "node:fs"
import path from "node:path"
import { ROOT, hashFiles, hashString, listFiles, npmEnv, readText, run, seconds } from "./util.mjs"

/** The published packages: the plugin at the root, the others under packages/. */
export const PACKAGES = {
  plugin: { name: "medusa-payment-3pay", dir: "." },
  client: { name: "medusa-payment-3pay-client", dir: "packages/client" },
  emulator: { name: "medusa-payment-3pay-emulator", dir: "packages/emulator" },
  storefront: { name: "medusa-payment-3pay-storefront", dir: "packages/storefront" },
}

// Tests are not compiled (the tsconfigs exclude them), so editing a test
// does not rebuild anything.
const skipTests = (rel, e) =>
  e.name === "__tests__" || /\.(spec|test)\.tsx?$/.test(e.name) || e.name === ".DS_Store"

const existing = (files) => files.filter((f) => fs.existsSync(path.join(ROOT, f)))

/** What each package's build reads, relative to the repository. */
function inputsOf(key) {
  const { dir } = PACKAGES[key]
  if (key === "plugin") {
    return [
      ...listFiles(path.join(ROOT, "src"), skipTests).map((f) => path.join("src", f)),
      ...existing(["package.json", "README.md", "LICENSE"]),
      ...fs.readdirSync(ROOT).filter((f) => /^tsconfig.*\.json$/.test(f)),
    ]
  }
  return [
    ...listFiles(path.join(ROOT, dir, "src"), skipTests).map((f) => path.join(dir, "src", f)),
    ...listFiles(path.join(ROOT, dir, "bin")).map((f) => path.join(dir, "bin", f)),
    ...existing(["package.json", "tsconfig.build.json", "README.md", "LICENSE"].map((f) => path.join(dir, f))),
  ]
}

/**
 * Per-package hashes: a package's own sources plus the client's (everything
 * builds against it), so the demo's later steps rebuild only what changed
 * (a storefront change re-bundles the checkout page, not the Medusa admin).
 */
export function packageHashes() {
  const entries = Object.fromEntries(Object.keys(PACKAGES).map((k) => [k, inputsOf(k).map((f) => [f, path.join(ROOT, f)])]))
  const own = Object.fromEntries(Object.entries(entries).map(([k, e]) => [k, hashFiles(e)]))
  const hashes = Object.fromEntries(
    Object.keys(PACKAGES).map((k) => [k, k === "client" ? own.client : hashString(`${own[k]}|${own.client}`)])
  )
  return { hashes, all: hashString(Object.values(own).join("|")), files: Object.values(entries).flatMap((e) => e.map(([f]) => f)) }
}

/**
 * @param {{ workDir: string, log: (m: string) => void, force?: boolean }} o
 * @returns {Promise<{ hash: string, hashes: Record<keyof typeof PACKAGES, string>, version: string,
 *   tarballs: Record<keyof typeof PACKAGES, string>, rebuilt: boolean }>}
 */
export async function ensurePacked({ workDir, log, force = false }) {
  const { hashes, all, files } = packageHashes()
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version
  // Built in a copy, not in the repository: `medusa plugin:build` wipes
  // .medusa/server first, and a developer's own `npm run build` or
  // `npm run dev` must not race with the demo.
  const stage = path.join(workDir, "build")
  const packs = path.join(workDir, "packs")
  const logs = path.join(workDir, "logs")
  const tarballs = Object.fromEntries(
    Object.entries(PACKAGES).map(([k, p]) => {
      const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, p.dir, "package.json"), "utf8"))
      return [k, path.join(packs, `${p.name}-${pkg.version}.tgz`)]
    })
  )
  const marker = path.join(packs, ".build-hash")
  if (!force && readText(marker) === all && Object.values(tarballs).every((t) => fs.existsSync(t))) {
    log(`packages: unchanged (${all})`)
    return { hash: all, hashes, version, tarballs, rebuilt: false }
  }

  const t0 = Date.now()
  log(`packages: sources changed, building (npm run build, npm pack)…`)
  fs.rmSync(stage, { recursive: true, force: true })
  fs.rmSync(packs, { recursive: true, force: true })
  fs.mkdirSync(packs, { recursive: true })
  for (const rel of files) {
    fs.mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true })
    fs.copyFileSync(path.join(ROOT, rel), path.join(stage, rel))
  }
  // The copy resolves zod, React, @medusajs/*, tsc and the medusa CLI by
  // walking up to the repository's node_modules; its own workspace packages
  // must come from the copy, as npm's workspace links would make them.
  for (const p of Object.values(PACKAGES)) {
    if (p.dir === ".") continue
    const link = path.join(stage, "node_modules", p.name)
    fs.mkdirSync(path.dirname(link), { recursive: true })
    fs.symlinkSync(path.join("..", p.dir), link, "dir")
  }
  const env = { ...npmEnv(), NODE_ENV: "production", MEDUSA_DISABLE_TELEMETRY: "true" }
  await run("npm", ["run", "build", "--silent"], { cwd: stage, env, logFile: path.join(logs, "build.log") })
  await run(
    "npm",
    ["pack", "--workspaces", "--include-workspace-root", "--ignore-scripts", "--silent", "--pack-destination", packs],
    { cwd: stage, env: npmEnv(), logFile: path.join(logs, "npm-pack.log") }
  )
  for (const t of Object.values(tarballs)) if (!fs.existsSync(t)) throw new Error(`npm pack did not write ${t}`)
  fs.writeFileSync(marker, all)
  log(`packages: built and packed into ${path.relative(ROOT, packs)} (${seconds(t0)})`)
  return { hash: all, hashes, version, tarballs, rebuilt: true }
}
