#!/usr/bin/env node
// Builds the plugin and its workspace packages in a copy of the repository
// and packs each one as `npm publish` would (scripts/demo/pack.mjs; cached by
// a hash of the sources). Prints the tarballs' paths.
//
//   node scripts/pack.mjs                     into .demo/packs (what `npm run demo` installs)
//   node scripts/pack.mjs --work-dir <dir>    into <dir>/packs (the tests use .demo/e2e)
//   node scripts/pack.mjs --force --json      rebuild even if unchanged; one JSON line
import path from "node:path"
import { parseArgs } from "node:util"
import { ensurePacked } from "./demo/pack.mjs"
import { ROOT } from "./demo/util.mjs"

const { values } = parseArgs({
  options: { "work-dir": { type: "string" }, force: { type: "boolean" }, json: { type: "boolean" } },
})
const workDir = path.resolve(values["work-dir"] ?? path.join(ROOT, ".demo"))
try {
  const packed = await ensurePacked({
    workDir,
    force: values.force,
    log: values.json ? () => {} : (m) => console.log(`[pack] ${m}`),
  })
  if (values.json) console.log(JSON.stringify(packed))
  else for (const t of Object.values(packed.tarballs)) console.log(path.relative(process.cwd(), t))
} catch (e) {
  console.error(`[pack] ${e instanceof Error ? e.message : e}`)
  process.exit(1)
}
