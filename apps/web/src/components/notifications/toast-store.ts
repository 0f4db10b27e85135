import { useSyncExternalStore } from "react";

/** A short-lived message in the corner of the screen (e.g. "Order #63BEC955 shipped"). */
export interface Toast {
  id: string;
  title: string;
  body: string;
  /** Where "View" goes, if anywhere. */
  href?: string | undefined;
}

/** Few at once: a burst of events should not cover the page. */
const MAX_VISIBLE = 3;

let toasts: readonly Toast[] = [];
const listeners = new Set<() => void>();

function emit(next: readonly Toast[]) {
  toasts = next;
  for (const listener of listeners) listener();
}

export function showToast(toast: Toast): void {
  emit([...toasts.filter((t) => t.id !== toast.id), toast].slice(-MAX_VISIBLE));
}

export function dismissToast(id: string): void {
  emit(toasts.filter((t) => t.id !== id));
}

const EMPTY: readonly Toast[] = [];

/** The toasts on screen now; module state, so whoever shows one needs no provider. */
export function useToasts(): readonly Toast[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => toasts,
    () => EMPTY,
  );
}
