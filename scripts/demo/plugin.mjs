// Builds the plugin the way it is published (its `npm run build`, which is
// `medusa plugin:build` plus the storefront's type declarations, then npm pack)
// and installs the tarball into the demo store's node_modules, as a store
// owner's `npm install medusa-payment-3pay` would. Cached by a hash of the
// sources: an unchanged plugin costs nothing on the next run.
import fs from "node:fs"
import path from "node:path"
import { ROOT, hashFiles, listFiles, readText, run, seconds } from "./util.mjs"

const PKG = "medusa-payment-3pay"

// What goes into the build. Tests are not compiled (tsconfig excludes them),
// so editing a test does not rebuild the demo.
function sourceEntries() {
  const skip = (rel, e) =>
    e.name === "__tests__" || /\.(spec|test)\.tsx?$/.test(e.name) || e.name === ".DS_Store"
  const files = [
    ...listFiles(path.join(ROOT, "src"), skip).map((f) => path.join("src", f)),
    ...listFiles(path.join(ROOT, "bin")).map((f) => path.join("bin", f)),
    "package.json",
    ...fs.readdirSync(ROOT).filter((f) => /^tsconfig.*\.json$/.test(f)),
  ]
  return files.map((f) => [f, path.join(ROOT, f)])
}

/**
 * @param {{ workDir: string, storeDir: string, log: (m: string) => void, force?: boolean }} o
 * @returns {Promise<{ hash: string, version: string, dir: string, rebuilt: boolean }>}
 *   dir: the installed package inside the store's node_modules
 */
export async function ensurePluginInstalled({ workDir, storeDir, log, force = false }) {
  const entries = sourceEntries()
  const hash = hashFiles(entries)
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version
  // Built in a copy, not in the repository: `medusa plugin:build` wipes
  // .medusa/server first, and a developer's own `npm run build` or
  // `npm run dev` must not race with the demo.
  const stage = path.join(workDir, "plugin")
  const tarball = path.join(workDir, `${PKG}-${version}.tgz`)
  const installed = path.join(storeDir, "node_modules", PKG)
  const installedMarker = path.join(storeDir, "node_modules", `.${PKG}.hash`)

  let rebuilt = false
  if (force || readText(path.join(stage, ".build-hash")) !== hash || !fs.existsSync(tarball)) {
    const t0 = Date.now()
    log(`plugin: sources changed, building (npm run build, npm pack)…`)
    fs.rmSync(stage, { recursive: true, force: true })
    fs.mkdirSync(stage, { recursive: true })
    for (const [rel, abs] of entries) {
      fs.mkdirSync(path.dirname(path.join(stage, rel)), { recursive: true })
      fs.copyFileSync(abs, path.join(stage, rel))
    }
    const logs = path.join(workDir, "logs")
    // `npm run build` as prepublishOnly runs it; the copy resolves @medusajs/*,
    // tsc and the medusa CLI by walking up to the repository's node_modules.
    await run("npm", ["run", "build", "--silent"], { cwd: stage, env: buildEnv(), logFile: path.join(logs, "plugin-build.log") })
    fs.rmSync(tarball, { force: true })
    await run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", workDir], {
      cwd: stage,
      env: process.env,
      logFile: path.join(logs, "npm-pack.log"),
    })
    if (!fs.existsSync(tarball)) throw new Error(`npm pack did not write ${tarball}`)
    fs.writeFileSync(path.join(stage, ".build-hash"), hash)
    rebuilt = true
    log(`plugin: built and packed ${path.relative(ROOT, tarball)} (${seconds(t0)})`)
  }

  if (rebuilt || readText(installedMarker) !== hash || !fs.existsSync(path.join(installed, "package.json"))) {
    fs.rmSync(installed, { recursive: true, force: true })
    fs.mkdirSync(installed, { recursive: true })
    await run("tar", ["-xzf", tarball, "--strip-components=1", "-C", installed], {
      cwd: workDir,
      env: process.env,
      logFile: path.join(workDir, "logs", "install.log"),
    })
    fs.writeFileSync(installedMarker, hash)
    log(`plugin: installed into ${path.relative(ROOT, installed)}`)
  } else {
    log(`plugin: unchanged (${hash})`)
  }
  return { hash, version, dir: installed, rebuilt }
}

function buildEnv() {
  return { ...process.env, NODE_ENV: "production", MEDUSA_DISABLE_TELEMETRY: "true" }
}
