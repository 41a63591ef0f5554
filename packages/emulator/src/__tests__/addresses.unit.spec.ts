import { checkAddress } from "medusa-payment-3pay-client"
import { newAddress, newTxHash } from "../addresses"
import { Random } from "../random"
import { createInvoice, startTestEmulator } from "./helpers"
import type { EmulatorHandle } from "../index"

// The checks and encoders are the client's (packages/client/src/__tests__/addresses.unit.spec.ts
// tests them against independent vectors); here: the emulator's generated values pass them.
const checksummed = (network: "TRC20" | "ERC20", a: string) => {
  const c = checkAddress(network, a)
  return c.ok && c.checksummed && c.address === a
}

describe("generated addresses", () => {
  it("TRON: T + 33 base58 characters, valid base58check", () => {
    const random = new Random("addr")
    for (let i = 0; i < 50; i++) {
      const a = newAddress("TRC20", random)
      expect(a).toMatch(/^T[1-9A-HJ-NP-Za-km-z]{33}$/)
      expect(checksummed("TRC20", a)).toBe(true)
    }
  })

  it("Ethereum: EIP-55 mixed case", () => {
    const random = new Random("addr")
    let mixed = 0
    for (let i = 0; i < 50; i++) {
      const a = newAddress("ERC20", random)
      expect(a).toMatch(/^0x[0-9a-fA-F]{40}$/)
      if (/[a-f]/.test(a.slice(2)) && /[A-F]/.test(a.slice(2))) {
        mixed++
        expect(checksummed("ERC20", a)).toBe(true)
      }
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
      expect(checkAddress(currencyType === "USDT-TRC20" ? "TRC20" : "ERC20", a)).toMatchObject({ ok: true, address: a })
      seen.add(a)
    }
    expect(seen.size).toBe(4)
  })
})
