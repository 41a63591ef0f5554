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
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (value.trim()) props.onSubmit(value)
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
        <button type="submit" data-testid="threepay-txhash-submit" disabled={props.busy || !value.trim()}>
          {props.busy ? props.labels.txHashChecking : props.labels.txHashSubmit}
        </button>
      </div>
    </form>
  )
}
