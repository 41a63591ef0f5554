/**
 * The payment provider's id in Medusa. `static identifier = "3pay"` and the
 * `id: "3pay"` of the provider entry in medusa-config.ts make `pp_3pay_3pay`;
 * code that recognises the provider accepts any `pp_3pay_<id>`. Plain data:
 * the admin and storefront bundles import it too.
 */
export const THREEPAY_PROVIDER_ID = "pp_3pay_3pay"
export const THREEPAY_PROVIDER_PREFIX = "pp_3pay_"

export function isThreePayProvider(providerId: unknown): boolean {
  return typeof providerId === "string" && providerId.startsWith(THREEPAY_PROVIDER_PREFIX)
}
