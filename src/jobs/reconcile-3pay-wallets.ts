/**
 * Every minute (THREEPAY_RECONCILE_SCHEDULE to change it): deposits to
 * customers' addresses that no webhook reported, and carts they complete
 * (lib/reconcile-wallets.ts). Only with `wallets.enabled`; a lock makes
 * several workers do it once.
 */
import type { MedusaContainer } from "@medusajs/framework/types"
import { reconcileWallets } from "../lib/reconcile-wallets"

export default async function reconcileThreePayWallets(container: MedusaContainer) {
  if (process.env.THREEPAY_DISABLE_JOBS === "true") return
  await reconcileWallets(container)
}

export const config = {
  name: "threepay-reconcile-wallets",
  schedule: process.env.THREEPAY_RECONCILE_SCHEDULE || "* * * * *",
}
