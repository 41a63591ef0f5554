/**
 * Saves the store owner's 3PAY settings from the admin (networks, default
 * network, timer, tolerance, flow), within the bounds of the options. The
 * previous values are restored if a later step of a calling workflow fails.
 */
import { createStep, createWorkflow, StepResponse, WorkflowResponse } from "@medusajs/framework/workflows-sdk"
import { THREEPAY_MODULE } from "../modules/threepay"
import type ThreePayModuleService from "../modules/threepay/service"
import type { SettingsInput } from "../modules/threepay/settings-rules"

const saveSettingsStep = createStep(
  "threepay-save-settings",
  async (input: { values: SettingsInput; actor: string | null }, { container }) => {
    const threepay = container.resolve<ThreePayModuleService>(THREEPAY_MODULE)
    const before = await threepay.getEffectiveSettings()
    const saved = await threepay.saveSettings(input.values, input.actor ?? undefined)
    return new StepResponse(saved, { before, actor: input.actor })
  },
  async (undo, { container }) => {
    if (!undo) return
    const { before, actor } = undo
    await container.resolve<ThreePayModuleService>(THREEPAY_MODULE).saveSettings(
      {
        networks: before.networks,
        defaultNetwork: before.defaultNetwork,
        invoiceTimerMinutes: before.invoiceTimerMinutes,
        underpaymentTolerance: before.underpaymentTolerance,
        underpaymentToleranceBps: before.underpaymentToleranceBps,
        flow: before.flow,
      },
      actor ?? undefined
    )
  }
)

export const saveSettingsWorkflow = createWorkflow("threepay-save-settings", (input: { values: SettingsInput; actor: string | null }) => {
  return new WorkflowResponse(saveSettingsStep(input))
})
