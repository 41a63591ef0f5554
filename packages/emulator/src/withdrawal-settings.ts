import type { EmulatorSettings } from "./types"

/**
 * The withdrawal switches and their allowed values: each models one reading
 * of what 3PAY's docs leave open (docs/3pay-wire-format.md, "Emulator
 * assumptions"). The first value is the default.
 */
export const WITHDRAWAL_CHOICES = {
  withdrawalReviewStatus: ["pending", "pending_review"],
  withdrawalExecution: ["instant", "held"],
  withdrawalFundsFrom: ["merchant", "user"],
  withdrawalFeePayer: ["user", "merchant"],
  withdrawalInsufficientFunds: ["refuse", "review", "fail"],
  withdrawalRequestsList: ["review", "pending", "all"],
  withdrawalWebhooks: ["final", "every_change"],
} as const satisfies { [K in keyof EmulatorSettings]?: readonly EmulatorSettings[K][] }

export function checkWithdrawalChoices(s: EmulatorSettings): void {
  for (const [name, allowed] of Object.entries(WITHDRAWAL_CHOICES)) {
    const value = s[name as keyof typeof WITHDRAWAL_CHOICES]
    if (!(allowed as readonly string[]).includes(value)) {
      throw new Error(`setting ${name} must be ${allowed.map((a) => JSON.stringify(a)).join(" or ")}`)
    }
  }
}
