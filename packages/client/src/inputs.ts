import { z } from "zod"
import { checkAddress } from "./addresses"
import { ThreePayNetworkMismatchError, ThreePayValidationError } from "./errors"
import { NETWORKS, type Network } from "./networks"
import { fromMicro, toMicro } from "./usdt"

/**
 * Input checks run before anything is sent: a call 3PAY would refuse still
 * costs a slot of a small rate tier (20 creations per 15 min), and a wrong
 * amount or network must never reach a money-moving endpoint. Objects are
 * strict so a misspelt option (`timer` for `timerMinutes`) fails loudly
 * instead of silently creating a 10-minute invoice.
 */

/** USDT as a decimal string, > 0, at most 6 decimals; output is canonical ("12.50" -> "12.5"). */
export const amountInput = z.string().transform((value, ctx) => {
  let micro: bigint
  try {
    micro = toMicro(value.trim(), "exact")
  } catch {
    ctx.addIssue({ code: "custom", message: 'must be a decimal string with at most 6 decimals, e.g. "12.5"' })
    return z.NEVER
  }
  if (micro <= 0n) {
    ctx.addIssue({ code: "custom", message: "must be greater than 0" })
    return z.NEVER
  }
  return fromMicro(micro)
})

export const networkInput = z.enum(NETWORKS)
const text = (max: number) => z.string().trim().min(1).max(max)
// Optional shopper details come from carts where "" means "not given"; an
// empty first name must not block a checkout.
const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v)
const optional = <S extends z.ZodType>(schema: S) => z.preprocess(blankToUndefined, schema.optional())
const optText = (max: number) => optional(text(max))
export const idInput = text(200)
// z.httpUrl() refuses localhost, which the local emulator and dev stores need.
const httpUrl = z.url({ protocol: /^https?$/, message: "must be an http(s) URL" })
const page = z.int().min(1).max(100_000)
const limit = z.int().min(1).max(100)
const dateInput = z
  .string()
  .trim()
  .refine((s) => !Number.isNaN(Date.parse(s)), { message: "must be an ISO date, e.g. 2026-02-20 or 2026-02-20T10:00:00Z" })

export const createInvoiceInput = z.strictObject({
  network: networkInput,
  amount: amountInput,
  // 3PAY's default is 10; a day is the longest we allow (no documented maximum).
  timerMinutes: z.int().min(1).max(1440).optional(),
  webhookUrl: optional(httpUrl),
  callbackUrl: optional(httpUrl),
  email: optional(z.email()),
  firstName: optText(200),
  lastName: optText(200),
  phoneNumber: optText(64),
  username: optText(200),
  description: optText(500),
  referenceId: optText(128),
})

export const listInvoicesInput = z.strictObject({
  page: page.optional(),
  limit: limit.optional(),
  search: optText(200),
  type: z.enum(["deposit", "withdrawal", "payout"]).optional(),
  status: optText(50),
  network: networkInput.optional(),
  fromDate: optional(dateInput),
  toDate: optional(dateInput),
})

export const generateWalletInput = z.strictObject({
  userId: idInput,
  email: z.email(),
  firstName: optText(200),
  lastName: optText(200),
  phone: optText(64),
  callbackUrl: optional(httpUrl),
  isActive: z.boolean().optional(),
  description: optText(500),
})

export const updateBalanceInput = z.strictObject({
  userId: idInput,
  amount: amountInput,
  network: networkInput.optional(),
  // The direction of a balance change is never defaulted.
  operation: text(20),
  reason: optText(500),
})

export const listUserTransactionsInput = z.strictObject({
  userId: idInput,
  page: page.optional(),
  limit: limit.optional(),
})

export const createWithdrawalInput = z.strictObject({
  userId: idInput,
  walletAddress: text(100),
  amount: amountInput,
  network: networkInput,
  callbackUrl: optional(httpUrl),
  // Not sent: a person confirmed an Ethereum address that carries no case checksum (addresses.ts).
  addressCaseConfirmed: z.boolean().optional(),
})

export const listWithdrawalRequestsInput = z.strictObject({
  page: page.optional(),
  limit: limit.optional(),
  status: optText(50),
})

export const rejectWithdrawalInput = z.strictObject({
  reason: optText(500),
})

export const listWebhookEventsInput = z.strictObject({
  deliveryStatus: optText(50),
  page: page.optional(),
  limit: limit.optional(),
})

export const webhookUrlInput = httpUrl

/** Issue list without input values (an input may be an email). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length ? i.path.map(String).join(".") : "input"}: ${i.message}`)
    .join("; ")
}

/** Parses or throws ThreePayValidationError naming the method and the fields. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, method: string): z.output<S> {
  const r = schema.safeParse(input)
  if (r.success) return r.data
  throw new ThreePayValidationError(`Invalid ${method} input: ${describeIssues(r.error)}. Nothing was sent to 3PAY.`)
}

/**
 * A withdrawal to a mistyped address, or to an address of the other network,
 * is lost for good; the destination passes `checkAddress` (addresses.ts) here,
 * before 3PAY and before any money moves. The other network's address:
 * ThreePayNetworkMismatchError. A malformed address or a failed checksum:
 * ThreePayValidationError with the check's message. An Ethereum address
 * without case checksum (all lower or all upper case): refused unless a
 * person confirmed it (`addressCaseConfirmed: true`). Returns the address to
 * send: Ethereum in its EIP-55 form (the same account, and one 3PAY's own
 * check cannot read differently).
 */
export function checkWithdrawalAddress(address: string, network: Network, caseConfirmed: boolean): string {
  const check = checkAddress(network, address)
  if (!check.ok) {
    if (check.code === "wrong_network" && check.detectedNetwork) {
      throw new ThreePayNetworkMismatchError(
        `walletAddress is a ${check.detectedNetwork} address but the withdrawal is on ${network}; funds sent across networks are lost. Nothing was sent to 3PAY.`,
        network,
        check.detectedNetwork
      )
    }
    throw new ThreePayValidationError(`Invalid createWithdrawal input: walletAddress (${check.code}): ${check.message} Nothing was sent to 3PAY.`)
  }
  if (check.needsCaseConfirmation && !caseConfirmed) {
    throw new ThreePayValidationError(
      "Invalid createWithdrawal input: walletAddress is an Ethereum address without its case checksum (all one case); " +
        "have a person confirm it and pass addressCaseConfirmed: true, or give its checksummed form. Nothing was sent to 3PAY."
    )
  }
  return check.address
}
