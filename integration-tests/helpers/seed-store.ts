/**
 * Seeds a minimal sellable store through Medusa's own workflows: a region
 * with the 3PAY provider, tax, a warehouse with shipping, a publishable key
 * and a product. Shared by every integration spec and by the demo.
 */
import {
  createApiKeysWorkflow,
  createInventoryLevelsWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
} from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import type { MedusaContainer } from "@medusajs/framework/types"

export const THREEPAY_PROVIDER_ID = "pp_3pay_3pay"

export type SeededStore = {
  inventoryItemId: string | null
  locationId: string
  regionId: string
  currency: string
  country: string
  salesChannelId: string
  publishableKey: string
  variantId: string
  variantPrice: number
  shippingOptionId: string
  shippingPrice: number
}

export async function seedStore(
  container: MedusaContainer,
  opts: {
    currency?: string
    country?: string
    price?: number
    shippingPrice?: number
    regionName?: string
    /** Track stock (reservations on order, released on cancel). */
    stock?: number
    /** The region's payment providers (default: the invoice provider alone). */
    providers?: string[]
  } = {}
): Promise<SeededStore> {
  const currency = opts.currency ?? "usd"
  const country = opts.country ?? "us"
  const price = opts.price ?? 10.55
  const shippingPrice = opts.shippingPrice ?? 5
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)

  const { result: [salesChannel] } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: `Web ${currency}` }] },
  })
  const { result: [region] } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: opts.regionName ?? currency.toUpperCase(),
          currency_code: currency,
          countries: [country],
          payment_providers: opts.providers ?? [THREEPAY_PROVIDER_ID],
        },
      ],
    },
  })
  await createTaxRegionsWorkflow(container).run({ input: [{ country_code: country, provider_id: "tp_system" }] })

  const { result: [location] } = await createStockLocationsWorkflow(container).run({
    input: { locations: [{ name: `Warehouse ${currency}`, address: { city: "Austin", country_code: country, address_1: "1 Main St" } }] },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  const { result: [profile] } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: `Default ${currency}`, type: "default" }] },
  })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: `Shipping ${currency}`,
    type: "shipping",
    service_zones: [{ name: country.toUpperCase(), geo_zones: [{ country_code: country, type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const { result: [shippingOption] } = await createShippingOptionsWorkflow(container).run({
    input: [
      {
        name: "Standard",
        price_type: "flat",
        provider_id: "manual_manual",
        service_zone_id: fulfillmentSet.service_zones[0].id,
        shipping_profile_id: profile.id,
        type: { label: "Standard", description: "Ships in 2 days", code: "standard" },
        prices: [{ currency_code: currency, amount: shippingPrice }, { region_id: region.id, amount: shippingPrice }],
        rules: [
          { attribute: "enabled_in_store", value: "true", operator: "eq" },
          { attribute: "is_return", value: "false", operator: "eq" },
        ],
      },
    ],
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({
    input: { id: location.id, add: [salesChannel.id] },
  })
  const { result: [key] } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: `Storefront ${currency}`, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [salesChannel.id] } })

  const { result: [product] } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title: `Tee ${currency}`,
          status: ProductStatus.PUBLISHED,
          shipping_profile_id: profile.id,
          options: [{ title: "Size", values: ["M"] }],
          variants: [
            {
              title: "M",
              sku: `TEE-M-${currency}-${Date.now()}`,
              options: { Size: "M" },
              manage_inventory: opts.stock !== undefined,
              prices: [{ currency_code: currency, amount: price }],
            },
          ],
          sales_channels: [{ id: salesChannel.id }],
        },
      ],
    },
  })

  let inventoryItemId: string | null = null
  if (opts.stock !== undefined) {
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({
      entity: "variant",
      fields: ["inventory_items.inventory_item_id"],
      filters: { id: product.variants[0].id },
    })
    inventoryItemId = (data[0] as any).inventory_items[0].inventory_item_id
    await createInventoryLevelsWorkflow(container).run({
      input: {
        inventory_levels: [{ inventory_item_id: inventoryItemId!, location_id: location.id, stocked_quantity: opts.stock }],
      },
    })
  }

  return {
    inventoryItemId,
    locationId: location.id,
    regionId: region.id,
    currency,
    country,
    salesChannelId: salesChannel.id,
    publishableKey: key.token,
    variantId: product.variants[0].id,
    variantPrice: price,
    shippingOptionId: shippingOption.id,
    shippingPrice,
  }
}
