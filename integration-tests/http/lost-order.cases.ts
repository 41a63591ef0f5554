/**
 * A complete-cart cut half-way (found by the chaos run: a PostgreSQL
 * connection cut during Medusa's complete of an order_first cart) can leave
 * a cart that Medusa treats as completed with no order. Medusa 2.21.2's
 * complete-cart creates the order, then in parallel links it to the cart and
 * the payment collection and marks the cart completed; a failure after that
 * compensates in reverse, and a cut while the links are being dismissed
 * leaves them pointing at the order its compensation deleted. Each state is
 * made here the way Medusa leaves it (its own link service and the order
 * module's deleteOrders, complete-cart's compensation), then 3PAY reports
 * the invoice paid: the settlement must end with exactly one order and one
 * capture (steps/find-lost-order.ts, under the cart's lock).
 */
import type { MedusaSuiteOptions } from "@medusajs/test-utils"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import type { ICartModuleService, IOrderModuleService, MedusaContainer } from "@medusajs/framework/types"
import { resetSharedRateBudgets } from "medusa-payment-3pay-client"
import { THREEPAY_MODULE } from "../../src/modules/threepay"
import type ThreePayModuleService from "../../src/modules/threepay/service"
import { syncInvoiceWorkflow } from "../../src/workflows/sync-invoice"
import { countOrdersForCart, orderForCart, orderSummary, Shopper, waitFor } from "../helpers/checkout"
import type { SpecEmulator } from "../helpers/emulator"
import { seedStore, type SeededStore } from "../helpers/seed-store"

/** What complete-cart writes before its last steps: an order, linked to the cart and the payment collection. */
async function writeOrderLinks(container: MedusaContainer, store: SeededStore, cartId: string, collectionId: string): Promise<string> {
  const orders = container.resolve<IOrderModuleService>(Modules.ORDER)
  const [order] = await orders.createOrders([{ region_id: store.regionId, currency_code: "usd", email: "shopper@example.com", status: "pending" as never, items: [] }])
  await container.resolve(ContainerRegistrationKeys.LINK).create([
    { [Modules.ORDER]: { order_id: order.id }, [Modules.CART]: { cart_id: cartId } },
    { [Modules.ORDER]: { order_id: order.id }, [Modules.PAYMENT]: { payment_collection_id: collectionId } },
  ])
  return order.id
}

/** complete-cart's compensation got as far as deleting the order (createOrdersStep's compensation), not the links. */
async function loseOrder(container: MedusaContainer, orderId: string) {
  await container.resolve<IOrderModuleService>(Modules.ORDER).deleteOrders([orderId])
}

async function markCompleted(container: MedusaContainer, cartId: string) {
  await container.resolve<ICartModuleService>(Modules.CART).updateCarts(cartId, { completed_at: new Date() })
}

async function collectionOrderIds(container: MedusaContainer, collectionId: string): Promise<string[]> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "order_payment_collection", fields: ["order_id"], filters: { payment_collection_id: collectionId } })
  return (data as Array<{ order_id: string }>).map((r) => r.order_id)
}

export function lostOrderCases({ api, getContainer }: MedusaSuiteOptions, spec: SpecEmulator) {
  let store: SeededStore
  let shopper: Shopper
  const threepay = () => getContainer().resolve<ThreePayModuleService>(THREEPAY_MODULE)
  const applied = (tx: string) =>
    waitFor(async () => {
      const row = await threepay().retrieveInvoiceByTransaction(tx)
      return row?.applied_at ? row : null
    }, { what: `invoice ${tx} applied` })

  beforeEach(async () => {
    spec.emulator.control.reset()
    resetSharedRateBudgets()
    store = await seedStore(getContainer(), { stock: 10 })
    shopper = new Shopper(api, store)
    await threepay().saveSettings({ flow: "order_first" })
  })

  async function openInvoice() {
    const cart = await shopper.createCart()
    const pc = await shopper.paymentCollection(cart.id)
    const session = await shopper.session(pc, { network: "TRC20" })
    return { cart, pc, tx: session.data.transaction_id as string }
  }

  /** One live order for the cart, not the lost one, with one captured payment and one capture; the ledger names it. */
  async function expectOneOrder(cartId: string, pc: string, tx: string, lostOrderId: string | null) {
    const row = await applied(tx)
    const orderId = await orderForCart(getContainer(), cartId)
    expect(orderId).toBeTruthy()
    expect(orderId).not.toBe(lostOrderId)
    expect(row.order_id).toBe(orderId)
    expect(await countOrdersForCart(getContainer(), cartId)).toBe(1)
    expect(await collectionOrderIds(getContainer(), pc)).toEqual([orderId])
    const { order, payments, captures } = await orderSummary(getContainer(), orderId!)
    expect(order.status).toBe("pending")
    expect(payments).toHaveLength(1)
    expect(payments[0].captured_at).toBeTruthy()
    expect(captures).toHaveLength(1)
    return row
  }

  it("a cart linked to an order its compensation deleted: the paid webhook removes the link and completes the cart into one order", async () => {
    const { cart, pc, tx } = await openInvoice()
    const lost = await writeOrderLinks(getContainer(), store, cart.id, pc)
    await loseOrder(getContainer(), lost)
    expect(await orderForCart(getContainer(), cart.id)).toBe(lost)

    await spec.emulator.control.pay(tx, { mode: "full" })
    const row = await expectOneOrder(cart.id, pc, tx, lost)
    expect(JSON.stringify(row.history)).toContain(`linked to order ${lost}, which did not exist`)
    expect(row.attention).toBeFalsy()
  })

  it("the same with the cart also marked completed (complete-cart's cart update was not compensated either)", async () => {
    const { cart, pc, tx } = await openInvoice()
    const lost = await writeOrderLinks(getContainer(), store, cart.id, pc)
    await markCompleted(getContainer(), cart.id)
    await loseOrder(getContainer(), lost)

    await spec.emulator.control.pay(tx, { mode: "full" })
    await expectOneOrder(cart.id, pc, tx, lost)
  })

  it("a cart marked completed with no order linked (the links were compensated, the cart update was not) becomes one order", async () => {
    const { cart, pc, tx } = await openInvoice()
    await markCompleted(getContainer(), cart.id)

    await spec.emulator.control.pay(tx, { mode: "full" })
    await expectOneOrder(cart.id, pc, tx, null)
  })

  it("a payment already captured for an order that was lost (the chaos run's end state) gets its order on the next settlement, with no second capture", async () => {
    // Settle normally, then lose the order as a cut complete-cart would have, and forget the settlement on the ledger.
    const { cart, pc, tx } = await openInvoice()
    await shopper.complete(cart.id)
    await spec.emulator.control.pay(tx, { mode: "full" })
    const first = await applied(tx)
    await loseOrder(getContainer(), first.order_id!)
    await threepay().mutateInvoice(tx, () => ({ applied_at: null, order_id: null }))
    expect(await orderForCart(getContainer(), cart.id)).toBe(first.order_id)

    const { result } = await syncInvoiceWorkflow(getContainer()).run({ input: { transaction_id: tx, source: "reconciliation" } })
    expect(result.retry).toBe(false)
    await expectOneOrder(cart.id, pc, tx, first.order_id)
  })
}
