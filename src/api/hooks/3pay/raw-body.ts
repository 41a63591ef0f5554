import type { IncomingMessage } from "node:http"

/**
 * Reads a request body as raw bytes, up to `limit`. Beyond it, stops reading
 * and reports `tooLarge` (the route answers 413) instead of buffering an
 * attacker's gigabytes.
 */
export function readRawBody(
  req: IncomingMessage,
  limit: number
): Promise<{ raw: Buffer | null; size: number; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers["content-length"])
    if (Number.isFinite(declared) && declared > limit) {
      req.resume()
      return resolve({ raw: null, size: declared, tooLarge: true })
    }
    const chunks: Buffer[] = []
    let size = 0
    let done = false
    req.on("data", (chunk: Buffer) => {
      if (done) return
      size += chunk.length
      if (size > limit) {
        done = true
        req.resume()
        return resolve({ raw: null, size, tooLarge: true })
      }
      chunks.push(chunk)
    })
    req.on("end", () => {
      if (!done) resolve({ raw: Buffer.concat(chunks), size, tooLarge: false })
    })
    req.on("error", (e) => {
      if (!done) reject(e)
    })
  })
}
