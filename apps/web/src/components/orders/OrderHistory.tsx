"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { formatPrice } from "../../lib/format.ts";
import { useTRPC } from "../../lib/trpc.ts";
import type { BffOutputs } from "../../server/trpc/router.ts";
import { LocalDateTime } from "./LocalDateTime.tsx";
import styles from "./OrderHistory.module.css";
import { ORDER_HISTORY_PAGE_SIZE, orderNumber } from "./order-status.ts";
import { StatusBadge } from "./StatusBadge.tsx";

type OrdersPage = BffOutputs["orders"]["mine"];

/** The shopper's orders, newest first; the first page is server-rendered, the rest load on demand. */
export function OrderHistory({ firstPage }: { firstPage: OrdersPage }) {
  const trpc = useTRPC();
  const pages = useInfiniteQuery(
    trpc.orders.mine.infiniteQueryOptions(
      { limit: ORDER_HISTORY_PAGE_SIZE },
      {
        initialData: { pages: [firstPage], pageParams: [null] },
        getNextPageParam: (page) => page.nextCursor ?? undefined,
      },
    ),
  );
  const orders = pages.data.pages.flatMap((page) => page.items);
  const total = pages.data.pages[0]?.total ?? 0;

  if (orders.length === 0) {
    return (
      <div className="notice">
        <h2>No orders yet</h2>
        <p>When you place an order it shows up here, with its status.</p>
        <div className="notice-actions">
          <Link className="button" href="/">
            Browse the catalog
          </Link>
        </div>
      </div>
    );
  }

  return (
    <>
      <p className={styles.count}>
        Showing {orders.length} of {total} {total === 1 ? "order" : "orders"}
      </p>
      <ul className={styles.list}>
        {orders.map((order) => (
          <li key={order.id}>
            <Link href={`/orders/${order.id}`} className={styles.row}>
              <span className={styles.number}>Order {orderNumber(order.id)}</span>
              <span className={styles.date}>
                <LocalDateTime value={order.createdAt} dateOnly />
              </span>
              <span className={styles.items}>
                {order.itemCount} {order.itemCount === 1 ? "product" : "products"}
              </span>
              <span className={styles.total}>{formatPrice(order.subtotalCents, order.currency)}</span>
              <StatusBadge status={order.status} />
            </Link>
          </li>
        ))}
      </ul>
      <div className={styles.more} aria-live="polite">
        {pages.isFetchNextPageError && (
          <p role="alert" className={styles.error}>
            Could not load more orders: {pages.error?.message}
          </p>
        )}
        {pages.hasNextPage && (
          <button
            type="button"
            className="button button-secondary"
            disabled={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {pages.isFetchingNextPage ? "Loading…" : "Show older orders"}
          </button>
        )}
      </div>
    </>
  );
}
