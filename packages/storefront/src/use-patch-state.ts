"use client"
import { useCallback, useEffect, useRef, useState } from "react"

/**
 * State that takes partial updates, with a ref to its latest value for
 * callbacks and timers, and that ignores updates once the component is gone
 * (an answer that arrives after the shopper left the page).
 */
export function usePatchState<T extends object>(initial: T) {
  const [state, setState] = useState<T>(initial)
  const ref = useRef(state)
  ref.current = state
  const alive = useRef(true)
  useEffect(() => {
    alive.current = true
    return () => {
      alive.current = false
    }
  }, [])
  const patch = useCallback((p: Partial<T>) => {
    if (alive.current) setState((s) => ({ ...s, ...p }))
  }, [])
  return [state, patch, ref] as const
}
