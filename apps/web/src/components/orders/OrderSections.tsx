import type { ReactNode } from "react";
import { LocalDateTime } from "./LocalDateTime.tsx";
import styles from "./OrderDetailView.module.css";
import { OrderItemsTable } from "./OrderItemsTable.tsx";
import { OrderTimeline } from "./OrderTimeline.tsx";
import { type OrderDetail, orderNumber } from "./order-status.ts";
import { StatusBadge } from "./StatusBadge.tsx";

// The parts of an order's page that the shopper's view and the admin's view share.

type Viewer = "shopper" | "admin";

/**
 * The order's number, when it was placed (for admins: by whom) and its status. The shopper's status
 * is announced when it changes, because live events move it on while they watch; an admin moves it
 * themselves and hears the outcome from the actions panel instead.
 */
export function OrderHeader({ order, viewer }: { order: OrderDetail; viewer: Viewer }) {
  return (
    <header className={styles.header}>
      <div>
        <h1 id="order-title" className={styles.title}>
          Order {orderNumber(order.id)}
        </h1>
        <p className={styles.meta}>
          {viewer === "admin" ? `${order.userEmail} · placed` : "Placed"}{" "}
          <LocalDateTime value={order.createdAt} />
        </p>
      </div>
      <p className={styles.status} aria-live={viewer === "shopper" ? "polite" : undefined}>
        <span className="visually-hidden">Status: </span>
        <StatusBadge status={order.status} />
      </p>
    </header>
  );
}

/** A boxed section of the order page, named by its heading. */
export function OrderPanel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className={styles.panel} aria-labelledby={id}>
      <h2 id={id} className={styles.heading}>
        {title}
      </h2>
      {children}
    </section>
  );
}

interface OrderItemsAndTimelineProps {
  order: OrderDetail;
  viewer: Viewer;
  /** Shown under the timeline (the shopper's cancel button). */
  children?: ReactNode;
}

/** The order's lines beside its timeline; a shopper follows its "Progress", an admin reads its "Timeline". */
export function OrderItemsAndTimeline({ order, viewer, children }: OrderItemsAndTimelineProps) {
  return (
    <div className={styles.columns}>
      <OrderPanel id="order-items" title="Items">
        <OrderItemsTable order={order} />
      </OrderPanel>
      <OrderPanel id="order-progress" title={viewer === "admin" ? "Timeline" : "Progress"}>
        <OrderTimeline status={order.status} history={order.history} viewer={viewer} />
        {children}
      </OrderPanel>
    </div>
  );
}
