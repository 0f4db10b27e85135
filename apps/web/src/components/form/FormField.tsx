import type { ComponentPropsWithRef, ReactNode } from "react";
import styles from "./Form.module.css";

/** The ids and attributes a control needs so its hint and error are announced with it. */
export interface ControlProps {
  id: string;
  className: string | undefined;
  "aria-invalid": boolean;
  "aria-describedby": string | undefined;
}

interface FormFieldProps {
  id: string;
  label: string;
  /** Shown under the label-control pair; stays while the error is shown. */
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  /** Renders the control (input, select, textarea) with the given accessibility wiring. */
  children: (control: ControlProps) => ReactNode;
}

/**
 * A labelled form control with an optional hint and a field-level error. The error is linked via
 * aria-describedby and marks the control aria-invalid, so screen readers announce both on focus.
 */
export function FormField({ id, label, hint, error, optional, children }: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={styles.field}>
      <label htmlFor={id} className={styles.label}>
        {label}
        {optional && <span className={styles.optional}>(optional)</span>}
      </label>
      {children({
        id,
        className: styles.control,
        "aria-invalid": Boolean(error),
        "aria-describedby": describedBy,
      })}
      {error && (
        <p id={errorId} className={styles.error}>
          {error}
        </p>
      )}
      {hint && (
        <p id={hintId} className={styles.hint}>
          {hint}
        </p>
      )}
    </div>
  );
}

type TextFieldProps = Omit<FormFieldProps, "children"> &
  Omit<ComponentPropsWithRef<"input">, "id" | "className" | "children">;

/** The common case: a FormField around an <input>. */
export function TextField({ id, label, hint, error, optional, ...inputProps }: TextFieldProps) {
  return (
    <FormField id={id} label={label} hint={hint} error={error} optional={optional ?? false}>
      {(control) => <input {...inputProps} {...control} />}
    </FormField>
  );
}

/** A form-level message (not tied to one field), announced when it appears. */
export function FormAlert({ children }: { children: ReactNode }) {
  return (
    <p className={styles.alert} role="alert">
      {children}
    </p>
  );
}

export const formStyles = styles;
