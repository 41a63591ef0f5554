"use client"
import { useEffect, useState } from "react"

/** Copies with the Clipboard API, falling back to a hidden textarea where it is missing (older or insecure contexts). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (typeof navigator !== "undefined" && navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text)
      return true
    }
  } catch {
    // Permission refused: try the old way.
  }
  if (typeof document === "undefined") return false
  const area = document.createElement("textarea")
  area.value = text
  area.setAttribute("readonly", "")
  area.style.position = "fixed"
  area.style.opacity = "0"
  document.body.appendChild(area)
  area.select()
  let ok = false
  try {
    ok = typeof document.execCommand === "function" && document.execCommand("copy")
  } catch {
    ok = false
  }
  document.body.removeChild(area)
  return ok
}

export function CopyButton(props: { text: string; label: string; copyText: string; copiedText: string; testId: string }) {
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const t = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(t)
  }, [copied])
  return (
    <button
      type="button"
      className="threepay-copy"
      data-testid={props.testId}
      data-copied={copied ? "true" : "false"}
      aria-label={props.label}
      onClick={async () => setCopied(await copyText(props.text))}
    >
      <span aria-live="polite">{copied ? props.copiedText : props.copyText}</span>
    </button>
  )
}
