import { ModuleProvider, Modules } from "@medusajs/framework/utils"
import ThreePayProviderService from "./service"

export default ModuleProvider(Modules.PAYMENT, {
  services: [ThreePayProviderService],
})
