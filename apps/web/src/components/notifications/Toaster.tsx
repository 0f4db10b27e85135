"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { createPortal } from "react-dom";
import styles from "./Toaster.module.css";
import { dismissToast, type Toast, useToasts } from "./toast-store.ts";

/** Long enough to read two lines; paused while the pointer or focus is on the toast. */
const VISIBLE_MS = 8_000;

/**
 * Renders toasts into <body> (the sticky header's backdrop-filter would otherwise trap fixed
 * positioning). The region is a polite live region, so screen readers announce each new toast.
 */
export function Toaster() {
  const toasts = useToasts();
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return null;
  return createPortal(
    <section className={styles.region} aria-label="Notifications" aria-live="polite">
      {toasts.map((toast) => (
        <ToastCard key={toast.id} toast={toast} />
      ))}
    </section>,
    document.body,
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  const [paused, setPaused] = useState(false);
  useEffect(() => {
    if (paused) return;
    const timer = setTimeout(() => dismissToast(toast.id), VISIBLE_MS);
    return () => clearTimeout(timer);
  }, [paused, toast.id]);

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: hover/focus only pause the timer; the card's controls are the buttons and links inside.
    <div
      className={styles.toast}
      onMouseEnter={() => setPaused(true)}
      onMouseLeave={() => setPaused(false)}
      onFocus={() => setPaused(true)}
      onBlur={() => setPaused(false)}
    >
      <div className={styles.text}>
        <p className={styles.title}>{toast.title}</p>
        <p className={styles.body}>{toast.body}</p>
        {toast.href && (
          <Link className={styles.link} href={toast.href} onClick={() => dismissToast(toast.id)}>
            View order
          </Link>
        )}
      </div>
      <button
        type="button"
        className={styles.close}
        aria-label={`Dismiss: ${toast.title}`}
        onClick={() => dismissToast(toast.id)}
      >
        ×
      </button>
    </div>
  );
}
