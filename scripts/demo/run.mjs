// Child-process entry of the demo (see spawnDemo in lib.mjs): starts it with
// the options in $DEMO_OPTIONS, reports `ready` over IPC, stops everything on
// SIGTERM/SIGINT or when the parent goes away (IPC disconnect).
import { startDemo } from "./lib.mjs"
import { abortAll } from "./util.mjs"

const opts = JSON.parse(process.env.DEMO_OPTIONS || "{}")
const quiet = !!opts.quiet
const log = quiet ? () => {} : (m) => console.log(`[demo] ${m}`)
// The emulator's activity lines (invoice created, paid, webhook sent) when asked.
const emulatorLog = quiet || !opts.emulatorLog ? undefined : (line) => console.log(line)

const starting = startDemo({ ...opts, log, emulatorLog })
let ready = false
starting.then(() => (ready = true), () => {})
let stopping = null
const shutdown = () => {
  stopping ??= (async () => {
    // Interrupted while starting: kill the build or migration in progress;
    // startDemo then fails and stops what it had started.
    if (!ready) {
      log("interrupted: stopping the build steps in progress and what already runs…")
      abortAll()
    }
    const demo = await starting.catch(() => null)
    if (demo) {
      log("stopping Medusa, the emulator, the checkout page and PostgreSQL…")
      await demo.stop()
    }
    process.exit(0)
  })()
}
process.on("SIGTERM", shutdown)
process.on("SIGINT", shutdown)
process.on("disconnect", shutdown)

try {
  const { stop, ...info } = await starting
  if (!stopping) {
    if (process.send) process.send({ type: "ready", info })
    else console.log(JSON.stringify(info))
  }
} catch (e) {
  if (!stopping) {
    const message = e instanceof Error ? e.message : String(e)
    if (process.send) process.send({ type: "error", message }, () => process.exit(1))
    else {
      console.error(`[demo] failed: ${message}`)
      process.exit(1)
    }
  }
}
