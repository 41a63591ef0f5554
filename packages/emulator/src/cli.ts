import { parseArgs } from "node:util"
import { startEmulator, type EmulatorHandle } from "./index"
import type { EmulatorOptions } from "./types"

/**
 * `medusa-payment-3pay-emulator` / `node bin/emulator.js`: runs the emulator
 * until Ctrl+C and prints what to paste into medusa-config.
 */
export const USAGE = `Usage: medusa-payment-3pay-emulator [options]

  --port <n>             port (default 4010; 0 picks a free one)
  --host <host>          interface to listen on (default 127.0.0.1)
  --public-url <url>     base of payment-page links when reached through another host name
  --api-key <key>        API key to accept (default emu_test_key)
  --api-secret <secret>  API secret (default emu_test_secret)
  --webhook-secret <s>   webhook signing secret (default emu_webhook_secret)
  --webhook-url <url>    account webhook URL (invoices can override it with webhookUrl)
  --time-scale <x>       multiplies the webhook retry schedule (0.001: 1 min -> 60 ms)
  --seed <seed>          deterministic ids, addresses and hashes
  --no-rate-limits       switch 3PAY's rate limits off
  --quiet                do not print activity lines
  --help                 this text

Local use only: the control API (/_control) has no authentication.`

export function parseCliArgs(argv: string[]): EmulatorOptions & { help?: boolean; quiet?: boolean } {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      "public-url": { type: "string" },
      "api-key": { type: "string" },
      "api-secret": { type: "string" },
      "webhook-secret": { type: "string" },
      "webhook-url": { type: "string" },
      "time-scale": { type: "string" },
      seed: { type: "string" },
      "no-rate-limits": { type: "boolean" },
      quiet: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  })
  const num = (name: string, v: string | undefined) => {
    if (v === undefined) return undefined
    const n = Number(v)
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number >= 0 (got ${v})`)
    return n
  }
  return {
    port: num("port", values.port) ?? 4010,
    host: values.host,
    publicUrl: values["public-url"],
    apiKey: values["api-key"],
    apiSecret: values["api-secret"],
    webhookSecret: values["webhook-secret"],
    webhookUrl: values["webhook-url"],
    timeScale: num("time-scale", values["time-scale"]),
    seed: values.seed,
    rateLimits: values["no-rate-limits"] ? false : true,
    quiet: values.quiet,
    help: values.help,
  }
}

export function banner(emu: EmulatorHandle, rateLimitsOn: boolean, webhookUrl: string | undefined): string {
  const pages = emu.paymentPageUrl("<code>")
  return [
    `3PAY emulator listening on ${emu.url}  (local use only: /_control has no authentication)`,
    "",
    `  API base        ${emu.apiBase}`,
    `  Payment pages   ${pages}`,
    `  Control API     ${emu.controlUrl}`,
    `  Webhooks to     ${webhookUrl ?? "each invoice's webhookUrl (no account URL set: --webhook-url)"}`,
    `  Rate limits     ${rateLimitsOn ? "on (walletGen 20, standard 100, financial 30 per 15 min per IP)" : "off"}`,
    "",
    "Paste into medusa-config (3PAY provider options):",
    `  apiKey: "${emu.apiKey}",`,
    `  apiSecret: "${emu.apiSecret}",`,
    `  webhookSecret: "${emu.webhookSecret}",`,
    `  baseUrl: "${emu.apiBase}",`,
    "or into .env:",
    `  THREEPAY_API_KEY=${emu.apiKey}`,
    `  THREEPAY_API_SECRET=${emu.apiSecret}`,
    `  THREEPAY_WEBHOOK_SECRET=${emu.webhookSecret}`,
    `  THREEPAY_BASE_URL=${emu.apiBase}`,
    "",
    "Press Ctrl+C to stop.",
  ].join("\n")
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<EmulatorHandle | null> {
  let opts: ReturnType<typeof parseCliArgs>
  try {
    opts = parseCliArgs(argv)
  } catch (e) {
    console.error(`${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`)
    process.exitCode = 2
    return null
  }
  if (opts.help) {
    console.log(USAGE)
    return null
  }
  const { quiet, help: _help, ...options } = opts
  const emu = await startEmulator({ ...options, logger: quiet ? undefined : (line) => console.log(line) })
  console.log(banner(emu, options.rateLimits !== false, options.webhookUrl ?? undefined))
  const shutdown = () => {
    void emu.stop().then(() => process.exit(0))
  }
  process.once("SIGINT", shutdown)
  process.once("SIGTERM", shutdown)
  return emu
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e instanceof Error ? e.message : e)
    process.exit(1)
  })
}
