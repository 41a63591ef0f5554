"use client"
import { useId, useState, type FormEvent } from "react"
import type { ThreePayLabels } from "./labels"

/** "I have paid": the shopper pastes the transaction hash and asks for an immediate re-check. */
export function TxHashForm(props: {
  chain: string
  busy: boolean
  labels: ThreePayLabels
  onSubmit: (hash: string) => void
}) {
  const id = useId()
  const [value, setValue] = useState("")
  const inactive = props.busy || !value.trim()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (!inactive) props.onSubmit(value)
  }
  return (
    <form className="threepay-txhash" onSubmit={submit} aria-label={props.labels.iHavePaid}>
      <p className="threepay-label">{props.labels.iHavePaid}</p>
      <label htmlFor={`${id}-hash`}>{props.labels.txHashLabel}</label>
      <input
        id={`${id}-hash`}
        type="text"
        inputMode="text"
        autoComplete="off"
        spellCheck={false}
        aria-describedby={`${id}-help`}
        data-testid="threepay-txhash-input"
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <p id={`${id}-help`} className="threepay-notice">
        {props.labels.txHashHelp(props.chain)}
      </p>
      <div className="threepay-row">
        {/* aria-disabled, not disabled: the button keeps the keyboard focus while the check runs. */}
        <button type="submit" data-testid="threepay-txhash-submit" aria-disabled={inactive}>
          {props.busy ? props.labels.txHashChecking : props.labels.txHashSubmit}
        </button>
      </div>
    </form>
  )
}
