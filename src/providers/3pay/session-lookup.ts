/**
 * Finds the live payment session that holds a 3PAY invoice, from inside the
 * payment module (the provider's container). Sessions are hard-deleted when a
 * shopper re-creates them, so a hit is always the current holder: exactly the
 * session Medusa's core webhook path may complete, and never another cart's.
 */
type SessionRow = { id: string; amount: unknown; data: Record<string, unknown> | null; payment_collection_id?: string }

type InternalSessionService = {
  list(filters: Record<string, unknown>, config?: Record<string, unknown>): Promise<SessionRow[]>
}

export async function findLiveSessionByTransaction(
  container: Record<string, unknown>,
  transactionId: string
): Promise<SessionRow | null> {
  let service: InternalSessionService | undefined
  try {
    service = container.paymentSessionService as InternalSessionService | undefined
  } catch {
    service = undefined
  }
  if (!service) return null
  const rows = await service.list(
    { data: { transaction_id: transactionId } },
    { select: ["id", "amount", "raw_amount", "data", "payment_collection_id"], take: 5 }
  )
  // The JSON filter is applied by the database; re-check in code anyway.
  const hits = rows.filter((r) => r.data && r.data.transaction_id === transactionId)
  return hits.length === 1 ? hits[0] : null
}
