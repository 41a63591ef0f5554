/**
 * Seeds the cluster test store once per template database (see
 * scripts/cluster/prepare.mjs): the same store as the integration specs
 * (integration-tests/helpers/seed-store.ts, through Medusa's workflows), with
 * Medusa's manual provider `pp_system_default` also enabled in the region
 * (the benchmark's floor: a cart whose payment is already authorized), and a
 * secret API key for the admin routes (POST /admin/3pay/settings switches
 * the flow). Writes what the harness needs as JSON to $CLUSTER_SEED_OUT.
 *
 *   CLUSTER_SEED_HELPER=<repo>/integration-tests/helpers/seed-store.ts npx medusa exec ./src/scripts/seed-cluster.ts
 */
import fs from "node:fs"
import { createApiKeysWorkflow, updateRegionsWorkflow } from "@medusajs/medusa/core-flows"
import type { ExecArgs } from "@medusajs/framework/types"

type SeedHelper = typeof import("../../../../../integration-tests/helpers/seed-store")

export default async function seedCluster({ container }: ExecArgs) {
  // The helper lives in the plugin's repository, not in this store.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { seedStore } = require(process.env.CLUSTER_SEED_HELPER!) as SeedHelper
  const store = await seedStore(container, { price: 10.55, shippingPrice: 5 })
  await updateRegionsWorkflow(container).run({
    input: { selector: { id: store.regionId }, update: { payment_providers: ["pp_3pay_3pay", "pp_system_default"] } },
  })
  const {
    result: [secret],
  } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "cluster harness", type: "secret", created_by: "cluster" }] },
  })
  const out = { ...store, secretKey: secret.token }
  if (process.env.CLUSTER_SEED_OUT) fs.writeFileSync(process.env.CLUSTER_SEED_OUT, JSON.stringify(out))
}
