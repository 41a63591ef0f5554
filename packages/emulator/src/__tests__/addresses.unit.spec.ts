import { createHash } from "node:crypto"
import { isEthAddress, isTronAddress, newAddress, newTxHash, toEip55, tronAddressFromBytes } from "../addresses"
import { base58, keccak_256 } from "../esm"
import { Random } from "../random"
import { createInvoice, startTestEmulator } from "./helpers"
import type { EmulatorHandle } from "../index"

const sha256 = (b: Uint8Array) => createHash("sha256").update(b).digest()

/** Independent check: decode base58, 0x41 prefix, double-SHA-256 checksum. */
function decodeTron(addr: string) {
  const bytes = base58.decode(addr)
  const payload = bytes.subarray(0, 21)
  const checksum = Buffer.from(bytes.subarray(21))
  return { length: bytes.length, prefix: bytes[0], checksumOk: sha256(sha256(payload)).subarray(0, 4).equals(checksum) }
}

/** Independent EIP-55 check written from the spec. */
function eip55Ok(addr: string) {
  const hex = addr.slice(2)
  const hash = Buffer.from(keccak_256(Buffer.from(hex.toLowerCase(), "ascii"))).toString("hex")
  return [...hex].every((c, i) => (/[0-9]/.test(c) ? true : parseInt(hash[i], 16) >= 8 ? c === c.toUpperCase() : c === c.toLowerCase()))
}

describe("addresses", () => {
  it("accepts known real addresses and rejects tampered ones", () => {
    expect(isTronAddress("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")).toBe(true)
    expect(isTronAddress("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u")).toBe(false)
    expect(isTronAddress("0xdAC17F958D2ee523a2206206994597C13D831ec7")).toBe(false)
    for (const a of [
      "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
      "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
      "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
      "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ]) {
      expect(isEthAddress(a)).toBe(true)
      expect(toEip55(a.toLowerCase())).toBe(a)
    }
    expect(isEthAddress("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")).toBe(false)
    expect(isEthAddress("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed")).toBe(true)
    expect(isEthAddress("TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t")).toBe(false)
  })

  it("generates valid TRON addresses: 34 chars, T, base58check of 0x41 + 20 bytes", () => {
    const random = new Random("addr")
    for (let i = 0; i < 50; i++) {
      const a = newAddress("TRC20", random)
      expect(a).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/)
      expect(decodeTron(a)).toEqual({ length: 25, prefix: 0x41, checksumOk: true })
      expect(isTronAddress(a)).toBe(true)
    }
    expect(tronAddressFromBytes(new Uint8Array(20))).toBe("T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb")
  })

  it("generates valid EIP-55 Ethereum addresses", () => {
    const random = new Random("addr")
    let mixed = 0
    for (let i = 0; i < 50; i++) {
      const a = newAddress("ERC20", random)
      expect(a).toMatch(/^0x[0-9a-fA-F]{40}$/)
      expect(eip55Ok(a)).toBe(true)
      if (/[a-f]/.test(a.slice(2)) && /[A-F]/.test(a.slice(2))) mixed++
    }
    expect(mixed).toBeGreaterThan(40)
  })

  it("makes tx hashes per network and is deterministic with a seed", () => {
    expect(newTxHash("TRC20", new Random("x"))).toMatch(/^[0-9a-f]{64}$/)
    expect(newTxHash("ERC20", new Random("x"))).toMatch(/^0x[0-9a-f]{64}$/)
    expect(newAddress("ERC20", new Random("s"))).toBe(newAddress("ERC20", new Random("s")))
    expect(newAddress("ERC20", new Random("s"))).not.toBe(newAddress("ERC20", new Random("t")))
    expect(new Random().hex(8)).not.toBe(new Random().hex(8))
  })
})

describe("invoice deposit addresses", () => {
  let emu: EmulatorHandle
  beforeAll(async () => {
    emu = await startTestEmulator()
  })
  afterAll(() => emu.stop())

  it("gives each invoice a fresh valid address of its network", async () => {
    const seen = new Set<string>()
    for (const currencyType of ["USDT-TRC20", "USDT-ERC20", "USDT-TRC20", "USDT-ERC20"]) {
      const r = await createInvoice(emu, { currencyType })
      expect(r.status).toBe(200)
      const a: string = r.json.walletAddress
      expect(currencyType === "USDT-TRC20" ? decodeTron(a).checksumOk && a.startsWith("T") : eip55Ok(a) && a.startsWith("0x")).toBe(true)
      seen.add(a)
    }
    expect(seen.size).toBe(4)
  })
})
