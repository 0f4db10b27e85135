"use client";

import { type KeyboardEvent, useEffect, useId, useState } from "react";
import styles from "./QuantityStepper.module.css";

interface QuantityStepperProps {
  value: number;
  max: number;
  /** Called with a whole number in 1..max, only when it differs from `value`. */
  onChange: (quantity: number) => void;
  /** Accessible name, e.g. "Quantity of Headlamp". */
  label: string;
  /** Visible label above the control; off in dense lists where the column header says it. */
  showLabel?: boolean;
  disabled?: boolean;
  /** Id of text that explains the value, e.g. a stock warning. */
  describedBy?: string | undefined;
}

/**
 * − [n] + : buttons apply at once; a typed number applies on Enter or when focus leaves, so typing
 * "12" does not send "1" first. Out-of-range input snaps back into 1..max.
 */
export function QuantityStepper({
  value,
  max,
  onChange,
  label,
  showLabel = false,
  disabled = false,
  describedBy,
}: QuantityStepperProps) {
  const inputId = useId();
  const [draft, setDraft] = useState(String(value));
  useEffect(() => setDraft(String(value)), [value]);
  const upper = Math.max(1, max);

  const commit = (next: number) => {
    const clamped = Math.min(upper, Math.max(1, Math.round(next)));
    setDraft(String(clamped));
    if (clamped !== value) onChange(clamped);
  };
  const commitDraft = () => {
    const parsed = Number.parseInt(draft, 10);
    commit(Number.isNaN(parsed) ? value : parsed);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "Enter") {
      event.preventDefault();
      commitDraft();
    }
  };

  return (
    <div className={styles.wrapper}>
      <label htmlFor={inputId} className={showLabel ? styles.label : "visually-hidden"}>
        {label}
      </label>
      <div className={styles.stepper}>
        <button
          type="button"
          className={styles.step}
          aria-label={`Decrease ${label.toLowerCase()}`}
          disabled={disabled || value <= 1}
          onClick={() => commit(value - 1)}
        >
          −
        </button>
        <input
          id={inputId}
          className={styles.input}
          type="number"
          inputMode="numeric"
          min={1}
          max={upper}
          value={draft}
          disabled={disabled}
          aria-describedby={describedBy}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commitDraft}
          onKeyDown={onKeyDown}
        />
        <button
          type="button"
          className={styles.step}
          aria-label={`Increase ${label.toLowerCase()}`}
          disabled={disabled || value >= upper}
          onClick={() => commit(value + 1)}
        >
          +
        </button>
      </div>
    </div>
  );
}
