/**
 * Seeds the demo store through Medusa's own workflows (as
 * integration-tests/helpers/seed-store.ts does): a USD region paying through
 * 3PAY (pp_3pay_3pay, and pp_3pay_wallet for logged-in customers), a sales channel with a publishable key, a warehouse
 * with shipping, a tax region and a few products.
 *
 *   npx medusa exec ./src/scripts/seed-demo.ts
 *
 * Idempotent: when the demo's sales channel exists it only reports what is
 * there. Writes what the storefront needs as JSON to $DEMO_SEED_OUT.
 */
import fs from "node:fs"
import {
  createApiKeysWorkflow,
  createProductsWorkflow,
  createRegionsWorkflow,
  createSalesChannelsWorkflow,
  createShippingOptionsWorkflow,
  createShippingProfilesWorkflow,
  createStockLocationsWorkflow,
  createTaxRegionsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
  linkSalesChannelsToStockLocationWorkflow,
  updateStoresWorkflow,
} from "@medusajs/medusa/core-flows"
import { ContainerRegistrationKeys, Modules, ProductStatus } from "@medusajs/framework/utils"
import type { ExecArgs } from "@medusajs/framework/types"

const CHANNEL = "3PAY demo webshop"
const KEY_TITLE = "3PAY demo storefront"

const PRODUCTS = [
  { title: "Medusa T-Shirt", handle: "medusa-tee", price: 25, description: "Soft cotton tee with the Medusa logo." },
  { title: "Hoodie", handle: "hoodie", price: 49.9, description: "Warm hoodie for long block times." },
  { title: "Coffee Mug", handle: "coffee-mug", price: 12.5, description: "Holds exactly one confirmation's worth of coffee." },
  { title: "Sticker Pack", handle: "sticker-pack", price: 3.2, description: "Six stickers for your hardware wallet." },
]

export type DemoSeed = {
  publishableKey: string
  regionId: string
  salesChannelId: string
  products: string[]
  created: boolean
}

export default async function seedDemo({ container }: ExecArgs) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const result = (await existing(container)) ?? (await seed(container))
  logger.info(`demo seed: ${result.created ? "created" : "already there"} (region ${result.regionId})`)
  if (process.env.DEMO_SEED_OUT) fs.writeFileSync(process.env.DEMO_SEED_OUT, JSON.stringify(result))
}

async function existing(container: ExecArgs["container"]): Promise<DemoSeed | null> {
  const salesChannels = container.resolve(Modules.SALES_CHANNEL)
  const [channel] = await salesChannels.listSalesChannels({ name: CHANNEL })
  if (!channel) return null
  const [key] = await container.resolve(Modules.API_KEY).listApiKeys({ title: KEY_TITLE, type: "publishable" })
  const [region] = await container.resolve(Modules.REGION).listRegions({ currency_code: "usd" })
  if (!key || !region) return null
  return {
    publishableKey: key.token,
    regionId: region.id,
    salesChannelId: channel.id,
    products: PRODUCTS.map((p) => p.handle),
    created: false,
  }
}

async function seed(container: ExecArgs["container"]): Promise<DemoSeed> {
  const link = container.resolve(ContainerRegistrationKeys.LINK)
  const fulfillment = container.resolve(Modules.FULFILLMENT)
  const storeModule = container.resolve(Modules.STORE)

  const {
    result: [channel],
  } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: CHANNEL, description: "The demo checkout page" }] },
  })

  const [store] = await storeModule.listStores()
  await updateStoresWorkflow(container).run({
    input: {
      selector: { id: store.id },
      update: {
        name: "3PAY demo store",
        supported_currencies: [{ currency_code: "usd", is_default: true }],
        default_sales_channel_id: channel.id,
      },
    },
  })

  // A logged-in customer may also pay from their USDT balance (pp_3pay_wallet), when medusa-config.ts registers it.
  const wallet = await container.resolve(Modules.PAYMENT).listPaymentProviders({ id: ["pp_3pay_wallet"] })
  const {
    result: [region],
  } = await createRegionsWorkflow(container).run({
    input: {
      regions: [
        {
          name: "United States",
          currency_code: "usd",
          countries: ["us"],
          // 3PAY is the only way to pay in this region.
          payment_providers: ["pp_3pay_3pay", ...wallet.map((p) => p.id)],
        },
      ],
    },
  })
  await createTaxRegionsWorkflow(container).run({ input: [{ country_code: "us", provider_id: "tp_system" }] })

  const {
    result: [location],
  } = await createStockLocationsWorkflow(container).run({
    input: {
      locations: [{ name: "Austin warehouse", address: { city: "Austin", country_code: "us", address_1: "1 Main St" } }],
    },
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_provider_id: "manual_manual" },
  })
  await linkSalesChannelsToStockLocationWorkflow(container).run({ input: { id: location.id, add: [channel.id] } })

  const {
    result: [profile],
  } = await createShippingProfilesWorkflow(container).run({
    input: { data: [{ name: "Default", type: "default" }] },
  })
  const fulfillmentSet = await fulfillment.createFulfillmentSets({
    name: "US shipping",
    type: "shipping",
    service_zones: [{ name: "United States", geo_zones: [{ country_code: "us", type: "country" }] }],
  })
  await link.create({
    [Modules.STOCK_LOCATION]: { stock_location_id: location.id },
    [Modules.FULFILLMENT]: { fulfillment_set_id: fulfillmentSet.id },
  })
  const option = (name: string, code: string, description: string, amount: number) => ({
    name,
    price_type: "flat" as const,
    provider_id: "manual_manual",
    service_zone_id: fulfillmentSet.service_zones[0].id,
    shipping_profile_id: profile.id,
    type: { label: name, description, code },
    prices: [
      { currency_code: "usd", amount },
      { region_id: region.id, amount },
    ],
    rules: [
      { attribute: "enabled_in_store", value: "true", operator: "eq" as const },
      { attribute: "is_return", value: "false", operator: "eq" as const },
    ],
  })
  await createShippingOptionsWorkflow(container).run({
    input: [
      option("Standard", "standard", "Ships in 2-3 days", 5),
      option("Express", "express", "Ships tomorrow", 12),
    ],
  })

  const {
    result: [key],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: KEY_TITLE, type: "publishable", created_by: "" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: key.id, add: [channel.id] } })

  await createProductsWorkflow(container).run({
    input: {
      products: PRODUCTS.map((p) => ({
        title: p.title,
        handle: p.handle,
        description: p.description,
        status: ProductStatus.PUBLISHED,
        shipping_profile_id: profile.id,
        options: [{ title: "Size", values: ["One size"] }],
        variants: [
          {
            title: "One size",
            sku: p.handle.toUpperCase(),
            options: { Size: "One size" },
            // No stock tracking: the demo never runs out.
            manage_inventory: false,
            prices: [{ currency_code: "usd", amount: p.price }],
          },
        ],
        sales_channels: [{ id: channel.id }],
      })),
    },
  })

  return {
    publishableKey: key.token,
    regionId: region.id,
    salesChannelId: channel.id,
    products: PRODUCTS.map((p) => p.handle),
    created: true,
  }
}
