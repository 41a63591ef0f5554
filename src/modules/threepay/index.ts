import { Module } from "@medusajs/framework/utils"
import ThreePayModuleService from "./service"

export const THREEPAY_MODULE = "threepay"

export default Module(THREEPAY_MODULE, {
  service: ThreePayModuleService,
})
