"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "../../lib/trpc.ts";
import { LoadFailedNotice } from "../LoadFailedNotice.tsx";
import { LocalDateTime } from "../orders/LocalDateTime.tsx";
import styles from "./NotificationList.module.css";

const PAGE_SIZE = 20;

/** The signed-in user's notifications, newest first, with mark-as-read (one, or all at once). */
export function NotificationList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const pages = useInfiniteQuery(
    trpc.notifications.mine.infiniteQueryOptions(
      { limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const markRead = useMutation(
    trpc.notifications.markRead.mutationOptions({
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.notifications.mine.pathFilter()),
          queryClient.invalidateQueries(trpc.notifications.unreadCount.queryFilter()),
        ]),
    }),
  );

  if (pages.isPending) {
    return (
      <div aria-busy="true">
        <p className="visually-hidden" role="status">
          Loading notifications…
        </p>
        {[0, 1, 2].map((n) => (
          <div key={n} className={`skeleton ${styles.skeleton}`} />
        ))}
      </div>
    );
  }
  if (pages.isError) {
    return (
      <LoadFailedNotice
        title="We could not load your notifications"
        message={pages.error.message}
        onRetry={() => void pages.refetch()}
      />
    );
  }

  const items = pages.data.pages.flatMap((page) => page.items);
  if (items.length === 0) {
    return (
      <div className="notice">
        <h2>Nothing here yet</h2>
        <p>We will let you know here when you place an order and whenever its status changes.</p>
      </div>
    );
  }
  const anyUnread = items.some((item) => item.readAt === null);

  return (
    <>
      <div className={styles.toolbar}>
        <button
          type="button"
          className="button button-secondary"
          disabled={!anyUnread || markRead.isPending}
          onClick={() => markRead.mutate({})}
        >
          Mark all as read
        </button>
      </div>
      {markRead.isError && (
        <p className={styles.error} role="alert">
          Could not mark as read: {markRead.error.message}
        </p>
      )}
      <ul className={styles.list}>
        {items.map((item) => {
          const unread = item.readAt === null;
          return (
            <li key={item.id} className={`${styles.item} ${unread ? styles.unread : ""}`}>
              <div className={styles.text}>
                <p className={styles.title}>
                  {unread && <span className="visually-hidden">Unread: </span>}
                  {item.title}
                </p>
                <p className={styles.body}>{item.body}</p>
                <p className={styles.meta}>
                  <LocalDateTime value={item.createdAt} />
                  {item.orderId && (
                    <>
                      {" · "}
                      <Link
                        href={`/orders/${item.orderId}`}
                        onClick={() => unread && markRead.mutate({ ids: [item.id] })}
                      >
                        View order
                      </Link>
                    </>
                  )}
                </p>
              </div>
              {unread && (
                <button
                  type="button"
                  className={styles.markRead}
                  disabled={markRead.isPending}
                  onClick={() => markRead.mutate({ ids: [item.id] })}
                  aria-label={`Mark “${item.title}” as read`}
                >
                  Mark as read
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {pages.hasNextPage && (
        <div className={styles.more}>
          <button
            type="button"
            className="button button-secondary"
            disabled={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {pages.isFetchingNextPage ? "Loading…" : "Show older notifications"}
          </button>
        </div>
      )}
    </>
  );
}
