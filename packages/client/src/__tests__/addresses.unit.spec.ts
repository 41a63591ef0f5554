import fc from "fast-check"
import { createHash } from "node:crypto"
import {
  checkAddress,
  checkEthereumAddress,
  checkTronAddress,
  detectAddressNetwork,
  toEip55,
  tronAddressFromBytes,
  type AddressCheck,
} from "../addresses"
import { checkTxHash } from "../tx-hash"

/**
 * Vectors come from outside this code: real TRON addresses (Tether's USDT
 * contract and others) checked with an independent base58check written
 * below on node:crypto; TRON forms of the EIP-55 vectors computed with
 * Python's hashlib and a separate base58 encoder; Ethereum vectors copied
 * from EIP-55 itself (https://eips.ethereum.org/EIPS/eip-55).
 */

// ---- an independent TRON base58check (BigInt base58 + node:crypto SHA-256)
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest()
function refTronEncode(body20: Uint8Array): string {
  const payload = Buffer.concat([Buffer.from([0x41]), Buffer.from(body20)])
  const full = Buffer.concat([payload, sha(sha(payload)).subarray(0, 4)])
  let n = BigInt("0x" + full.toString("hex"))
  let s = ""
  while (n > 0n) {
    s = ALPHABET[Number(n % 58n)] + s
    n /= 58n
  }
  return s
}
function refTronValid(s: string): boolean {
  if (!/^[1-9A-HJ-NP-Za-km-z]+$/.test(s)) return false
  let n = 0n
  for (const c of s) n = n * 58n + BigInt(ALPHABET.indexOf(c))
  const hex = n.toString(16).padStart(50, "0")
  if (hex.length !== 50) return false
  const bytes = Buffer.from(hex, "hex")
  return bytes[0] === 0x41 && sha(sha(bytes.subarray(0, 21))).subarray(0, 4).equals(bytes.subarray(21))
}

const TRON_VALID = [
  "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", // USDT (TRC20) contract
  "TEkxiTehnzSmSe2XqrBj4w32RUN966rdz8", // USDC (TRC20) contract
  "TLa2f6VPqDgRE67v1736s7bJ8Ray5wYjU7",
  "TNXoiAJ3dct8Fjg4M9fkLFh9S2v9TXc32G",
  "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb", // 20 zero bytes
]

/** EIP-55's own test cases, and the TRON form of the same 20 bytes (Python: hashlib + base58). */
const EIP55 = [
  ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "TJEh7TX8sNj5uq4hXKyYdTrnGmeeG48top"],
  ["0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", "TYtYViZFo5xavdy4SixcvuGGbZMwWVV3wL"],
  ["0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", "TW28meJ4JPqGG8GeV9tTykaep8WQhvUNwk"],
  ["0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", "TV311EvMxfXQzVbJFNbBvtyH1XjKp6qswU"],
] as const
/** EIP-55: addresses whose checksum form happens to be all capitals / all small letters. */
const EIP55_ALL_CAPS = ["0x52908400098527886E0F7030069857D2E4169EE7", "0x8617E340B3D01FA5F11F306F4090FD50E238070D"]
const EIP55_ALL_LOWER = ["0xde709f2102306220921060314715629080e2fb77", "0x27b1fdb04752bbc536007a920d24acb045561c26"]

const bytesOf = (eth: string) => Uint8Array.from(Buffer.from(eth.slice(2), "hex"))
const codeOf = (c: AddressCheck) => (c.ok ? "ok" : c.code)

describe("TRON addresses (TRC20)", () => {
  it("accepts real addresses, trimmed, as checksummed", () => {
    for (const a of TRON_VALID) {
      expect(refTronValid(a)).toBe(true)
      expect(checkAddress("TRC20", a)).toEqual({ ok: true, network: "TRC20", address: a, checksummed: true, needsCaseConfirmation: false })
      expect(checkAddress("TRC20", ` \t${a}\n `)).toMatchObject({ ok: true, address: a })
    }
  })

  it("encodes 20 bytes as the independent encoders do", () => {
    for (const [eth, tron] of EIP55) {
      expect(tronAddressFromBytes(bytesOf(eth))).toBe(tron)
      expect(refTronEncode(bytesOf(eth))).toBe(tron)
      expect(checkTronAddress(tron).ok).toBe(true)
    }
    expect(tronAddressFromBytes(new Uint8Array(20))).toBe("T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb")
    expect(() => tronAddressFromBytes(new Uint8Array(19))).toThrow()
  })

  it("refuses a changed character (checksum), and names the problem with a stable code", () => {
    const cases: Array<[string, string]> = [
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u", "bad_checksum"], // last character changed
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj7t", "bad_checksum"],
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgJLj6t", "bad_checksum"], // one letter's case changed
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjj6tL", "bad_checksum"], // two swapped
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6", "bad_length"], // one lost
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6tt", "bad_length"], // one added
      ["AR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "bad_prefix"],
      ["tR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "bad_prefix"],
      ["TxeQyGyJa63ho3Loe7KMVQEiAoGCbnaMqQ", "bad_prefix"], // valid base58check, version 0x42, not 0x41
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj60", "bad_characters"], // 0 is not base58
      ["TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLjOt", "bad_characters"], // O
      ["TR7NHqjeKQxGTCi8q8ZY4 L8otSzgjLj6t", "bad_characters"],
      ["", "empty"],
      ["   ", "empty"],
    ]
    for (const [input, code] of cases) {
      const c = checkAddress("TRC20", input)
      expect([input, codeOf(c)]).toEqual([input, code])
      expect(!c.ok && c.message).toMatch(/\S/)
      expect(refTronValid(input.trim())).toBe(false)
    }
  })

  it("refuses an Ethereum address and says so", () => {
    const c = checkAddress("TRC20", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")
    expect(c).toMatchObject({ ok: false, code: "wrong_network", network: "TRC20", detectedNetwork: "ERC20" })
    expect(!c.ok && c.message).toMatch(/^This is an Ethereum address; this refund is sent on TRON \(TRC20\)\./)
    // lower case, and with a capital X, still the other chain
    expect(codeOf(checkAddress("TRC20", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"))).toBe("wrong_network")
  })
})

describe("Ethereum addresses (ERC20, EIP-55)", () => {
  it("accepts EIP-55's vectors as checksummed", () => {
    for (const [eth] of EIP55) {
      expect(checkAddress("ERC20", eth)).toEqual({ ok: true, network: "ERC20", address: eth, checksummed: true, needsCaseConfirmation: false })
      expect(toEip55(eth.toLowerCase())).toBe(eth)
      expect(toEip55(eth.slice(2).toUpperCase())).toBe(eth)
    }
    // EIP-55's all-capital and all-small vectors are their own checksum form.
    for (const eth of [...EIP55_ALL_CAPS, ...EIP55_ALL_LOWER]) {
      expect(toEip55(eth)).toBe(eth)
      expect(checkAddress("ERC20", eth)).toMatchObject({ ok: true, address: eth, checksummed: true, needsCaseConfirmation: false })
    }
  })

  it("refuses a mixed-case address with one letter's case flipped", () => {
    for (const [eth] of EIP55) {
      const body = eth.slice(2)
      const i = [...body].findIndex((ch) => /[a-fA-F]/.test(ch))
      const flipped = "0x" + body.slice(0, i) + (body[i] === body[i].toLowerCase() ? body[i].toUpperCase() : body[i].toLowerCase()) + body.slice(i + 1)
      const c = checkAddress("ERC20", flipped)
      expect(c).toMatchObject({ ok: false, code: "bad_checksum", network: "ERC20" })
      expect(!c.ok && c.message).toMatch(/checksum/)
    }
    expect(codeOf(checkAddress("ERC20", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"))).toBe("bad_checksum")
  })

  it("accepts an all-lower-case or all-capital address only as needing a confirmation, with its checksummed form", () => {
    for (const [eth] of EIP55) {
      for (const input of ["0x" + eth.slice(2).toLowerCase(), "0x" + eth.slice(2).toUpperCase(), "0X" + eth.slice(2).toUpperCase()]) {
        const c = checkAddress("ERC20", input)
        expect(c).toMatchObject({ ok: true, network: "ERC20", address: eth, checksummed: false, needsCaseConfirmation: true })
        expect(c.ok && c.confirmMessage).toContain(eth)
      }
    }
  })

  it("trims surrounding spaces", () => {
    expect(checkAddress("ERC20", "  0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359\n")).toMatchObject({ ok: true, checksummed: true })
  })

  it("refuses malformed input with a stable code", () => {
    const cases: Array<[string, string]> = [
      ["5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "bad_prefix"],
      ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe", "bad_length"],
      ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAedd", "bad_length"],
      ["0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeg", "bad_characters"],
      ["0x5aAeb6053F3E94C9b9A09f 3669435E7Ef1BeAed", "bad_characters"],
      ["", "empty"],
    ]
    for (const [input, code] of cases) expect([input, codeOf(checkAddress("ERC20", input))]).toEqual([input, code])
  })

  it("refuses a TRON address and says so", () => {
    const c = checkEthereumAddress("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")
    expect(c).toMatchObject({ ok: false, code: "wrong_network", detectedNetwork: "TRC20" })
    expect(!c.ok && c.message).toMatch(/^This is a TRON address; this refund is sent on Ethereum \(ERC20\)\./)
  })
})

describe("properties (fast-check)", () => {
  const body20 = fc.uint8Array({ minLength: 20, maxLength: 20 })

  it("TRON: any 20 bytes encode to an address the check takes; any single-character change is refused", () => {
    fc.assert(
      fc.property(body20, fc.nat(33), fc.constantFrom(...ALPHABET), (bytes, pos, ch) => {
        const a = tronAddressFromBytes(bytes)
        expect(a).toBe(refTronEncode(bytes))
        expect(checkAddress("TRC20", a)).toMatchObject({ ok: true, address: a, checksummed: true })
        fc.pre(a[pos] !== ch)
        const changed = a.slice(0, pos) + ch + a.slice(pos + 1)
        expect(checkAddress("TRC20", changed).ok).toBe(false)
      }),
      { numRuns: 500 }
    )
  })

  it("Ethereum: any 20 bytes give a checksummed address; flipping one letter's case is never taken as checksummed", () => {
    fc.assert(
      fc.property(body20, fc.nat(39), (bytes, pos) => {
        const a = toEip55(Buffer.from(bytes).toString("hex"))
        expect(checkAddress("ERC20", a)).toMatchObject({ ok: true, address: a })
        const body = a.slice(2)
        fc.pre(/[a-fA-F]/.test(body[pos]))
        const flippedChar = body[pos] === body[pos].toLowerCase() ? body[pos].toUpperCase() : body[pos].toLowerCase()
        const c = checkAddress("ERC20", "0x" + body.slice(0, pos) + flippedChar + body.slice(pos + 1))
        // refused, or (when the flip left a single case) accepted only with a confirmation
        expect(c.ok ? c.needsCaseConfirmation && !c.checksummed : c.code === "bad_checksum").toBe(true)
      }),
      { numRuns: 500 }
    )
  })

  it("Ethereum: a changed digit passes only when EIP-55 cannot see it (2^-letters), and then never as the original", () => {
    let passed = 0
    let runs = 0
    fc.assert(
      fc.property(body20, fc.nat(39), fc.constantFrom(..."0123456789abcdef"), (bytes, pos, digit) => {
        const a = toEip55(Buffer.from(bytes).toString("hex"))
        const body = a.slice(2)
        fc.pre(body[pos].toLowerCase() !== digit)
        // keep the position's case as it was: what a one-key typo does
        const typed = /[A-F]/.test(body[pos]) ? digit.toUpperCase() : digit
        const changed = "0x" + body.slice(0, pos) + typed + body.slice(pos + 1)
        const c = checkAddress("ERC20", changed)
        runs++
        if (c.ok && c.checksummed) {
          passed++
          expect(c.address).toBe(changed)
          expect(c.address.toLowerCase()).not.toBe(a.toLowerCase())
        }
      }),
      { numRuns: 2000, seed: 16 }
    )
    // EIP-55: about 15 check bits per address; a typo slips through rarely.
    expect(passed / runs).toBeLessThan(0.01)
  })
})

describe("shared shape with checkTxHash", () => {
  it("detectAddressNetwork tells the chains apart by shape", () => {
    expect(detectAddressNetwork(" TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t ")).toBe("TRC20")
    expect(detectAddressNetwork("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")).toBe("ERC20")
    expect(detectAddressNetwork("hello")).toBeNull()
    expect(detectAddressNetwork(42)).toBeNull()
  })

  it("transaction hashes fail with the same { ok, network, code, message } shape", () => {
    const hex = "ab".repeat(32)
    expect(checkTxHash("TRC20", `0x${hex}`)).toMatchObject({ ok: false, network: "TRC20", code: "wrong_network", detectedNetwork: "ERC20" })
    expect(checkTxHash("ERC20", hex)).toMatchObject({ ok: false, network: "ERC20", code: "wrong_network", detectedNetwork: "TRC20" })
    expect(checkTxHash("ERC20", hex.slice(2))).toMatchObject({ ok: false, code: "bad_prefix" })
    expect(checkTxHash("TRC20", hex.slice(2))).toMatchObject({ ok: false, code: "bad_length" })
    expect(checkTxHash("TRC20", hex.replace("a", "g"))).toMatchObject({ ok: false, code: "bad_characters" })
    expect(checkTxHash("TRC20", " ")).toMatchObject({ ok: false, code: "empty" })
  })
})
