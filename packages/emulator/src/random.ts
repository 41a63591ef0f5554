import { createHash, randomBytes } from "node:crypto"

/**
 * Randomness for ids, addresses, hashes and secrets. With a seed every value
 * is derived from SHA-256(seed, counter), so two emulators started with the
 * same seed and driven the same way produce the same ids; without one it is
 * `crypto.randomBytes`.
 */
export class Random {
  private counter = 0
  constructor(private readonly seed?: string | number) {}

  get seeded(): boolean {
    return this.seed !== undefined
  }

  /** Back to the first value of the sequence (used by `reset`). */
  restart(): void {
    this.counter = 0
  }

  bytes(n: number): Buffer {
    if (this.seed === undefined) return randomBytes(n)
    const out: Buffer[] = []
    let have = 0
    while (have < n) {
      const block = createHash("sha256").update(`3pay-emulator:${this.seed}:${this.counter++}`).digest()
      out.push(block)
      have += block.length
    }
    return Buffer.concat(out).subarray(0, n)
  }

  hex(chars: number): string {
    return this.bytes(Math.ceil(chars / 2)).toString("hex").slice(0, chars)
  }

  /** Integer in [0, max). */
  int(max: number): number {
    return this.bytes(4).readUInt32BE(0) % max
  }

  /** RFC 4122 version-4 shaped UUID. */
  uuid(): string {
    const b = this.bytes(16)
    b[6] = (b[6] & 0x0f) | 0x40
    b[8] = (b[8] & 0x3f) | 0x80
    const h = b.toString("hex")
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
  }

  /** Letters and digits, like 3PAY's page codes (`/s/ovU45L84`). */
  code(length: number): string {
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    let s = ""
    for (const byte of this.bytes(length)) s += alphabet[byte % alphabet.length]
    return s
  }

  /** 24 hex digits, the shape of the ids 3PAY's database hands out. */
  objectId(): string {
    return this.hex(24)
  }
}
