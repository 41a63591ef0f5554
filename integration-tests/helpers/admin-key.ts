/**
 * A secret API key, as a store owner's script would use against /admin:
 * `Authorization: Basic base64(<token>:)`.
 */
import { ApiKeyType, Modules } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export async function createSecretKey(container: MedusaContainer, title: string) {
  const key = await container.resolve(Modules.API_KEY).createApiKeys({ title, type: ApiKeyType.SECRET, created_by: title })
  return { id: key.id, headers: { authorization: `Basic ${Buffer.from(`${key.token}:`).toString("base64")}` } }
}
