import { useSyncExternalStore } from "react";

const subscribeNever = () => () => {};

/**
 * False during server rendering and hydration, true once React runs this component in the browser.
 * Buttons whose handlers only exist after hydration render disabled until then, so an early click
 * is never silently lost (or, for a form, turned into a native submit that reloads the page).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeNever,
    () => true,
    () => false,
  );
}
