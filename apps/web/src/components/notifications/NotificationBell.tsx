"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../../lib/trpc.ts";
import styles from "./NotificationBell.module.css";
import { Toaster } from "./Toaster.tsx";
import { useLiveNotifications } from "./use-live-notifications.ts";

/**
 * The header's bell (signed-in users only): unread count, kept live by the SSE subscription this
 * component holds for the whole tab, and the toasts that subscription raises.
 */
export function NotificationBell() {
  const live = useLiveNotifications();
  const trpc = useTRPC();
  const unread = useQuery(
    trpc.notifications.unreadCount.queryOptions(undefined, {
      // The count is also refreshed by every live event; this only catches up after a lost stream.
      refetchInterval: 60_000,
      refetchOnWindowFocus: true,
    }),
  );
  const count = unread.data?.count ?? 0;
  const label = count === 0 ? "Notifications, none unread" : `Notifications, ${count} unread`;

  return (
    <>
      <Link
        href="/notifications"
        className={styles.bell}
        aria-label={label}
        title={label}
        // For tests and debugging: whether the live stream is open ("pending" = connected, awaiting data).
        data-live={live.status === "pending" ? "connected" : live.status}
      >
        <svg className={styles.icon} viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M6 9.5a6 6 0 0 1 12 0c0 4.5 1.8 6.3 2.3 6.8H3.7C4.2 15.8 6 14 6 9.5Z"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.8"
            strokeLinejoin="round"
          />
          <path d="M10 19.5a2 2 0 0 0 4 0" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
        {count > 0 && (
          <span className={styles.count} data-testid="notification-count">
            {count > 99 ? "99+" : count}
          </span>
        )}
      </Link>
      <Toaster />
    </>
  );
}
