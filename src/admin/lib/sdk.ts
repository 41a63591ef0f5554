/**
 * The admin's own Medusa client, configured like the dashboard's (same
 * backend URL and auth type), so our calls carry the admin's session or JWT.
 * The `typeof` guards keep the bundle working if a host's bundler does not
 * define one of the build-time constants.
 */
import Medusa from "@medusajs/js-sdk"

const backendUrl = typeof __BACKEND_URL__ !== "undefined" && __BACKEND_URL__ ? __BACKEND_URL__ : "/"
const authType = typeof __AUTH_TYPE__ !== "undefined" && __AUTH_TYPE__ ? __AUTH_TYPE__ : "session"
const jwtTokenStorageKey =
  typeof __JWT_TOKEN_STORAGE_KEY__ !== "undefined" && __JWT_TOKEN_STORAGE_KEY__ ? __JWT_TOKEN_STORAGE_KEY__ : undefined

export const sdk = new Medusa({
  baseUrl: backendUrl,
  auth: { type: authType, jwtTokenStorageKey },
})
