"use client";

import { type ReactNode, useId, useRef, useState } from "react";
import { useHydrated } from "../../lib/use-hydrated.ts";
import styles from "./ConfirmButton.module.css";

interface ConfirmButtonProps {
  /** The button that opens the dialog. */
  children: ReactNode;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  dismissLabel: string;
  /** Rejects with an Error whose message is shown in the dialog. */
  onConfirm: () => Promise<unknown>;
  className?: string;
  disabled?: boolean;
}

/**
 * A button that asks first, in a native modal <dialog>: focus moves into it and is trapped there,
 * Escape dismisses it, and focus returns to the button afterwards — all from the browser.
 */
export function ConfirmButton({
  children,
  title,
  message,
  confirmLabel,
  dismissLabel,
  onConfirm,
  className = "button button-secondary",
  disabled = false,
}: ConfirmButtonProps) {
  const hydrated = useHydrated();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const open = () => {
    setFailure(null);
    dialog.current?.showModal();
  };
  const confirm = async () => {
    setPending(true);
    setFailure(null);
    try {
      await onConfirm();
      dialog.current?.close();
    } catch (error) {
      setFailure(error instanceof Error ? error.message : "Please try again.");
    } finally {
      setPending(false);
    }
  };

  return (
    <>
      <button type="button" className={className} onClick={open} disabled={disabled || !hydrated}>
        {children}
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-labelledby={titleId}>
        <h2 id={titleId} className={styles.title}>
          {title}
        </h2>
        <div className={styles.message}>{message}</div>
        {failure && (
          <p className={styles.failure} role="alert">
            {failure}
          </p>
        )}
        <div className={styles.actions}>
          {/* First in the dialog, so it gets the initial focus: the safe choice. */}
          <button
            type="button"
            className="button button-secondary"
            onClick={() => dialog.current?.close()}
            disabled={pending}
          >
            {dismissLabel}
          </button>
          <button type="button" className={`button ${styles.danger}`} onClick={confirm} disabled={pending}>
            {pending ? "Working…" : confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
