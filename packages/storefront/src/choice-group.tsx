"use client"
import { useId, useRef, type KeyboardEvent, type ReactNode } from "react"

/**
 * One choice among a few, as a radio group (WAI-ARIA pattern): Tab reaches
 * the chosen option, the arrow keys (and Home/End) move to and choose
 * another, Space or Enter chooses the focused one. While something is being
 * prepared, or once the choice can no longer change, the options are
 * `aria-disabled`, not `disabled`: a disabled button drops the keyboard
 * focus, and the shopper would have to find their way back. The network
 * choice and the choice between an invoice and the balance are both this.
 */
export function ChoiceGroup<K extends string>(props: {
  legend: string
  options: Array<{ key: K; label: ReactNode; testId: string; className?: string }>
  selected: K | null
  /** Choices are ignored (busy, or locked). */
  inactive: boolean
  onSelect: (key: K) => void
  className: string
  testId: string
  /** Said under the options (e.g. why the choice is locked). */
  note?: string | null
  /** The data attribute that carries each option's key (`data-network` on the networks). */
  keyAttribute?: string
}) {
  const { options } = props
  const legendId = useId()
  const buttons = useRef<Array<HTMLButtonElement | null>>([])
  const selectedIndex = options.findIndex((o) => o.key === props.selected)
  const tabStop = selectedIndex >= 0 ? selectedIndex : 0

  const choose = (i: number) => {
    if (!props.inactive) props.onSelect(options[i].key)
  }
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, i: number) => {
    const last = options.length - 1
    const to =
      e.key === "ArrowRight" || e.key === "ArrowDown"
        ? (i === last ? 0 : i + 1)
        : e.key === "ArrowLeft" || e.key === "ArrowUp"
          ? (i === 0 ? last : i - 1)
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? last
              : null
    if (to === null) return
    e.preventDefault()
    buttons.current[to]?.focus()
    choose(to)
  }

  return (
    <fieldset className={props.className} data-testid={props.testId}>
      <legend id={legendId} className="threepay-networks-legend">
        {props.legend}
      </legend>
      <div className="threepay-network-options" role="radiogroup" aria-labelledby={legendId} aria-disabled={props.inactive || undefined}>
        {options.map((o, i) => (
          <button
            key={o.key}
            ref={(el) => {
              buttons.current[i] = el
            }}
            type="button"
            role="radio"
            aria-checked={props.selected === o.key}
            aria-disabled={props.inactive || undefined}
            tabIndex={i === tabStop ? 0 : -1}
            className={o.className ?? "threepay-network"}
            {...{ [`data-${props.keyAttribute ?? "choice"}`]: o.key }}
            data-testid={o.testId}
            onClick={() => choose(i)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            <span className="threepay-network-mark" aria-hidden="true" />
            <span>{o.label}</span>
          </button>
        ))}
      </div>
      {props.note ? <p className="threepay-notice">{props.note}</p> : null}
    </fieldset>
  )
}
