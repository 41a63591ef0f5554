#!/usr/bin/env node
// Applies the README's "Medusa's Next.js starter, step by step" to a copy of
// the starter: the guide's own code blocks, read from README.md, are the
// edits. Each block the guide means as an edit is preceded by an HTML comment
// (invisible on GitHub) that says what to do with it:
//
//   <!-- starter: create src/lib/threepay.ts -->            a new file
//   <!-- starter: append src/lib/data/cart.ts -->           at the end of a file
//   <!-- starter: insert-after src/lib/constants.tsx        after the lines below
//   // Add more payment providers here
//   -->
//   <!-- starter: insert-before PATH ... -->                before the lines that follow
//   <!-- starter: replace PATH ... -->                      the lines that follow, replaced by the block
//   <!-- starter: install -->                               the install command (run by the caller)
//   <!-- starter: env .env.local -->                        lines for the storefront's env file
//   <!-- starter: backend -->                               the demo command for the backend (read by the test)
//
// The lines of an anchor are compared without their indentation and must
// match exactly once, in order: when the starter or the guide changes, the
// guide stops applying and CI says where. Nothing else in the starter is
// touched. The test (integration-tests/starter) runs this on a fresh copy
// of the starter; you can too:
//
//   node scripts/starter/apply-guide.mjs <starter-dir> [--readme README.md] [--json]
//
// It prints what it did (or, with --json, the steps, the install command, the
// env lines and the backend command as JSON on the last line).
import fs from "node:fs"
import path from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..")
export const GUIDE_HEADING = "### Medusa's Next.js starter, step by step"

const ACTIONS = new Set(["create", "append", "insert-after", "insert-before", "replace", "install", "env", "backend"])
const NEEDS_ANCHOR = new Set(["insert-after", "insert-before", "replace"])

/**
 * The guide's steps, in order: `{ action, file, anchor: string[], code, line }`
 * (`line`: where the comment is in README.md, for messages).
 */
export function readGuide(readme) {
  const start = readme.indexOf(`\n${GUIDE_HEADING}\n`)
  if (start < 0) throw new Error(`README.md has no "${GUIDE_HEADING}" section`)
  const rest = readme.slice(start + GUIDE_HEADING.length + 2)
  const end = rest.search(/\n#{1,3} /)
  const section = end < 0 ? rest : rest.slice(0, end)
  const offsetLine = readme.slice(0, start + GUIDE_HEADING.length + 2).split("\n").length - 1
  const re = /<!--\s*starter:([\s\S]*?)-->[ \t]*\n([ \t]*)```[\w-]*\n([\s\S]*?)\n\2```/g
  const steps = []
  for (const m of section.matchAll(re)) {
    const line = offsetLine + section.slice(0, m.index).split("\n").length
    const [head, ...anchor] = m[1].split("\n")
    const [action, file, ...extra] = head.trim().split(/\s+/)
    if (!ACTIONS.has(action) || extra.length) throw new Error(`README.md:${line}: unknown guide step "${head.trim()}"`)
    const indent = m[2]
    const code = m[3]
      .split("\n")
      .map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l.trimStart()))
      .join("\n")
    // Blank lines inside an anchor count (they match blank lines); those around it do not.
    const anchorLines = anchor.map((l) => l.trim())
    while (anchorLines.length && !anchorLines[0]) anchorLines.shift()
    while (anchorLines.length && !anchorLines[anchorLines.length - 1]) anchorLines.pop()
    if (NEEDS_ANCHOR.has(action) && !anchorLines.length) throw new Error(`README.md:${line}: "${action}" needs the lines to find`)
    if (["create", "append", "env", ...NEEDS_ANCHOR].includes(action) && !file) throw new Error(`README.md:${line}: "${action}" needs a file`)
    steps.push({ action, file: file ?? null, anchor: anchorLines, code, line })
  }
  // Every code block of the section that edits the starter has its comment:
  // a block without one would be a step the test never checks.
  const blocks = [...section.matchAll(/^([ \t]*)```[\w-]*\n/gm)].length / 2
  const unmarked = blocks - steps.length - countMarkedAsProse(section)
  if (unmarked > 0) throw new Error(`README.md: ${unmarked} code block(s) in "${GUIDE_HEADING}" without a <!-- starter: … --> comment (or <!-- starter-prose -->)`)
  return steps
}

/** Blocks that only illustrate (not edits): preceded by <!-- starter-prose -->. */
function countMarkedAsProse(section) {
  return [...section.matchAll(/<!--\s*starter-prose\s*-->[ \t]*\n[ \t]*```/g)].length
}

/** Where the anchor's lines are in `lines` (indentation ignored); throws unless exactly once. */
function findAnchor(lines, anchor, where) {
  const hits = []
  for (let i = 0; i + anchor.length <= lines.length; i++) {
    if (anchor.every((a, k) => lines[i + k].trim() === a)) hits.push(i)
  }
  if (hits.length !== 1) {
    throw new Error(`${where}: the lines ${JSON.stringify(anchor.join("\n"))} are there ${hits.length} times, expected once`)
  }
  return hits[0]
}

const indentOf = (line) => /^[ \t]*/.exec(line)[0]
/** The block, indented like the line it goes next to (its own relative indentation kept). */
const indented = (code, indent) => code.split("\n").map((l) => (l ? indent + l : l))

/** Applies the file edits of `steps` to the starter in `dir`. Returns what the caller still has to do. */
export function applyGuide(dir, steps) {
  const done = []
  let install = null
  let backend = null
  const env = []
  for (const s of steps) {
    const where = `README.md:${s.line} (${s.action}${s.file ? ` ${s.file}` : ""})`
    if (s.action === "install") {
      install = s.code.trim()
      continue
    }
    if (s.action === "backend") {
      backend = s.code.trim()
      continue
    }
    const file = path.join(dir, s.file)
    if (s.action === "create") {
      if (fs.existsSync(file)) throw new Error(`${where}: ${s.file} exists already`)
      fs.mkdirSync(path.dirname(file), { recursive: true })
      fs.writeFileSync(file, s.code.endsWith("\n") ? s.code : s.code + "\n")
    } else if (s.action === "env") {
      const lines = s.code.split("\n").filter((l) => l.trim() && !l.trim().startsWith("#"))
      env.push(...lines)
      fs.appendFileSync(file, (fs.existsSync(file) ? "\n" : "") + lines.join("\n") + "\n")
    } else {
      if (!fs.existsSync(file)) throw new Error(`${where}: ${s.file} does not exist in the starter`)
      const text = fs.readFileSync(file, "utf8")
      if (s.action === "append") {
        fs.writeFileSync(file, text.replace(/\n*$/, "\n\n") + s.code + "\n")
      } else {
        const lines = text.split("\n")
        const at = findAnchor(lines, s.anchor, where)
        const block = indented(s.code, indentOf(lines[at]))
        if (s.action === "insert-before") lines.splice(at, 0, ...block)
        else if (s.action === "insert-after") lines.splice(at + s.anchor.length, 0, ...block)
        else lines.splice(at, s.anchor.length, ...block)
        fs.writeFileSync(file, lines.join("\n"))
      }
    }
    done.push({ action: s.action, file: s.file, line: s.line })
  }
  return { done, install, env, backend }
}

function main(argv) {
  const args = [...argv]
  const json = args.includes("--json")
  const readmeAt = args.indexOf("--readme")
  const readmePath = readmeAt >= 0 ? args[readmeAt + 1] : path.join(ROOT, "README.md")
  const dir = args.find((a, i) => !a.startsWith("--") && !(readmeAt >= 0 && i === readmeAt + 1))
  if (!dir || !fs.existsSync(path.join(dir, "package.json"))) {
    console.error("usage: node scripts/starter/apply-guide.mjs <starter-dir> [--readme README.md] [--json]")
    process.exit(2)
  }
  const steps = readGuide(fs.readFileSync(readmePath, "utf8"))
  const result = applyGuide(dir, steps)
  if (json) {
    console.log(JSON.stringify(result))
    return
  }
  for (const d of result.done) console.log(`  ${d.action.padEnd(13)} ${d.file}   (README.md:${d.line})`)
  if (result.env.length) console.log(`  env lines:    ${result.env.join(", ")}`)
  if (result.install) console.log(`\nNow install, in ${dir}:\n  ${result.install}`)
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2))
  } catch (e) {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  }
}
