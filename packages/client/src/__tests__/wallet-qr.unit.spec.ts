/**
 * The text of the payment step's QR code: an EIP-681 USDT transfer (amount in
 * 6-decimal base units, exact) where the network has that standard and the
 * contract is known, else the deposit address alone.
 */
import { EVM_CHAIN_IDS, eip681TokenTransfer, walletQr } from "../networks"

const TO = "0x52908400098527886E0F7030069857D2E4169EE7"
const USDT = "0xdAC17F958D2ee523a2206206994597C13D831ec7"

describe("wallet QR text", () => {
  it("writes an EIP-681 ERC-20 transfer with the amount in base units, exactly", () => {
    expect(eip681TokenTransfer({ contract: USDT, chainId: 1, to: TO, amount: "0.000001" })).toBe(
      `ethereum:${USDT}@1/transfer?address=${TO}&uint256=1`
    )
    // 2^53 + 1 micro-USDT: a float would lose the last unit.
    expect(eip681TokenTransfer({ contract: USDT, chainId: 1, to: TO, amount: "9007199254.740993" })).toMatch(/&uint256=9007199254740993$/)
    expect(eip681TokenTransfer({ contract: USDT, chainId: 1, to: TO, amount: "15.55" })).toMatch(/&uint256=15550000$/)
  })

  it("refuses what would make a wrong code: a 7th decimal, a negative amount, a non-Ethereum address", () => {
    expect(() => eip681TokenTransfer({ contract: USDT, chainId: 1, to: TO, amount: "1.0000001" })).toThrow(/at most 6 decimals/)
    expect(() => eip681TokenTransfer({ contract: USDT, chainId: 1, to: TO, amount: "-1" })).toThrow()
    expect(() => eip681TokenTransfer({ contract: USDT, chainId: 1, to: "TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk", amount: "1" })).toThrow()
  })

  it("uses mainnet's USDT on live, the address alone on TRON and on Sepolia", () => {
    expect(walletQr("ERC20", "live", TO, "26.1")).toEqual({
      kind: "eip681",
      text: `ethereum:${USDT}@${EVM_CHAIN_IDS.live}/transfer?address=${TO}&uint256=26100000`,
    })
    expect(walletQr("ERC20", "sandbox", TO, "26.1")).toEqual({ kind: "address", text: TO })
    expect(walletQr("TRC20", "live", "TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk", "26.1")).toEqual({ kind: "address", text: "TJYeasTPa6gpEEfYqDGR3GUSyYBNsWSNPk" })
    expect(EVM_CHAIN_IDS.sandbox).toBe(11155111)
  })
})
