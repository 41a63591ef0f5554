import type Medusa from "@medusajs/js-sdk"
import type { HttpTypes } from "@medusajs/types"

export type Sdk = Medusa
export type Cart = HttpTypes.StoreCart
export type Order = HttpTypes.StoreOrder
export type Product = HttpTypes.StoreProduct
export type Step = "products" | "address" | "shipping" | "payment" | "done"

/** Turns any thrown value (js-sdk FetchError included) into a sentence. */
export function errorText(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) return String((e as { message: unknown }).message)
  return String(e)
}
