/**
 * bench/report.{json,md}: each bench file of `npm run bench` contributes its
 * sections (one process, one cluster, ...) and the report is re-rendered
 * from all of them, whichever file ran last. A section keeps its figures, the
 * time it was measured and its markdown.
 */
import fs from "node:fs"
import os from "node:os"
import path from "node:path"

export const BENCH_DIR = path.join(__dirname, "..", "..", "bench")

export type Section = { title: string; at: string; data: Record<string, unknown>; markdown: string }
type Report = { machine: Record<string, unknown>; sections: Record<string, Section> }

/** The order sections appear in report.md; unknown ones follow. */
const ORDER = ["single", "retention", "cluster", "budget"]

export function machine() {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    node: process.version,
    memory_gb: Math.round(os.totalmem() / 2 ** 30),
  }
}

function read(): Report {
  try {
    const r = JSON.parse(fs.readFileSync(path.join(BENCH_DIR, "report.json"), "utf8"))
    if (r && typeof r === "object" && r.sections) return r as Report
  } catch {
    /* first run, or the old single-section format */
  }
  return { machine: machine(), sections: {} }
}

/** Adds (or replaces) sections and writes both files. */
export function writeSections(sections: Record<string, Omit<Section, "at">>): string {
  const report = read()
  report.machine = machine()
  const at = new Date().toISOString()
  for (const [key, s] of Object.entries(sections)) report.sections[key] = { ...s, at }
  fs.mkdirSync(BENCH_DIR, { recursive: true })
  fs.writeFileSync(path.join(BENCH_DIR, "report.json"), JSON.stringify(report, null, 2) + "\n")
  const keys = Object.keys(report.sections).sort((a, b) => rank(a) - rank(b))
  const m = report.machine as ReturnType<typeof machine>
  const md = [
    "# Benchmark report",
    "",
    `Produced by \`npm run bench\` (integration-tests/bench/*.bench.ts) on ${m.cpus} CPUs (${m.cpu}), ${m.memory_gb} GiB, Node ${m.node}.`,
    "It measures; it asserts nothing about time. Each section says when it was measured.",
    "",
    ...keys.map((k) => `## ${report.sections[k].title}\n\n_Measured ${report.sections[k].at}._\n\n${report.sections[k].markdown.trim()}\n`),
  ].join("\n")
  fs.writeFileSync(path.join(BENCH_DIR, "report.md"), md)
  return md
}

function rank(key: string) {
  const i = ORDER.indexOf(key)
  return i < 0 ? ORDER.length : i
}

export const median = (xs: number[]) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] : NaN)
export const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b)
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))] : NaN
}
export const met = (ok: boolean) => (ok ? "met" : "**not met**")
