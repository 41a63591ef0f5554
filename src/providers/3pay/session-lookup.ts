/**
 * Which payment collection a session belongs to, read from inside the
 * payment module (the provider's container, where the module's internal
 * `paymentSessionService` lives). The session row is committed before
 * Medusa calls `initiatePayment`, so it is there to read.
 */
type InternalSessionService = {
  retrieve(id: string, config?: Record<string, unknown>): Promise<{ payment_collection_id?: string | null }>
}

export async function sessionCollectionId(container: Record<string, unknown>, sessionId: string): Promise<string | null> {
  if (!sessionId) return null
  let service: InternalSessionService | undefined
  try {
    service = container.paymentSessionService as InternalSessionService | undefined
  } catch {
    return null
  }
  if (!service) return null
  try {
    const row = await service.retrieve(sessionId, { select: ["id", "payment_collection_id"] })
    return row?.payment_collection_id ?? null
  } catch {
    return null
  }
}
