import { checkRefundAddress, requireRefundAddress } from "../refund-address"

/** Vectors: EIP-55's own, and their TRON forms (packages/client's address tests compute them independently). */
const ETH = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
const TRON = "TJEh7TX8sNj5uq4hXKyYdTrnGmeeG48top"

describe("checkRefundAddress", () => {
  it("accepts checksummed addresses in their canonical form", () => {
    expect(checkRefundAddress("TRC20", ` ${TRON} `)).toEqual({ valid: true, address: TRON, checksum: "ok" })
    expect(checkRefundAddress("ERC20", ETH)).toEqual({ valid: true, address: ETH, checksum: "ok" })
  })

  it("accepts an all-lowercase Ethereum address as 'lowercase', with a message asking to compare it", () => {
    const v = checkRefundAddress("ERC20", ETH.toLowerCase())
    expect(v).toMatchObject({ valid: true, address: ETH, checksum: "lowercase" })
    expect(v.message).toMatch(/no checksum/)
  })

  it("names the other chain's address", () => {
    expect(checkRefundAddress("TRC20", ETH)).toMatchObject({ valid: false, code: "threepay_address_wrong_network", message: expect.stringMatching(/Ethereum address/) })
    expect(checkRefundAddress("ERC20", TRON)).toMatchObject({ valid: false, code: "threepay_address_wrong_network", message: expect.stringMatching(/TRON address/) })
  })

  it("refuses broken checksums on both networks", () => {
    const tronTypo = TRON.slice(0, 10) + (TRON[10] === "a" ? "b" : "a") + TRON.slice(11)
    expect(checkRefundAddress("TRC20", tronTypo)).toMatchObject({ valid: false, code: "threepay_address_bad_checksum" })
    const ethTypo = ETH.replace("aAeb", "aaeb")
    expect(checkRefundAddress("ERC20", ethTypo)).toMatchObject({ valid: false, code: "threepay_address_bad_checksum", message: expect.stringMatching(/EIP-55/) })
    expect(checkRefundAddress("ERC20", "0x123")).toMatchObject({ valid: false, code: "threepay_address_invalid" })
    expect(checkRefundAddress("TRC20", "")).toMatchObject({ valid: false, code: "threepay_address_invalid" })
  })

  it("refuses the USDT contracts and the zero addresses, which pass every checksum", () => {
    for (const [network, a] of [
      ["TRC20", "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"],
      ["ERC20", "0xdAC17F958D2ee523a2206206994597C13D831ec7"],
      ["ERC20", "0xdac17f958d2ee523a2206206994597c13d831ec7"],
      ["TRC20", "T9yD14Nj9j7xAB4dbGeiX9h8unkKHxuWwb"],
      ["ERC20", `0x${"0".repeat(40)}`],
    ] as const) {
      expect(checkRefundAddress(network, a)).toMatchObject({ valid: false, code: "threepay_address_not_allowed" })
    }
  })

  it("requireRefundAddress wants the lowercase confirmation and throws the verdict's code", () => {
    expect(() => requireRefundAddress("ERC20", ETH.toLowerCase(), false)).toThrow(expect.objectContaining({ code: "threepay_address_unconfirmed_lowercase" }))
    expect(requireRefundAddress("ERC20", ETH.toLowerCase(), true)).toEqual({ address: ETH, checksum: "lowercase" })
    expect(() => requireRefundAddress("TRC20", ETH, true)).toThrow(expect.objectContaining({ code: "threepay_address_wrong_network" }))
  })
})
