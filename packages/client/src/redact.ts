/**
 * Keeps credentials out of everything we print. 3PAY's own error messages
 * are copied into our errors, and a server may echo what it was sent
 * ("invalid apikey pk_live_..."), so every remote text goes through here.
 */
export const REDACTED = "[redacted]"
const MAX_REMOTE_TEXT = 300

export type Redactor = (text: string) => string

export function makeRedactor(secrets: Array<string | undefined | null>): Redactor {
  // Longest first, so a secret that contains the key is replaced whole.
  const list = secrets
    .filter((s): s is string => typeof s === "string" && s.length >= 4)
    .sort((a, b) => b.length - a.length)
  return (text: string) => {
    let out = text
    for (const s of list) out = out.split(s).join(REDACTED)
    return out
  }
}

/** A remote message made safe to show: redacted, one line, bounded length. */
export function safeRemoteText(text: unknown, redact: Redactor): string | undefined {
  if (typeof text !== "string") return undefined
  const oneLine = redact(text).replace(/\s+/g, " ").trim()
  if (!oneLine) return undefined
  return oneLine.length > MAX_REMOTE_TEXT ? `${oneLine.slice(0, MAX_REMOTE_TEXT)}…` : oneLine
}
