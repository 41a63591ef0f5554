import { useEffect, useState } from "react"

/** Milliseconds left until `expiresAt` (ISO), ticking every second; null without an expiry. */
export function useCountdown(expiresAt: string | null | undefined): number | null {
  const target = expiresAt ? new Date(expiresAt).getTime() : null
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    if (target === null || Number.isNaN(target)) return
    setNow(Date.now())
    const timer = setInterval(() => {
      const t = Date.now()
      setNow(t)
      if (t >= target) clearInterval(timer)
    }, 1000)
    return () => clearInterval(timer)
  }, [target])
  if (target === null || Number.isNaN(target)) return null
  return Math.max(0, target - now)
}
