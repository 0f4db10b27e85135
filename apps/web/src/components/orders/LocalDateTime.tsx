"use client";

import { useHydrated } from "../../lib/use-hydrated.ts";

const DATE_TIME: Intl.DateTimeFormatOptions = { dateStyle: "medium", timeStyle: "short" };
const DATE_ONLY: Intl.DateTimeFormatOptions = { dateStyle: "medium" };

/**
 * A date in the viewer's own time zone. The server does not know that zone, so server rendering
 * (and hydration) shows UTC, marked as such, and the browser switches to local time right after —
 * without a hydration mismatch.
 */
export function LocalDateTime({ value, dateOnly = false }: { value: Date; dateOnly?: boolean }) {
  const inBrowser = useHydrated();
  const options = dateOnly ? DATE_ONLY : DATE_TIME;
  const text = inBrowser
    ? new Intl.DateTimeFormat("en-US", options).format(value)
    : `${new Intl.DateTimeFormat("en-US", { ...options, timeZone: "UTC" }).format(value)}${dateOnly ? "" : " UTC"}`;
  return <time dateTime={value.toISOString()}>{text}</time>;
}
