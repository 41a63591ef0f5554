#!/usr/bin/env node
// Load generator for the webhook benchmark, run in its own process so it does
// not share an event loop with the Medusa it measures.
//   node load.mjs <url> <mode: valid|duplicate|forged> <concurrency> <seconds> <secret> [rate] [count]
// Without `rate`: closed loop, `concurrency` requests always in flight (the
// sustained throughput). With `rate` (requests/s): open loop, a new request
// every 1/rate s whatever the answers do (latency at a given load, without
// the queueing a saturated closed loop adds). With `count`, it stops after
// that many requests (or `seconds`, whichever comes first; rate 0 = closed loop).
// Prints one JSON line: { mode, requests, statuses, rps, p50, p90, p99, max } (ms).
import { createHmac, randomUUID } from "node:crypto"
import http from "node:http"

const [url, mode, concurrencyArg, secondsArg, secret, rateArg, countArg] = process.argv.slice(2)
const rate = rateArg ? Number(rateArg) : 0
const count = countArg ? Number(countArg) : Infinity
let started = 0
const more = () => Date.now() < end && started < count
const concurrency = Number(concurrencyArg)
const seconds = Number(secondsArg)
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
const target = new URL(url)

const body = (tx) =>
  JSON.stringify({
    success: true,
    message: "Transaction status update",
    data: { type: "deposit", transactionId: tx, id: tx, amount: 10, fee: 1, netAmount: 9, actualBalance: 10, currencyType: "USDT-TRC20", network: "USDT-TRC20", status: "confirmed", createdAt: new Date().toISOString() },
  })
const sign = (b) => "sha256=" + createHmac("sha256", secret).update(b).digest("hex")
const dupBody = body("00000000-0000-4000-8000-000000000001")
const dupSig = sign(dupBody)

function next() {
  if (mode === "duplicate") return [dupBody, dupSig]
  const b = body(randomUUID())
  return [b, mode === "forged" ? sign(b + "x") : sign(b)]
}

function post([b, sig]) {
  started++
  return new Promise((resolve) => {
    const t0 = process.hrtime.bigint()
    const req = http.request(
      { agent, host: target.hostname, port: target.port, path: target.pathname, method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(b), "x-webhook-signature": sig } },
      (res) => {
        res.resume()
        res.on("end", () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: res.statusCode }))
      }
    )
    req.on("error", () => resolve({ ms: Number(process.hrtime.bigint() - t0) / 1e6, status: 0 }))
    req.end(b)
  })
}

const latencies = []
const statuses = {}
const end = Date.now() + seconds * 1000
async function worker() {
  while (more()) {
    const r = await post(next())
    latencies.push(r.ms)
    statuses[r.status] = (statuses[r.status] ?? 0) + 1
  }
}
async function openLoop() {
  const inFlight = []
  const interval = 1000 / rate
  let due = Date.now()
  while (more()) {
    inFlight.push(
      post(next()).then((r) => {
        latencies.push(r.ms)
        statuses[r.status] = (statuses[r.status] ?? 0) + 1
      })
    )
    due += interval
    const wait = due - Date.now()
    if (wait > 0) await new Promise((r) => setTimeout(r, wait))
  }
  await Promise.all(inFlight)
}
const startedAt = Date.now()
if (rate > 0) await openLoop()
else await Promise.all(Array.from({ length: concurrency }, worker))
const elapsed = (Date.now() - startedAt) / 1000
latencies.sort((a, b) => a - b)
const q = (p) => +latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))].toFixed(2)
console.log(JSON.stringify({
  mode, ...(rate > 0 ? { rate } : { concurrency }), seconds, requests: latencies.length, statuses,
  rps: +(latencies.length / elapsed).toFixed(1), p50: q(0.5), p90: q(0.9), p99: q(0.99), max: +latencies.at(-1).toFixed(2),
}))
agent.destroy()
